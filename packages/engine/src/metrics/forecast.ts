/**
 * Forecast: weighted pipeline = amount × stage probability × the multipliers of the process-quality
 * factors whose rules hold (e.g. untouched for 72 h × 0.8), capped at 100 %, by period and forecast
 * category. The plan runs as one query; snapshots taken on the configured days let accuracy per rep
 * (forecast vs actual) be shown.
 */
import { type App, type ForecastSettings, type Issue, issue, type Result } from '@stagecraft/schema';
import type { ForecastPlan, TimeBucket } from './plan-types.js';
import { fieldType } from './plan-widget.js';

/** Plans the weighted pipeline of a forecast document. */
export function planForecast(
  app: App,
  settings: ForecastSettings,
  options: { timeZone: string; byOwner?: boolean },
): Result<ForecastPlan> {
  const entity = app.entities.find((e) => e.id === settings.entity);
  if (!entity) return { ok: false, issues: [issue('ENTITY_NOT_FOUND', '/entity')] };
  const issues: Issue[] = [];
  const machine = app.stageMachines.find((m) => m.id === settings.stageMachine && m.entity === entity.id);
  if (!machine)
    issues.push(
      issue('REFERENCE_UNKNOWN', '/stageMachine', {
        en: 'No such stage machine on this entity.',
        'zh-CN': '该实体没有这个阶段流程。',
      }),
    );
  const amount = fieldType(entity, settings.amountField);
  if (amount !== 'currency' && amount !== 'number')
    issues.push(
      issue('VALIDATION_FAILED', '/amountField', {
        en: 'The amount must be a number or currency field.',
        'zh-CN': '金额必须是数字或货币字段。',
      }),
    );
  const close = fieldType(entity, settings.closeDateField);
  if (close !== 'date' && close !== 'datetime')
    issues.push(
      issue('VALIDATION_FAILED', '/closeDateField', {
        en: 'The close date must be a date field.',
        'zh-CN': '成交日期必须是日期字段。',
      }),
    );
  if (issues.length) return { ok: false, issues };
  const bucket: TimeBucket = settings.period ?? 'month';
  return {
    ok: true,
    value: {
      kind: 'forecast',
      entity: entity.id,
      ...(settings.filter === undefined ? {} : { filter: settings.filter }),
      amountField: settings.amountField,
      stages: (machine?.stages ?? []).map((s) => ({
        id: s.id,
        probability: s.probability / 100,
        forecastCategory: s.forecastCategory,
      })),
      factors: (settings.factors ?? []).map((f) => ({ id: f.id, rule: f.rule, multiplier: f.multiplier })),
      closeDate: { field: settings.closeDateField, bucket, dateOnly: close === 'date' },
      byOwner: options.byOwner ?? false,
      timeZone: options.timeZone,
    },
  };
}

/** Probability of one deal: stage probability × the multipliers of the factors that hold, at most 1. */
export function adjustedProbability(stageProbability: number, multipliers: readonly number[]): number {
  return Math.min(
    1,
    multipliers.reduce((p, m) => p * m, stageProbability),
  );
}

/** Forecast accuracy: 1 − |forecast − actual| ÷ actual, floored at 0 (null without an actual). */
export function forecastAccuracy(forecast: number, actual: number): number | null {
  if (actual <= 0) return forecast === 0 && actual === 0 ? 1 : null;
  return Math.max(0, 1 - Math.abs(forecast - actual) / actual);
}

/** Whether a snapshot is due today (`YYYY-MM-DD`, workspace zone) and none was taken today yet. */
export function snapshotDue(
  snapshotDays: readonly number[],
  today: string,
  lastSnapshot: string | null,
): boolean {
  const day = Number(today.slice(8, 10));
  return snapshotDays.includes(day) && lastSnapshot !== today;
}
