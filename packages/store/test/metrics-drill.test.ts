import { type AggregatePlan, type MetricsPlan, planForecast, recordsQuery } from '@stagecraft/engine';
import { expect, it } from 'vitest';
import type { Actor } from '../src/index.js';
import { createMetricsRepository } from '../src/metrics/metrics-repository.js';
import { describeDialects } from '../src/testing/index.js';
import { dealId, metricsApp, metricsHarness, NOW, TZ } from './metrics-fixture.js';

const _L = { en: 'w' };

describeDialects('metrics executor: drill, scope, forecast and refusals', (ctx) => {
  const { h, plan, run, funnel } = metricsHarness(ctx);

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
        { rep: h.org.users.east1Rep.id, total: 600 },
        { rep: h.org.users.east1Rep2.id, total: 200 },
      ].sort((a, b) => a.rep.localeCompare(b.rep)),
    );
  });

  it('a funnel step opens exactly the records it counted: every step, every region, every scope', async () => {
    const byRegion = plan({
      ...funnel,
      dimensions: [{ id: 'region', field: 'orgUnit', orgLevel: 1 }],
      filter: { '>=': [{ var: 'amount' }, 200] },
    });
    const units = Object.values(h.org.units);
    let checked = 0;
    for (const actor of [
      h.org.actors.admin,
      h.org.actors.eastManager,
      h.org.actors.east1Rep,
      h.org.actors.westRep,
    ]) {
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
    const ids = await ctx.store.records.list(h.org.actors.admin, 'sales', 'deal', {
      ...needsEast,
      sort: [{ field: 'amount', direction: 'asc' }],
    });
    expect(ids.ok && ids.value.records.map((r) => r.id)).toEqual([dealId(2), dealId(5)]);
    // Reached "needs" without a filter: d1 and d5 moved on, d4 was lost after it, d2 sits there.
    const needs = await ctx.store.records.list(h.org.actors.admin, 'sales', 'deal', {
      reachedStage: 'needs',
      sort: [{ field: 'amount', direction: 'asc' }],
    });
    expect(needs.ok && needs.value.records.map((r) => r.id)).toEqual([1, 2, 4, 5].map(dealId));
  });

  it('a dwell step opens the records that stayed in the stage', async () => {
    const units = Object.values(h.org.units);
    const ids = async (p: MetricsPlan, stage: string) => {
      const list = await ctx.store.records.list(h.org.actors.admin, 'sales', 'deal', {
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
    const bad = await ctx.store.records.list(h.org.actors.admin, 'sales', 'deal', { reachedStage: 'nope' });
    expect(bad.ok || bad.issues.map((i) => [i.code, i.path])).toEqual([
      ['VALIDATION_FAILED', '/reachedStage'],
    ]);
  });

  it('a bar opens the records of its time bucket', async () => {
    const month = plan({ dimensions: [{ id: 'm', field: 'createdAt', bucket: 'month' }] });
    const inMonth = recordsQuery(month, { m: '2026-01-01' }, TZ, []);
    expect(inMonth.reachedStage).toBeUndefined();
    const jan = await ctx.store.records.list(h.org.actors.admin, 'sales', 'deal', inMonth);
    expect(jan.ok && jan.value.records.map((r) => r.id)).toEqual([dealId(2)]);
  });

  it('applies record scope inside the query: rep, manager, admin', async () => {
    const p = plan({ ...funnel });
    const counts = async (actor: Actor) => (await run(p, actor)).rows.map((r) => r.deals);
    expect(await counts(h.org.actors.east1Rep)).toEqual([2, 2, 2, 1]);
    expect(await counts(h.org.actors.eastManager)).toEqual([4, 3, 2, 1]);
    expect(await counts(h.org.actors.admin)).toEqual([5, 4, 2, 1]);
    const dwell = await run(plan({ chart: 'stage_dwell', measures: [] }), h.org.actors.westRep);
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
    expect(await tuned.run(h.org.actors.east1Rep, 'sales', p, NOW)).toEqual(
      await ctx.store.metrics.run(h.org.actors.east1Rep, 'sales', p, NOW),
    );
    expect(() => createMetricsRepository(ctx.store.db, { workMem: "1MB'; drop table x; --" })).toThrow();
  });

  it('refuses unknown fields and hostile filters as issues', async () => {
    const bad = await ctx.store.metrics.run(
      h.org.actors.admin,
      'sales',
      { ...(plan({}) as AggregatePlan), measures: [{ id: 'x', op: 'sum', field: 'nope' }] },
      NOW,
    );
    expect(bad.ok || bad.issues[0]?.code).toBe('UNKNOWN_FIELD');
    const hostile = await ctx.store.metrics.run(
      h.org.actors.admin,
      'sales',
      { ...plan({}), filter: { '==': [{ var: 'amount; drop table x' }, 1] } },
      NOW,
    );
    expect(hostile.ok).toBe(false);
  });
});
