/**
 * What the store keeps for dashboards, on PGlite and PostgreSQL: the stages each record moved
 * into (`_stages_reached`, written by the stage-history trigger for the importer and the transition
 * step alike, so a funnel counts a record that moved on), the planner statistics of the published
 * time buckets, and forecast snapshots (taken by an admin, replaced the same day, read under the
 * reader's scope).
 */
import { planForecast, planWidget } from '@stagecraft/engine';
import { App, type ForecastSettings, type Widget } from '@stagecraft/schema';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { migration as upgrade } from '../src/migrations/300-stage-reached.js';
import { createOrgFixture, describeDialects, type OrgFixture } from '../src/testing/index.js';

const L = (en: string) => ({ en });
const stage = (id: string, category: string, probability: number, forecastCategory: string) => ({
  id,
  label: L(id),
  category,
  probability,
  forecastCategory,
});
const weekly = {
  id: 'weekly',
  label: L('Weekly'),
  entity: 'deal',
  chart: 'line',
  measures: [{ id: 'n', op: 'count' }],
  dimensions: [{ id: 'week', field: 'createdAt', bucket: 'week' }],
} as const;
const base = {
  schemaVersion: 2,
  id: 'upkeep',
  label: L('Upkeep'),
  settings: { timeZone: 'Asia/Shanghai' },
  entities: [
    {
      id: 'deal',
      label: L('Deal'),
      fields: [
        { id: 'amount', type: 'currency', label: L('Amount') },
        { id: 'closeDate', type: 'date', label: L('Close') },
      ],
    },
  ],
  stageMachines: [
    {
      id: 'pipe',
      entity: 'deal',
      label: L('Pipe'),
      initialStage: 'a',
      stages: [
        stage('a', 'open', 10, 'pipeline'),
        stage('b', 'open', 50, 'commit'),
        stage('c', 'won', 100, 'closed'),
        stage('x', 'lost', 0, 'omitted'),
      ],
      transitions: [{ id: 'go', label: L('Go'), from: ['*'], to: 'c' }],
    },
  ],
};
const app = App.parse({ ...base, dashboards: [{ id: 'd', label: L('D'), widgets: [weekly] }] });
const entity = app.entities[0] as App['entities'][number];
const TZ = 'Asia/Shanghai';

describeDialects('metrics upkeep', (ctx) => {
  let org: OrgFixture;
  const reached = async (id: string) => {
    const { rows } = await sql<{
      s: string[] | null;
    }>`select _stages_reached as s from t1_deal where id = ${id}`.execute(ctx.store.db);
    return rows[0]?.s ?? null;
  };
  const statistics = async () =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from pg_statistic_ext s join pg_class c on c.oid = s.stxrelid
        where c.relname = 't1_deal'`.execute(ctx.store.db)
    ).rows[0]?.n;

  beforeAll(async () => {
    org = await createOrgFixture(ctx.store);
    await ctx.store.apps.create(org.actors.admin, app);
    const published = await ctx.store.apps.publish(org.actors.admin, 'upkeep', app);
    if (!published.ok) throw new Error(JSON.stringify(published.issues));
    const n = await sql<{ no: number }>`select no from apps where id = 'upkeep'`.execute(ctx.store.db);
    expect(Number(n.rows[0]?.no)).toBe(1);
    const row = (id: string, owner: string, unit: string, stageId: string, amount: number) => ({
      id,
      owner,
      orgUnit: unit,
      stage: stageId,
      stageEnteredAt: '2026-01-10T00:00:00.000Z',
      createdAt: '2026-01-05T00:00:00.000Z',
      values: { amount, closeDate: '2026-03-15' },
    });
    const east = org.users.east1Rep;
    const west = org.users.westRep;
    const inserted = await ctx.store.imports.insertMany(org.actors.admin, 'upkeep', 'deal', [
      row('d1', east.id, east.orgUnitId ?? '', 'a', 100),
      row('d2', east.id, east.orgUnitId ?? '', 'x', 200),
      row('d3', west.id, west.orgUnitId ?? '', 'b', 400),
    ]);
    if (!inserted.ok) throw new Error(JSON.stringify(inserted.issues));
    const move = (recordId: string, from: string, to: string, at: string) => ({
      recordId,
      transitionId: 'go',
      from,
      to,
      at,
      actor: null,
      dwellMs: 1000,
    });
    // d2 went a → b → x; d3 a → b (twice: the set keeps b once).
    const moved = await ctx.store.imports.appendStageHistory(org.actors.admin, 'upkeep', 'deal', [
      move('d2', 'a', 'b', '2026-01-06T00:00:00.000Z'),
      move('d2', 'b', 'x', '2026-01-07T00:00:00.000Z'),
      move('d3', 'a', 'b', '2026-01-06T00:00:00.000Z'),
    ]);
    if (!moved.ok) throw new Error(JSON.stringify(moved.issues));
    const again = await ctx.store.imports.appendStageHistory(org.actors.admin, 'upkeep', 'deal', [
      move('d3', 'b', 'b', '2026-01-08T00:00:00.000Z'),
    ]);
    if (!again.ok) throw new Error(JSON.stringify(again.issues));
  });

  it('keeps the stages each record moved into, from the importer and the transition step', async () => {
    expect(await reached('d1')).toBeNull();
    expect(await reached('d2')).toEqual(['b', 'x']);
    expect(await reached('d3')).toEqual(['b']);
    const applied = await ctx.store.stages.apply(org.actors.admin, {
      app: 'upkeep',
      entity,
      recordId: 'd3',
      expectedVersion: 1,
      changes: { stage: 'c', stageEnteredAt: '2026-02-01T00:00:00.000Z' },
      history: {
        from: 'b',
        to: 'c',
        transitionId: 'go',
        actor: org.users.admin.id,
        at: '2026-02-01T00:00:00.000Z',
        dwellMs: 1000,
      },
      evidence: {},
      definitionVersion: 1,
    });
    expect(applied.ok).toBe(true);
    expect(await reached('d3')).toEqual(['b', 'c']);
    // The funnel: all three started in a; d2 and d3 reached b; only d3 reached c.
    const plan = planWidget(
      app,
      {
        id: 'f',
        label: L('F'),
        entity: 'deal',
        chart: 'funnel',
        stageMachine: 'pipe',
        measures: [
          { id: 'n', op: 'count' },
          { id: 'mean', op: 'avg', field: 'amount' },
          { id: 'reps', op: 'count_distinct', field: 'owner' },
        ],
      } as Widget,
      { timeZone: TZ, now: '2026-03-01T00:00:00.000Z' },
    );
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    const result = await ctx.store.metrics.run(
      org.actors.admin,
      'upkeep',
      plan.value,
      '2026-03-01T00:00:00.000Z',
    );
    expect(result.ok && result.value.rows.map((r) => [r.stage, r.n, r.mean, r.reps])).toEqual([
      ['a', 3, 700 / 3, 2],
      ['b', 2, 300, 2],
      ['c', 1, 400, 1],
    ]);
    // By month of creation (a time bucket in the first grouping, formatted per group).
    const byMonth = planWidget(
      app,
      {
        id: 'm',
        label: L('M'),
        entity: 'deal',
        chart: 'funnel',
        stageMachine: 'pipe',
        measures: [{ id: 'n', op: 'count' }],
        dimensions: [{ id: 'month', field: 'createdAt', bucket: 'month' }],
      } as Widget,
      { timeZone: TZ, now: '2026-03-01T00:00:00.000Z' },
    );
    if (!byMonth.ok) throw new Error(JSON.stringify(byMonth.issues));
    const monthly = await ctx.store.metrics.run(
      org.actors.admin,
      'upkeep',
      byMonth.value,
      '2026-03-01T00:00:00.000Z',
    );
    expect(monthly.ok && monthly.value.rows.map((r) => [r.month, r.stage, r.n])).toEqual([
      ['2026-01-01', 'a', 3],
      ['2026-01-01', 'b', 2],
      ['2026-01-01', 'c', 1],
    ]);
    // Per rep and region: east1Rep has d1 (a) and d2 (a → b → x), westRep d3 (a → b → c).
    const byRep = planWidget(
      app,
      {
        id: 'r',
        label: L('R'),
        entity: 'deal',
        chart: 'funnel',
        stageMachine: 'pipe',
        measures: [{ id: 'n', op: 'count' }],
        dimensions: [
          { id: 'region', field: 'orgUnit', orgLevel: 1 },
          { id: 'rep', field: 'owner' },
        ],
      } as Widget,
      { timeZone: TZ, now: '2026-03-01T00:00:00.000Z' },
    );
    if (!byRep.ok) throw new Error(JSON.stringify(byRep.issues));
    const grouped = await ctx.store.metrics.run(
      org.actors.admin,
      'upkeep',
      byRep.value,
      '2026-03-01T00:00:00.000Z',
    );
    const east = org.users.east1Rep.id;
    const west = org.users.westRep.id;
    expect(
      (grouped.ok ? grouped.value.rows : [])
        .map((r) => [r.region, r.rep, r.stage, r.n])
        .sort((x, y) => String(x).localeCompare(String(y))),
    ).toEqual(
      [
        ['east', east, 'a', 2],
        ['east', east, 'b', 1],
        ['east', east, 'c', 0],
        ['west', west, 'a', 1],
        ['west', west, 'b', 1],
        ['west', west, 'c', 1],
      ].sort((x, y) => String(x).localeCompare(String(y))),
    );
  });

  it('fills the column of a table that existed before the upgrade from its history', async () => {
    await sql`alter table t1_deal drop column _stages_reached`.execute(ctx.store.db);
    await upgrade.up(ctx.store.db);
    expect(await reached('d1')).toBeNull();
    expect(await reached('d2')).toEqual(['b', 'x']);
    expect(await reached('d3')).toEqual(['b', 'c']);
  });

  it('creates planner statistics for the published time buckets and drops unused ones', async () => {
    expect(await statistics()).toBe(1);
    const without = App.parse({ ...base, dashboards: [] });
    const published = await ctx.store.apps.publish(org.actors.admin, 'upkeep', without);
    expect(published.ok).toBe(true);
    expect(await statistics()).toBe(0);
    const back = await ctx.store.apps.publish(org.actors.admin, 'upkeep', app);
    expect(back.ok).toBe(true);
    expect(await statistics()).toBe(1);
  });

  it('takes forecast snapshots as an admin, replaces the same day, and reads them under scope', async () => {
    const settings: ForecastSettings = {
      id: 'fc',
      entity: 'deal',
      stageMachine: 'pipe',
      amountField: 'amount',
      closeDateField: 'closeDate',
    };
    const plan = planForecast(app, settings, { timeZone: TZ, byOwner: true });
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    const refused = await ctx.store.metrics.takeForecastSnapshot(
      org.actors.eastManager,
      'upkeep',
      'fc',
      plan.value,
      '2026-03-01T00:00:00.000Z',
    );
    expect(refused.ok ? '' : refused.issues[0]?.code).toBe('FORBIDDEN');
    // 2026-02-28T17:00Z is 1 March in Shanghai; taken twice that day, the second replaces the first.
    for (const now of ['2026-02-28T17:00:00.000Z', '2026-02-28T18:00:00.000Z']) {
      const taken = await ctx.store.metrics.takeForecastSnapshot(
        org.actors.admin,
        'upkeep',
        'fc',
        plan.value,
        now,
      );
      expect(taken).toEqual({ ok: true, value: { takenOn: '2026-03-01', rows: 3 } });
    }
    const all = await ctx.store.metrics.forecastSnapshots(org.actors.admin, 'upkeep', 'deal', {
      forecast: 'fc',
    });
    const east = org.users.east1Rep.id;
    const west = org.users.westRep.id;
    const lines = (all.ok ? all.value : []).map((r) => [
      r.takenOn,
      r.period,
      r.owner,
      r.category,
      r.amount,
      r.weighted,
    ]);
    expect(lines.sort()).toEqual(
      [
        ['2026-03-01', '2026-03-01', east, 'omitted', 200, 0],
        ['2026-03-01', '2026-03-01', east, 'pipeline', 100, 10],
        ['2026-03-01', '2026-03-01', west, 'closed', 400, 400],
      ].sort(),
    );
    expect(all.ok && all.value[0]?.takenAt).toBe('2026-02-28T18:00:00.000Z');
    const rep = await ctx.store.metrics.forecastSnapshots(org.actors.westRep, 'upkeep', 'deal', {
      forecast: 'fc',
    });
    expect(rep.ok && rep.value.map((r) => r.owner)).toEqual([west]);
    const manager = await ctx.store.metrics.forecastSnapshots(org.actors.eastManager, 'upkeep', 'deal', {
      forecast: 'fc',
      periods: ['2026-03-01'],
    });
    expect(manager.ok && manager.value.map((r) => r.owner)).toEqual([east, east]);
    const bad = await ctx.store.metrics.forecastSnapshots(org.actors.admin, 'upkeep', 'deal', {
      forecast: 'fc',
      takenOn: 'March',
    });
    expect(bad.ok ? '' : bad.issues[0]?.code).toBe('VALIDATION_FAILED');
  });
});
