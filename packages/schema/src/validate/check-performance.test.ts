import { describe, expect, it } from 'vitest';
import sample from '../../test/fixtures/sample-app.json' with { type: 'json' };
import { validateApp } from './validate-app.js';

// biome-ignore lint/suspicious/noExplicitAny: tests add documents at arbitrary paths
type Doc = Record<string, any>;
const L = { en: 'x', 'zh-CN': 'x' };
const goal = {
  id: 'revenue',
  label: L,
  entity: 'gadget',
  measure: { id: 'amount', op: 'sum', field: 'price' },
  dateField: 'due',
  targets: [{ period: 'year', start: '2026-01-01', amount: 1000 }],
};
const forecast = {
  id: 'pipeline',
  entity: 'gadget',
  stageMachine: 'flow',
  amountField: 'price',
  closeDateField: 'due',
  snapshotDays: [1, 15],
};
const scorecard = {
  id: 'reps',
  label: L,
  role: 'qa',
  metrics: [
    {
      id: 'sold',
      label: L,
      kind: 'result',
      entity: 'gadget',
      measure: { id: 'n', op: 'count' },
      weight: 1,
      tiers: [{ min: 0, points: 0 }],
    },
  ],
};

function issuesOf(mutate: (app: Doc) => void): { code: string; path: string }[] {
  const app = structuredClone(sample) as Doc;
  app.goals = [structuredClone(goal)];
  app.forecasts = [structuredClone(forecast)];
  app.scorecards = [structuredClone(scorecard)];
  mutate(app);
  const r = validateApp(app);
  return r.ok ? [] : r.issues.map(({ code, path }) => ({ code, path }));
}

describe('goals, forecasts and scorecards in the app', () => {
  it('are optional lists: an app without them parses with empty lists', () => {
    const r = validateApp(sample);
    expect(r.ok && [r.value.goals, r.value.forecasts, r.value.scorecards]).toEqual([[], [], []]);
  });

  it('accept valid documents', () => {
    expect(issuesOf(() => {})).toEqual([]);
  });

  it('report unknown references and wrong field types at their JSON paths', () => {
    expect(
      issuesOf((a) => {
        a.goals[0].measure.field = 'title';
        a.goals[0].dateField = 'nope';
        a.goals.push({ ...goal });
        a.forecasts[0].stageMachine = 'other';
        a.forecasts[0].amountField = 'discount';
        a.forecasts[0].closeDateField = 'qty';
        a.scorecards[0].role = 'ghost';
        a.scorecards[0].metrics[0].entity = 'nothing';
      }),
    ).toEqual([
      { code: 'DUPLICATE_ID', path: '/goals/1/id' },
      { code: 'VALIDATION_FAILED', path: '/goals/0/measure/field' },
      { code: 'REFERENCE_UNKNOWN', path: '/goals/0/dateField' },
      { code: 'REFERENCE_UNKNOWN', path: '/forecasts/0/stageMachine' },
      { code: 'VALIDATION_FAILED', path: '/forecasts/0/amountField' },
      { code: 'VALIDATION_FAILED', path: '/forecasts/0/closeDateField' },
      { code: 'REFERENCE_UNKNOWN', path: '/scorecards/0/role' },
      { code: 'REFERENCE_UNKNOWN', path: '/scorecards/0/metrics/0/entity' },
    ]);
  });

  it('refuse a ratio as a single measure', () => {
    expect(
      issuesOf((a) => {
        a.scorecards[0].metrics[0].measure = { id: 'r', op: 'ratio', numerator: 'a', denominator: 'b' };
      }),
    ).toEqual([{ code: 'VALIDATION_FAILED', path: '/scorecards/0/metrics/0/measure/op' }]);
  });
});
