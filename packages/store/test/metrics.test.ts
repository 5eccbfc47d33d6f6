import { planWidget, recordsQuery } from '@stagecraft/engine';
import { expect, it } from 'vitest';
import { describeDialects } from '../src/testing/index.js';
import { dealId, metricsApp, metricsHarness, NOW, TZ } from './metrics-fixture.js';

const L = { en: 'w' };

describeDialects('metrics executor', (ctx) => {
  const { h, plan, run, funnel } = metricsHarness(ctx);

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
      h.org.actors.admin,
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
    const list = await ctx.store.records.list(h.org.actors.admin, 'sales', 'deal', firstOfFeb);
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
    const u = h.org.users;
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
    expect(await run(byStage, h.org.actors.east1Rep)).toEqual({
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
      { rep: h.org.users.east1Rep.id, total: 600 },
      { rep: h.org.users.westRep.id, total: 400 },
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
        filter: { '==': [{ var: 'owner' }, h.org.users.east1Rep.id] },
      }),
    );
    expect(result.rows).toEqual([
      { rep: h.org.users.east1Rep.id, s: 'proposal', n: 1 },
      { rep: h.org.users.east1Rep.id, s: 'won', n: 1 },
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
});
