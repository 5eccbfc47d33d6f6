import {
  type AggregatePlan,
  type MetricsPlan,
  planForecast,
  planWidget,
  recordsQuery,
  type WidgetPlan,
} from '@stagecraft/engine';
import type { Widget } from '@stagecraft/schema';
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../src/index.js';
import { createMetricsRepository } from '../src/metrics/metrics-repository.js';
import { createOrgFixture, describeDialects, type OrgFixture } from '../src/testing/index.js';
import { dealId, loadDeals, metricsApp } from './metrics-fixture.js';

const TZ = 'Asia/Shanghai';
const NOW = '2026-03-01T00:00:00.000Z';
const L = { en: 'w' };

describeDialects('metrics executor', (ctx) => {
  let org: OrgFixture;
  beforeAll(async () => {
    org = await createOrgFixture(ctx.store);
    await ctx.store.apps.create(org.actors.admin, metricsApp);
    const published = await ctx.store.apps.publish(org.actors.admin, 'sales', metricsApp);
    if (!published.ok) throw new Error(JSON.stringify(published.issues));
    await loadDeals(ctx.store, org);
  });

  const plan = (widget: Partial<Widget>, drill?: unknown[], now = NOW): WidgetPlan => {
    const planned = planWidget(
      metricsApp,
      {
        id: 'w',
        label: L,
        entity: 'deal',
        chart: 'bar',
        measures: [{ id: 'n', op: 'count' }],
        ...widget,
      } as Widget,
      { timeZone: TZ, now, ...(drill ? { drill } : {}), orgUnits: Object.values(org.units) },
    );
    if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
    return planned.value;
  };
  const run = async (p: MetricsPlan, actor: Actor = org.actors.admin, now = NOW) => {
    const result = await ctx.store.metrics.run(actor, 'sales', p, now);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    return result.value;
  };
  const funnel = {
    chart: 'funnel' as const,
    measures: [
      { id: 'deals', op: 'count' as const },
      { id: 'value', op: 'sum' as const, field: 'amount' },
    ],
  };

  it('kpi/table: count, sum, avg, min, max, distinct count and a ratio', async () => {
    const result = await run(
      plan({
        chart: 'kpi',
        measures: [
          { id: 'n', op: 'count' },
          { id: 'total', op: 'sum', field: 'amount' },
          { id: 'mean', op: 'avg', field: 'amount' },
          { id: 'low', op: 'min', field: 'amount' },
          { id: 'high', op: 'max', field: 'amount' },
          { id: 'reps', op: 'count_distinct', field: 'owner' },
          { id: 'perDeal', op: 'ratio', numerator: 'total', denominator: 'n' },
        ],
      }),
    );
    expect(result.rows).toEqual([
      { n: 5, total: 1500, mean: 300, low: 100, high: 500, reps: 4, perDeal: 300 },
    ]);
  });

  it('kpi compared with the previous month in Shanghai', async () => {
    const result = await run(
      plan(
        { chart: 'kpi', comparePrevious: true, measures: [{ id: 'total', op: 'sum', field: 'amount' }] },
        undefined,
        '2026-02-25T00:00:00.000Z',
      ),
      org.actors.admin,
    );
    // February (local) holds d3 (created 02-01 00:00 local), d4 and d5; January holds d2 only.
    expect(result).toEqual({ rows: [{ total: 1200 }], previous: { total: 200 } });
  });

  it('funnel: reached counts and amounts per step from stage history, conversion step to step', async () => {
    const result = await run(plan({ ...funnel, stageMachine: 'pipe' }));
    expect(result.rows).toEqual([
      { stage: 'contact', deals: 5, value: 1500, conversion: null },
      { stage: 'needs', deals: 4, value: 1200, conversion: 0.8 },
      { stage: 'proposal', deals: 2, value: 600, conversion: 0.5 },
      { stage: 'won', deals: 1, value: 100, conversion: 0.5 },
    ]);
  });

  it('funnel by region (org level 1), a missing step filled with zero', async () => {
    const result = await run(
      plan({ ...funnel, dimensions: [{ id: 'region', field: 'orgUnit', orgLevel: 1 }] }),
    );
    const east = result.rows
      .filter((r) => r.region === 'east')
      .map((r) => [r.stage, r.deals, r.value, r.conversion]);
    expect(east).toEqual([
      ['contact', 4, 1100, null],
      ['needs', 3, 800, 0.75],
      ['proposal', 2, 600, 2 / 3],
      ['won', 1, 100, 0.5],
    ]);
    const west = result.rows.filter((r) => r.region === 'west').map((r) => [r.stage, r.deals, r.conversion]);
    expect(west).toEqual([
      ['contact', 1, null],
      ['needs', 1, 1],
      ['proposal', 0, 0],
      ['won', 0, null],
    ]);
  });

  it('stage dwell: finished stays from history plus ongoing stays up to now', async () => {
    const result = await run(plan({ chart: 'stage_dwell', measures: [] }));
    // contact: 24, 12, 36, 48 finished + d3 ongoing 680 h → 800/5; needs: 48, 24, 24 + d2 48 h → 144/4;
    // proposal: 72 + d5 72 h
    expect(result.rows).toEqual([
      { stage: 'contact', stays: 5, hours: 160 },
      { stage: 'needs', stays: 4, hours: 36 },
      { stage: 'proposal', stays: 2, hours: 72 },
    ]);
    const max = await run(
      plan({ chart: 'stage_dwell', measures: [], options: { statistic: 'max', includeCurrent: false } }),
    );
    expect(max.rows).toEqual([
      { stage: 'contact', stays: 4, hours: 48 },
      { stage: 'needs', stays: 3, hours: 48 },
      { stage: 'proposal', stays: 1, hours: 72 },
    ]);
  });

  it('time buckets across the month and year boundary in Asia/Shanghai', async () => {
    const sum = [
      { id: 'n', op: 'count' as const },
      { id: 'total', op: 'sum' as const, field: 'amount' },
    ];
    const month = await run(
      plan({ chart: 'line', measures: sum, dimensions: [{ id: 'm', field: 'createdAt', bucket: 'month' }] }),
    );
    expect(month.rows).toEqual([
      { m: '2025-12-01', n: 1, total: 100 },
      { m: '2026-01-01', n: 1, total: 200 },
      { m: '2026-02-01', n: 3, total: 1200 },
    ]);
    const week = await run(
      plan({ chart: 'line', dimensions: [{ id: 'w', field: 'createdAt', bucket: 'week' }] }),
    );
    expect(week.rows).toEqual([
      { w: '2025-12-29', n: 2 },
      { w: '2026-01-26', n: 1 },
      { w: '2026-02-09', n: 1 },
      { w: '2026-02-16', n: 1 },
    ]);
    const year = await run(
      plan({ chart: 'bar', dimensions: [{ id: 'y', field: 'createdAt', bucket: 'year' }] }),
    );
    expect(year.rows).toEqual([
      { y: '2025-01-01', n: 1 },
      { y: '2026-01-01', n: 4 },
    ]);
    const quarter = await run(
      plan({ chart: 'bar', dimensions: [{ id: 'q', field: 'closeDate', bucket: 'quarter' }] }),
    );
    expect(quarter.rows).toEqual([
      { q: '2026-01-01', n: 4 },
      { q: '2026-04-01', n: 1 },
    ]);
  });

  it('day buckets across the year and month boundaries in Asia/Shanghai, and a day’s records', async () => {
    const sum = [
      { id: 'n', op: 'count' as const },
      { id: 'total', op: 'sum' as const, field: 'amount' },
    ];
    const p = plan({
      chart: 'bar',
      measures: sum,
      dimensions: [{ id: 'd', field: 'createdAt', bucket: 'day' }],
    });
    // d1 23:30 on 12-31 and d2 00:30 on 01-01 (local) are 1 h apart across the year boundary; d3 is
    // 16:00 on 01-31 in UTC, 00:00 on 02-01 in Shanghai, so it counts in February.
    expect((await run(p)).rows).toEqual([
      { d: '2025-12-31', n: 1, total: 100 },
      { d: '2026-01-01', n: 1, total: 200 },
      { d: '2026-02-01', n: 1, total: 300 },
      { d: '2026-02-15', n: 1, total: 400 },
      { d: '2026-02-20', n: 1, total: 500 },
    ]);
    const firstOfFeb = recordsQuery(p, { d: '2026-02-01' }, TZ, []);
    const list = await ctx.store.records.list(org.actors.admin, 'sales', 'deal', firstOfFeb);
    expect(list.ok && list.value.records.map((r) => r.id)).toEqual([dealId(3)]);
    const closeDays = await run(
      plan({ chart: 'line', dimensions: [{ id: 'd', field: 'closeDate', bucket: 'day' }] }),
    );
    expect(closeDays.rows).toEqual([
      { d: '2026-01-15', n: 1 },
      { d: '2026-02-28', n: 1 },
      { d: '2026-03-10', n: 1 },
      { d: '2026-03-20', n: 1 },
      { d: '2026-04-05', n: 1 },
    ]);
  });

  it('stacked bar: amount per team (org level 2) stacked by current stage', async () => {
    const result = await run(
      plan({
        chart: 'stacked_bar',
        measures: [{ id: 'total', op: 'sum', field: 'amount' }],
        dimensions: [
          { id: 'team', field: 'orgUnit', orgLevel: 2 },
          { id: 's', field: 'stage' },
        ],
      }),
    );
    // east1: d1 won 100, d2 needs 200, d5 proposal 500; east2: d3 contact 300; west1: d4 lost 400
    expect(result.rows).toEqual([
      { team: 'east1', s: 'needs', total: 200 },
      { team: 'east1', s: 'proposal', total: 500 },
      { team: 'east1', s: 'won', total: 100 },
      { team: 'east2', s: 'contact', total: 300 },
      { team: 'west1', s: 'lost', total: 400 },
    ]);
  });

  it('table: several measures per rep, sorted by one of them', async () => {
    const u = org.users;
    const result = await run(
      plan({
        chart: 'table',
        measures: [
          { id: 'n', op: 'count' },
          { id: 'total', op: 'sum', field: 'amount' },
          { id: 'mean', op: 'avg', field: 'amount' },
          { id: 'stages', op: 'count_distinct', field: 'stage' },
          { id: 'perDeal', op: 'ratio', numerator: 'total', denominator: 'n' },
        ],
        dimensions: [{ id: 'rep', field: 'owner' }],
        sort: [{ by: 'total', direction: 'desc' }],
      }),
    );
    expect(result.rows).toEqual([
      { rep: u.east1Rep.id, n: 2, total: 600, mean: 300, stages: 2, perDeal: 300 },
      { rep: u.westRep.id, n: 1, total: 400, mean: 400, stages: 1, perDeal: 400 },
      { rep: u.east2Rep.id, n: 1, total: 300, mean: 300, stages: 1, perDeal: 300 },
      { rep: u.east1Rep2.id, n: 1, total: 200, mean: 200, stages: 1, perDeal: 200 },
    ]);
  });

  it('pivot: region × month cells with exact row, column and grand totals', async () => {
    const pivot = {
      chart: 'pivot' as const,
      measures: [
        { id: 'n', op: 'count' as const },
        { id: 'mean', op: 'avg' as const, field: 'amount' },
        { id: 'reps', op: 'count_distinct' as const, field: 'owner' },
      ],
      dimensions: [
        { id: 'region', field: 'orgUnit', orgLevel: 1 },
        { id: 'm', field: 'createdAt', bucket: 'month' as const },
      ],
    };
    const result = await run(plan(pivot));
    expect(result.rows).toEqual([
      { region: 'east', m: '2025-12-01', n: 1, mean: 100, reps: 1 },
      { region: 'east', m: '2026-01-01', n: 1, mean: 200, reps: 1 },
      { region: 'east', m: '2026-02-01', n: 2, mean: 400, reps: 2 },
      { region: 'west', m: '2026-02-01', n: 1, mean: 400, reps: 1 },
    ]);
    // East has 4 deals of 3 reps (east1Rep owns d1 and d5): not the 1 + 1 + 2 of its cells; its
    // average is 1100 / 4, not the mean of the cells' averages.
    expect(result.totals).toEqual({
      byRow: [
        { region: 'east', n: 4, mean: 275, reps: 3 },
        { region: 'west', n: 1, mean: 400, reps: 1 },
      ],
      byColumn: [
        { m: '2025-12-01', n: 1, mean: 100, reps: 1 },
        { m: '2026-01-01', n: 1, mean: 200, reps: 1 },
        { m: '2026-02-01', n: 3, mean: 400, reps: 3 },
      ],
      all: { n: 5, mean: 300, reps: 4 },
    });
    // limit keeps the first rows in the widget's order (here the region with most deals); the
    // cells follow the same sort; the totals still count every deal.
    const top = await run(plan({ ...pivot, sort: [{ by: 'n', direction: 'desc' }], limit: 1 }));
    expect(top.rows.map((r) => [r.region, r.m, r.n])).toEqual([
      ['east', '2026-02-01', 2],
      ['east', '2025-12-01', 1],
      ['east', '2026-01-01', 1],
    ]);
    expect(top.totals?.byRow).toEqual([{ region: 'east', n: 4, mean: 275, reps: 3 }]);
    expect(top.totals?.all).toEqual({ n: 5, mean: 300, reps: 4 });
    // One dimension: rows and a grand total; a rep's pivot counts only the rep's deals.
    const byStage = plan({
      ...pivot,
      measures: [{ id: 'n', op: 'count' }],
      dimensions: [{ id: 's', field: 'stage' }],
    });
    expect(await run(byStage, org.actors.east1Rep)).toEqual({
      rows: [
        { s: 'proposal', n: 1 },
        { s: 'won', n: 1 },
      ],
      totals: { byRow: [], byColumn: [], all: { n: 2 } },
    });
    const flat = planWidget(
      metricsApp,
      { id: 'w', label: L, entity: 'deal', ...pivot, dimensions: [] },
      {
        timeZone: TZ,
        now: NOW,
      },
    );
    expect(flat.ok || flat.issues.map((i) => [i.code, i.path])).toEqual([
      ['VALIDATION_FAILED', '/dimensions'],
    ]);
  });

  it('heat map (region × month) and pie groupings', async () => {
    const result = await run(
      plan({
        chart: 'heatmap',
        dimensions: [
          { id: 'region', field: 'orgUnit', orgLevel: 1 },
          { id: 'm', field: 'createdAt', bucket: 'month' },
        ],
      }),
    );
    expect(result.rows).toEqual([
      { region: 'east', m: '2025-12-01', n: 1 },
      { region: 'east', m: '2026-01-01', n: 1 },
      { region: 'east', m: '2026-02-01', n: 2 },
      { region: 'west', m: '2026-02-01', n: 1 },
    ]);
    const pie = await run(plan({ chart: 'pie', dimensions: [{ id: 's', field: 'stage' }] }));
    expect(pie.rows).toEqual([
      { s: 'contact', n: 1 },
      { s: 'lost', n: 1 },
      { s: 'needs', n: 1 },
      { s: 'proposal', n: 1 },
      { s: 'won', n: 1 },
    ]);
  });

  it('leaderboard: sum per rep, sorted, limited', async () => {
    const result = await run(
      plan({
        chart: 'leaderboard',
        measures: [{ id: 'total', op: 'sum', field: 'amount' }],
        dimensions: [{ id: 'rep', field: 'owner' }],
        sort: [{ by: 'total', direction: 'desc' }],
        limit: 2,
      }),
    );
    expect(result.rows).toEqual([
      { rep: org.users.east1Rep.id, total: 600 },
      { rep: org.users.westRep.id, total: 400 },
    ]);
  });

  it('radar: a rep’s deals per current stage', async () => {
    const result = await run(
      plan({
        chart: 'radar',
        dimensions: [
          { id: 'rep', field: 'owner' },
          { id: 's', field: 'stage' },
        ],
        filter: { '==': [{ var: 'owner' }, org.users.east1Rep.id] },
      }),
    );
    expect(result.rows).toEqual([
      { rep: org.users.east1Rep.id, s: 'proposal', n: 1 },
      { rep: org.users.east1Rep.id, s: 'won', n: 1 },
    ]);
  });

  it('gauge: a ratio of two measures over a filter', async () => {
    const result = await run(
      plan({
        chart: 'gauge',
        measures: [
          { id: 'all', op: 'count' },
          { id: 'big', op: 'count', field: 'title' },
          { id: 'share', op: 'ratio', numerator: 'won', denominator: 'all' },
          { id: 'won', op: 'sum', field: 'amount' },
        ],
        filter: { '>=': [{ var: 'amount' }, 300] },
      }),
    );
    expect(result.rows).toEqual([{ all: 3, big: 3, won: 1200, share: 400 }]);
  });

  it('drills region → team → rep through the org tree', async () => {
    const widget = {
      measures: [{ id: 'total', op: 'sum' as const, field: 'amount' }],
      dimensions: [
        { id: 'region', field: 'orgUnit', orgLevel: 1 },
        { id: 'team', field: 'orgUnit', orgLevel: 2 },
        { id: 'rep', field: 'owner' },
      ],
      options: { drill: true },
    };
    expect((await run(plan(widget))).rows).toEqual([
      { region: 'east', total: 1100 },
      { region: 'west', total: 400 },
    ]);
    expect((await run(plan(widget, ['east']))).rows).toEqual([
      { team: 'east1', total: 800 },
      { team: 'east2', total: 300 },
    ]);
    expect((await run(plan(widget, ['east', 'east1']))).rows).toEqual(
      [
        { rep: org.users.east1Rep.id, total: 600 },
        { rep: org.users.east1Rep2.id, total: 200 },
      ].sort((a, b) => a.rep.localeCompare(b.rep)),
    );
  });

  it('a funnel step opens exactly the records it counted: every step, every region, every scope', async () => {
    const byRegion = plan({
      ...funnel,
      dimensions: [{ id: 'region', field: 'orgUnit', orgLevel: 1 }],
      filter: { '>=': [{ var: 'amount' }, 200] },
    });
    const units = Object.values(org.units);
    let checked = 0;
    for (const actor of [org.actors.admin, org.actors.eastManager, org.actors.east1Rep, org.actors.westRep]) {
      for (const p of [plan({ ...funnel }), byRegion]) {
        for (const row of (await run(p, actor)).rows) {
          const point = p.dimensions.length ? { stage: row.stage, region: row.region } : { stage: row.stage };
          const query = recordsQuery(p, point, TZ, units);
          expect(query.reachedStage).toBe(row.stage);
          const list = await ctx.store.records.list(actor, 'sales', 'deal', { ...query, limit: 100 });
          if (!list.ok) throw new Error(JSON.stringify(list.issues));
          expect([row.stage, row.region, list.value.total]).toEqual([row.stage, row.region, row.deals]);
          const amount = list.value.records.reduce((a, r) => a + Number(r.amount), 0);
          expect([row.stage, row.region, amount]).toEqual([row.stage, row.region, row.value]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
    // By hand: east deals of at least 200 that reached "needs" are d2 (in it now) and d5 (moved on).
    const needsEast = recordsQuery(byRegion, { stage: 'needs', region: 'east' }, TZ, units);
    const ids = await ctx.store.records.list(org.actors.admin, 'sales', 'deal', {
      ...needsEast,
      sort: [{ field: 'amount', direction: 'asc' }],
    });
    expect(ids.ok && ids.value.records.map((r) => r.id)).toEqual([dealId(2), dealId(5)]);
    // Reached "needs" without a filter: d1 and d5 moved on, d4 was lost after it, d2 sits there.
    const needs = await ctx.store.records.list(org.actors.admin, 'sales', 'deal', {
      reachedStage: 'needs',
      sort: [{ field: 'amount', direction: 'asc' }],
    });
    expect(needs.ok && needs.value.records.map((r) => r.id)).toEqual([1, 2, 4, 5].map(dealId));
  });

  it('a dwell step opens the records that stayed in the stage', async () => {
    const units = Object.values(org.units);
    const ids = async (p: MetricsPlan, stage: string) => {
      const list = await ctx.store.records.list(org.actors.admin, 'sales', 'deal', {
        ...recordsQuery(p, { stage }, TZ, units),
        sort: [{ field: 'amount', direction: 'asc' }],
      });
      return list.ok ? list.value.records.map((r) => r.id) : list.issues;
    };
    const withCurrent = plan({ chart: 'stage_dwell', measures: [] });
    // contact: 5 stays (4 finished + d3 ongoing); proposal: d1 finished, d5 ongoing.
    expect(await ids(withCurrent, 'contact')).toEqual([1, 2, 3, 4, 5].map(dealId));
    expect(await ids(withCurrent, 'proposal')).toEqual([1, 5].map(dealId));
    const finished = plan({ chart: 'stage_dwell', measures: [], options: { includeCurrent: false } });
    expect(await ids(finished, 'contact')).toEqual([1, 2, 4, 5].map(dealId));
    expect(await ids(finished, 'needs')).toEqual([1, 4, 5].map(dealId));
  });

  it('refuses a reached stage the entity’s machine does not have', async () => {
    const bad = await ctx.store.records.list(org.actors.admin, 'sales', 'deal', { reachedStage: 'nope' });
    expect(bad.ok || bad.issues.map((i) => [i.code, i.path])).toEqual([
      ['VALIDATION_FAILED', '/reachedStage'],
    ]);
  });

  it('a bar opens the records of its time bucket', async () => {
    const month = plan({ dimensions: [{ id: 'm', field: 'createdAt', bucket: 'month' }] });
    const inMonth = recordsQuery(month, { m: '2026-01-01' }, TZ, []);
    expect(inMonth.reachedStage).toBeUndefined();
    const jan = await ctx.store.records.list(org.actors.admin, 'sales', 'deal', inMonth);
    expect(jan.ok && jan.value.records.map((r) => r.id)).toEqual([dealId(2)]);
  });

  it('applies record scope inside the query: rep, manager, admin', async () => {
    const p = plan({ ...funnel });
    const counts = async (actor: Actor) => (await run(p, actor)).rows.map((r) => r.deals);
    expect(await counts(org.actors.east1Rep)).toEqual([2, 2, 2, 1]);
    expect(await counts(org.actors.eastManager)).toEqual([4, 3, 2, 1]);
    expect(await counts(org.actors.admin)).toEqual([5, 4, 2, 1]);
    const dwell = await run(plan({ chart: 'stage_dwell', measures: [] }), org.actors.westRep);
    expect(dwell.rows).toEqual([
      { stage: 'contact', stays: 1, hours: 36 },
      { stage: 'needs', stays: 1, hours: 24 },
    ]);
  });

  it('forecast: amount × stage probability × factors by month and category', async () => {
    const planned = planForecast(
      metricsApp,
      {
        id: 'f',
        entity: 'deal',
        stageMachine: 'pipe',
        amountField: 'amount',
        closeDateField: 'closeDate',
        factors: [{ id: 'big', rule: { '>=': [{ var: 'amount' }, 400] }, multiplier: 0.5 }],
      },
      { timeZone: TZ },
    );
    if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
    const result = await run(planned.value);
    expect(result.rows).toEqual([
      { period: '2026-01-01', category: 'closed', deals: 1, amount: 100, weighted: 100 },
      { period: '2026-02-01', category: 'omitted', deals: 1, amount: 400, weighted: 0 },
      { period: '2026-03-01', category: 'pipeline', deals: 2, amount: 500, weighted: 90 },
      { period: '2026-04-01', category: 'commit', deals: 1, amount: 500, weighted: 150 },
    ]);
  });

  it('runs with its own work_mem in the query transaction, same numbers', async () => {
    const tuned = createMetricsRepository(ctx.store.db, { workMem: '16MB' });
    const p = plan({ ...funnel });
    expect(await tuned.run(org.actors.east1Rep, 'sales', p, NOW)).toEqual(
      await ctx.store.metrics.run(org.actors.east1Rep, 'sales', p, NOW),
    );
    expect(() => createMetricsRepository(ctx.store.db, { workMem: "1MB'; drop table x; --" })).toThrow();
  });

  it('refuses unknown fields and hostile filters as issues', async () => {
    const bad = await ctx.store.metrics.run(
      org.actors.admin,
      'sales',
      { ...(plan({}) as AggregatePlan), measures: [{ id: 'x', op: 'sum', field: 'nope' }] },
      NOW,
    );
    expect(bad.ok || bad.issues[0]?.code).toBe('UNKNOWN_FIELD');
    const hostile = await ctx.store.metrics.run(
      org.actors.admin,
      'sales',
      { ...plan({}), filter: { '==': [{ var: 'amount; drop table x' }, 1] } },
      NOW,
    );
    expect(hostile.ok).toBe(false);
  });
});
