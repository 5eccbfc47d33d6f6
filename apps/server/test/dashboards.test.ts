/**
 * Dashboards, goals, forecast and scorecards through the HTTP API on PGlite and PostgreSQL: the
 * same dashboard as rep, manager and admin shows only what each may see; region → team → rep
 * drill; a funnel step opens its records; goal split and the 15 % flag; forecast and scorecard.
 */
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dealId, loadDeals, metricsApp } from '../../../packages/store/test/metrics-fixture.js';
import { buildApp } from '../src/app.js';
import { serverStoreOf } from '../src/bootstrap/open.js';
import { type Caller, caller, checkedResponses, envelope, FakeClock, fixtureOn, login } from './support.js';

const L = (en: string) => ({ en, 'zh-CN': en });
const DASH = '/api/apps/sales/dashboards/board';
type Data = {
  widget: string;
  rows: Record<string, unknown>[];
  previous?: Record<string, unknown>;
  labels: Record<string, Record<string, unknown>>;
};

const dashboardApp = {
  ...metricsApp,
  settings: { timeZone: 'Asia/Shanghai' },
  dashboards: [
    {
      id: 'board',
      label: L('Board'),
      columns: 12,
      widgets: [
        {
          id: 'total',
          label: L('Total'),
          entity: 'deal',
          chart: 'kpi',
          measures: [{ id: 'sum', op: 'sum', field: 'amount' }],
          layout: { x: 0, y: 0, w: 3, h: 2 },
        },
        {
          id: 'funnel',
          label: L('Funnel'),
          entity: 'deal',
          chart: 'funnel',
          stageMachine: 'pipe',
          measures: [{ id: 'deals', op: 'count' }],
          layout: { x: 3, y: 0, w: 6, h: 4 },
        },
        {
          id: 'byOrg',
          label: L('Region → team → rep'),
          entity: 'deal',
          chart: 'bar',
          measures: [{ id: 'amount', op: 'sum', field: 'amount' }],
          dimensions: [
            { id: 'region', field: 'orgUnit', orgLevel: 1 },
            { id: 'team', field: 'orgUnit', orgLevel: 2 },
            { id: 'rep', field: 'owner' },
          ],
          options: { drill: true },
        },
      ],
    },
  ],
};

describeDialects('dashboards API', (ctx) => {
  const clock = new FakeClock(new Date('2026-03-01T00:00:00.000Z'));
  let app: FastifyInstance;
  let fx: OrgFixture;
  let as: Record<'admin' | 'eastManager' | 'east1Rep' | 'westRep', Caller>;

  beforeAll(async () => {
    app = await buildApp({ store: serverStoreOf(ctx.store), clock, ...checkedResponses() });
    await app.ready();
    fx = await fixtureOn(ctx.store, 'Dashboard workspace');
    as = {
      admin: caller(app, await login(app, fx.users.admin.email)),
      eastManager: caller(app, await login(app, fx.users.eastManager.email)),
      east1Rep: caller(app, await login(app, fx.users.east1Rep.email)),
      westRep: caller(app, await login(app, fx.users.westRep.email)),
    };
    const created = await as.admin.post('/api/apps', dashboardApp);
    expect(created.statusCode, created.body).toBe(201);
    const published = await as.admin.post('/api/apps/sales/publish');
    expect(published.statusCode, published.body).toBe(201);
    await loadDeals(ctx.store, fx);
  });
  afterAll(() => app.close());

  const widgetData = async (who: Caller) => {
    const res = await who.get(DASH);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { data: Data[]; timeZone: string };
    expect(body.timeZone).toBe('Asia/Shanghai');
    return Object.fromEntries(body.data.map((d) => [d.widget, d]));
  };

  it('shows the same dashboard to rep, manager and admin with only what each may see', async () => {
    const rep = await widgetData(as.east1Rep);
    const manager = await widgetData(as.eastManager);
    const admin = await widgetData(as.admin);
    expect([rep.total?.rows, manager.total?.rows, admin.total?.rows]).toEqual([
      [{ sum: 600 }],
      [{ sum: 1100 }],
      [{ sum: 1500 }],
    ]);
    const funnel = (d: Record<string, Data>) => d.funnel?.rows.map((r) => [r.stage, r.deals]);
    expect(funnel(rep)).toEqual([
      ['contact', 2],
      ['needs', 2],
      ['proposal', 2],
      ['won', 1],
    ]);
    expect(funnel(manager)).toEqual([
      ['contact', 4],
      ['needs', 3],
      ['proposal', 2],
      ['won', 1],
    ]);
    expect(funnel(admin)).toEqual([
      ['contact', 5],
      ['needs', 4],
      ['proposal', 2],
      ['won', 1],
    ]);
    expect(admin.funnel?.rows.map((r) => r.conversion)).toEqual([null, 0.8, 0.5, 0.5]);
    expect(admin.funnel?.labels.stage?.needs).toEqual(L('Needs'));
    expect(rep.byOrg?.rows).toEqual([{ region: 'east', amount: 600 }]);
    expect(admin.byOrg?.rows).toEqual([
      { region: 'east', amount: 1100 },
      { region: 'west', amount: 400 },
    ]);
    expect(admin.byOrg?.labels.region?.east).toBe('East region');
    const west = await widgetData(as.westRep);
    expect(funnel(west)).toEqual([
      ['contact', 1],
      ['needs', 1],
      ['proposal', 0],
      ['won', 0],
    ]);
  });

  it('drills region → team → rep through the API, still within scope', async () => {
    const drill = (who: Caller, path: unknown[]) =>
      who.get(`${DASH}/widgets/byOrg/data?drill=${encodeURIComponent(JSON.stringify(path))}`);
    const teams = await drill(as.admin, ['east']);
    expect(teams.statusCode, teams.body).toBe(200);
    expect((teams.json() as Data).rows).toEqual([
      { team: 'east1', amount: 800 },
      { team: 'east2', amount: 300 },
    ]);
    const reps = (await drill(as.admin, ['east', 'east1'])).json() as Data;
    expect(new Map(reps.rows.map((r) => [r.rep, r.amount]))).toEqual(
      new Map([
        [fx.users.east1Rep.id, 600],
        [fx.users.east1Rep2.id, 200],
      ]),
    );
    expect(reps.labels.rep?.[fx.users.east1Rep.id]).toBe('east1Rep');
    expect(((await drill(as.east1Rep, ['east'])).json() as Data).rows).toEqual([
      { team: 'east1', amount: 600 },
    ]);
    const tooDeep = await drill(as.admin, ['east', 'east1', 'x']);
    expect(tooDeep.statusCode).toBe(400);
    expect(envelope(tooDeep).code).toBe('VALIDATION_FAILED');
    expect((await as.admin.get(`${DASH}/widgets/nope/data`)).statusCode).toBe(404);
  });

  it('a funnel step opens exactly the records it counted, within the caller’s scope', async () => {
    const drillList = async (who: Caller, stage: string) => {
      const step = await who.post(`${DASH}/widgets/funnel/records-filter`, { point: { stage } });
      expect(step.statusCode, step.body).toBe(200);
      const query = step.json() as { entity: string; filter: unknown; reachedStage?: string };
      expect(query).toEqual({ entity: 'deal', filter: null, reachedStage: stage });
      const list = await who.get(
        `/api/apps/sales/entities/${query.entity}/records?sort=amount&reachedStage=${query.reachedStage}`,
      );
      expect(list.statusCode, list.body).toBe(200);
      return list.json() as { records: { id: string }[]; total: number };
    };
    for (const who of [as.admin, as.eastManager, as.east1Rep, as.westRep]) {
      const steps = (await widgetData(who)).funnel?.rows ?? [];
      expect(steps.length).toBe(4);
      for (const row of steps)
        expect([row.stage, (await drillList(who, String(row.stage))).total]).toEqual([row.stage, row.deals]);
    }
    // "needs" as admin: d1 and d5 moved on, d4 was lost after it, d2 is in it now; the rep sees
    // only their own two of them, the west rep only d4.
    expect((await drillList(as.admin, 'needs')).records.map((r) => r.id)).toEqual([1, 2, 4, 5].map(dealId));
    expect((await drillList(as.east1Rep, 'needs')).records.map((r) => r.id)).toEqual([1, 5].map(dealId));
    expect((await drillList(as.westRep, 'needs')).records.map((r) => r.id)).toEqual([dealId(4)]);
    const unknown = await as.admin.get('/api/apps/sales/entities/deal/records?reachedStage=nope');
    expect(unknown.statusCode).toBe(400);
    expect(envelope(unknown).details[0]).toMatchObject({ code: 'VALIDATION_FAILED', path: '/reachedStage' });
    const body = await as.east1Rep.post('/api/apps/sales/entities/deal/records/query', {
      reachedStage: 'won',
    });
    expect((body.json() as { records: { id: string }[] }).records.map((r) => r.id)).toEqual([dealId(1)]);
  });

  it('a drilled bar opens the matching records list', async () => {
    const bar = await as.admin.post(`${DASH}/widgets/byOrg/records-filter`, {
      drill: ['east'],
      point: { team: 'east1' },
    });
    const barFilter = (bar.json() as { filter: unknown }).filter;
    const team = await as.eastManager.get(
      `/api/apps/sales/entities/deal/records?sort=amount&filter=${encodeURIComponent(JSON.stringify(barFilter))}`,
    );
    expect((team.json() as { records: { id: string }[] }).records.map((r) => r.id)).toEqual([
      dealId(1),
      dealId(2),
      dealId(5),
    ]);
  });

  it('documents the dashboard, goal and forecast routes in OpenAPI', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys((res.json() as { paths: Record<string, unknown> }).paths)).toEqual(
      expect.arrayContaining([
        '/api/apps/{app}/dashboards/{dashboard}',
        '/api/apps/{app}/dashboards/{dashboard}/widgets/{widget}/data',
        '/api/apps/{app}/goals/progress',
        '/api/apps/{app}/forecast',
        '/api/apps/{app}/scorecards/compute',
      ]),
    );
  });

  it('previews an unsaved widget for the designer (a pivot with its totals) and refuses a bad one', async () => {
    const res = await as.admin.post('/api/apps/sales/widgets/preview', {
      widget: {
        id: 'draft',
        label: L('Draft'),
        entity: 'deal',
        chart: 'pie',
        measures: [{ id: 'n', op: 'count' }],
        dimensions: [{ id: 'm', field: 'createdAt', bucket: 'month' }],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Data).rows).toEqual([
      { m: '2025-12-01', n: 1 },
      { m: '2026-01-01', n: 1 },
      { m: '2026-02-01', n: 3 },
    ]);
    const pivot = await as.eastManager.post('/api/apps/sales/widgets/preview', {
      widget: {
        id: 'draft',
        label: L('Draft'),
        entity: 'deal',
        chart: 'pivot',
        measures: [{ id: 'n', op: 'count' }],
        dimensions: [
          { id: 'team', field: 'orgUnit', orgLevel: 2 },
          { id: 'm', field: 'createdAt', bucket: 'month' },
        ],
      },
    });
    expect(pivot.statusCode, pivot.body).toBe(200);
    // The east manager's deals: east1 d1 (Dec), d2 (Jan), d5 (Feb); east2 d3 (Feb).
    expect((pivot.json() as { totals: unknown }).totals).toEqual({
      byRow: [
        { team: 'east1', n: 3 },
        { team: 'east2', n: 1 },
      ],
      byColumn: [
        { m: '2025-12-01', n: 1 },
        { m: '2026-01-01', n: 1 },
        { m: '2026-02-01', n: 2 },
      ],
      all: { n: 4 },
    });
    const bad = await as.admin.post('/api/apps/sales/widgets/preview', {
      widget: {
        id: 'draft',
        label: L('Draft'),
        entity: 'deal',
        chart: 'bar',
        measures: [{ id: 'n', op: 'sum', field: 'nope' }],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(envelope(bad).details[0]).toMatchObject({ code: 'UNKNOWN_FIELD', path: '/measures/0/field' });
  });

  it('splits a yearly goal exactly and flags a goal more than 15 % behind', async () => {
    const split = await as.admin.post('/api/apps/sales/goals/split', {
      target: { period: 'year', start: '2026-01-01', amount: 100_000.03 },
      across: [{ owner: fx.users.east1Rep.id, weight: 2 }, { owner: fx.users.east1Rep2.id }],
    });
    expect(split.statusCode, split.body).toBe(200);
    const targets = (split.json() as { targets: { period: string; owner?: string; amount: number }[] })
      .targets;
    const cents = (period: string, owner?: string) =>
      targets
        .filter((t) => t.period === period && (!owner || t.owner === owner))
        .reduce((a, t) => a + Math.round(t.amount * 100), 0);
    expect(cents('year')).toBe(10_000_003 * 2); // the company year plus the two reps' years
    for (const period of ['quarter', 'month', 'week']) expect(cents(period)).toBe(10_000_003);
    expect(cents('week', fx.users.east1Rep.id)).toBe(6_666_669);
    const goal = {
      id: 'revenue',
      label: L('Revenue'),
      entity: 'deal',
      measure: { id: 'total', op: 'sum', field: 'amount' },
      targets: [
        { period: 'month', start: '2026-02-01', amount: 1500 },
        { period: 'month', start: '2026-02-01', amount: 550, owner: fx.users.east1Rep.id },
        { period: 'month', start: '2026-02-01', amount: 900, orgUnit: 'east' },
      ],
    };
    const progress = await as.admin.post('/api/apps/sales/goals/progress', { goal });
    expect(progress.statusCode, progress.body).toBe(200);
    const lines = (
      progress.json() as {
        targets: { progress: { actual: number; deviation: number; flagged: boolean; status: string } }[];
      }
    ).targets;
    // February (local) is over at 2026-03-01 08:00 Shanghai: expected = the whole target
    expect(lines.map((l) => [l.progress.actual, l.progress.status, l.progress.flagged])).toEqual([
      [1200, 'behind', true],
      [500, 'on_track', false],
      [800, 'on_track', false],
    ]);
    expect(lines[0]?.progress.deviation).toBeCloseTo(-0.2, 9);
    const asRep = await as.east1Rep.post('/api/apps/sales/goals/progress', { goal });
    expect(
      (asRep.json() as { targets: { progress: { actual: number } }[] }).targets[0]?.progress.actual,
    ).toBe(500);
  });

  it('forecasts the weighted pipeline, its accuracy per rep, and a scorecard leaderboard', async () => {
    const settings = {
      id: 'f',
      entity: 'deal',
      stageMachine: 'pipe',
      amountField: 'amount',
      closeDateField: 'closeDate',
      factors: [{ id: 'big', rule: { '>=': [{ var: 'amount' }, 400] }, multiplier: 0.5 }],
    };
    const forecast = await as.eastManager.post('/api/apps/sales/forecast', { settings });
    expect(forecast.statusCode, forecast.body).toBe(200);
    expect((forecast.json() as { rows: unknown[] }).rows).toEqual([
      { period: '2026-01-01', category: 'closed', deals: 1, amount: 100, weighted: 100 },
      { period: '2026-03-01', category: 'pipeline', deals: 2, amount: 500, weighted: 90 },
      { period: '2026-04-01', category: 'commit', deals: 1, amount: 500, weighted: 150 },
    ]);
    // Accuracy reads the snapshots the store keeps (see forecast-snapshots.test.ts).
    const snap = await as.admin.post('/api/apps/sales/forecast/snapshots', { settings });
    expect(snap.statusCode, snap.body).toBe(200);
    const accuracy = await as.admin.post('/api/apps/sales/forecast/accuracy', { settings });
    expect(accuracy.statusCode, accuracy.body).toBe(200);
    expect(
      (accuracy.json() as { rows: { owner: string; period: string }[] }).rows.find(
        (r) => r.owner === fx.users.east1Rep.id && r.period === '2026-01-01',
      ),
    ).toEqual({
      takenOn: '2026-03-01',
      owner: fx.users.east1Rep.id,
      ownerName: fx.users.east1Rep.name,
      period: '2026-01-01',
      forecast: 100,
      actual: 100,
      accuracy: 1,
    });
    const scorecard = {
      id: 'reps',
      label: L('Reps'),
      role: 'member',
      metrics: [
        {
          id: 'won',
          label: L('Amount'),
          kind: 'result',
          entity: 'deal',
          measure: { id: 'a', op: 'sum', field: 'amount' },
          weight: 3,
          tiers: [
            { min: 0, points: 0 },
            { min: 300, points: 60 },
            { min: 500, points: 100 },
          ],
        },
        {
          id: 'deals',
          label: L('Deals'),
          kind: 'process',
          entity: 'deal',
          measure: { id: 'n', op: 'count' },
          weight: 1,
          tiers: [
            { min: 1, points: 50 },
            { min: 2, points: 100 },
          ],
        },
      ],
    };
    const card = await as.admin.post('/api/apps/sales/scorecards/compute', { scorecard });
    expect(card.statusCode, card.body).toBe(200);
    const lines = (card.json() as { lines: { owner: string; score: number; rank: number }[] }).lines;
    // east1Rep 600 → 100 pts, 2 deals → 100: 100; westRep 400 → 60, 1 → 50: 57.5; east2Rep 300 → 60, 1 → 50: 57.5; east1Rep2 200 → 0, 1 → 50: 12.5
    expect(lines.map((l) => [l.owner, l.score, l.rank])).toEqual([
      [fx.users.east1Rep.id, 100, 1],
      ...[fx.users.east2Rep.id, fx.users.westRep.id].sort().map((id) => [id, 57.5, 2]),
      [fx.users.east1Rep2.id, 12.5, 4],
    ]);
  });
});
