/**
 * Cross-document checks of the performance documents: goals, forecast settings and scorecards
 * name entities, fields, stage machines and roles of the app, at exact JSON paths.
 */
import type { App } from '../documents/app.js';
import type { Measure } from '../documents/dashboard.js';
import { type Checker, NUMERIC_TYPES } from './app-index.js';
import { pointer } from './issues.js';

const DATE_TYPES = ['date', 'datetime'] as const;

/** One measure over an entity: a single measure, so a ratio has nothing to divide. */
function checkMeasure(c: Checker, entityId: string, m: Measure, at: PropertyKey[]): void {
  if (m.op === 'ratio') {
    c.out.add('VALIDATION_FAILED', pointer(...at, 'op'), {
      en: 'A single measure cannot be a ratio.',
      'zh-CN': '单个度量不能是比率。',
    });
    return;
  }
  if (m.field === undefined) {
    if (m.op !== 'count')
      c.out.add('VALIDATION_FAILED', pointer(...at, 'field'), {
        en: `"${m.op}" needs a field.`,
        'zh-CN': `「${m.op}」需要指定字段。`,
      });
    return;
  }
  const found = c.field(entityId, m.field, [...at, 'field']);
  if (m.op === 'sum' || m.op === 'avg') c.fieldType(found, NUMERIC_TYPES, [...at, 'field']);
}

/** Goals, forecasts and scorecards of the app. */
export function checkPerformance(c: Checker, app: App): void {
  c.unique(app.goals, (g) => g.id, ['goals']);
  app.goals.forEach((goal, i) => {
    const at = ['goals', i];
    if (!c.entity(goal.entity, [...at, 'entity'])) return;
    checkMeasure(c, goal.entity, goal.measure, [...at, 'measure']);
    if (goal.dateField !== undefined)
      c.fieldType(c.field(goal.entity, goal.dateField, [...at, 'dateField']), DATE_TYPES, [
        ...at,
        'dateField',
      ]);
  });
  c.unique(app.forecasts, (f) => f.id, ['forecasts']);
  app.forecasts.forEach((f, i) => {
    const at = ['forecasts', i];
    if (!c.entity(f.entity, [...at, 'entity'])) return;
    const machine = c.index.machines.get(f.stageMachine);
    if (!machine || machine.entity !== f.entity)
      c.out.add('REFERENCE_UNKNOWN', pointer(...at, 'stageMachine'), {
        en: `Entity "${f.entity}" has no stage machine "${f.stageMachine}".`,
        'zh-CN': `实体「${f.entity}」没有阶段流程「${f.stageMachine}」。`,
      });
    c.fieldType(
      c.field(f.entity, f.amountField, [...at, 'amountField']),
      ['number', 'currency'],
      [...at, 'amountField'],
    );
    c.fieldType(c.field(f.entity, f.closeDateField, [...at, 'closeDateField']), DATE_TYPES, [
      ...at,
      'closeDateField',
    ]);
    c.unique(f.factors, (x) => x.id, [...at, 'factors']);
  });
  c.unique(app.scorecards, (s) => s.id, ['scorecards']);
  app.scorecards.forEach((card, i) => {
    const at = ['scorecards', i];
    c.role(card.role, [...at, 'role']);
    c.unique(card.metrics, (m) => m.id, [...at, 'metrics']);
    card.metrics.forEach((m, k) => {
      const mAt = [...at, 'metrics', k];
      if (c.entity(m.entity, [...mAt, 'entity'])) checkMeasure(c, m.entity, m.measure, [...mAt, 'measure']);
    });
  });
}
