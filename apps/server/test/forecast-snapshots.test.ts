/**
 * Goals, forecasts and scorecards as documents of the published app, and forecast snapshots
 * through the HTTP API on PGlite and PostgreSQL: documents named by id, snapshots taken by an admin
 * on the configured days (not by a rep, not on other days), read back under the reader's scope,
 * accuracy per rep computed from the stored snapshot after a deal closed, and a scorecard's reps
 * limited to the caller's scope.
 */
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dealId, loadDeals, metricsApp } from '../../../packages/store/test/metrics-fixture.js';
import { buildApp } from '../src/app.js';
import { serverStoreOf } from '../src/bootstrap/open.js';
import { AutomationRunner } from '../src/worker/runner.js';
import {
  type Caller,
  caller,
  checkedResponses,
  daysPass,
  envelope,
  FakeClock,
  fixtureOn,
  login,
} from './support.js';

const L = (en: string) => ({ en, 'zh-CN': en });
const performanceApp = {
  ...metricsApp,
  settings: { timeZone: 'Asia/Shanghai' },
  goals: [
    {
      id: 'revenue',
      label: L('Revenue'),
      entity: 'deal',
      measure: { id: 'total', op: 'sum', field: 'amount' },
      targets: [{ period: 'month', start: '2026-02-01', amount: 1500 }],
    },
  ],
  forecasts: [
    {
      id: 'pipeline',
      entity: 'deal',
      stageMachine: 'pipe',
      amountField: 'amount',
      closeDateField: 'closeDate',
      snapshotDays: [1, 15],
    },
  ],
  scorecards: [
    {
      id: 'reps',
      label: L('Reps'),
      role: 'member',
      metrics: [
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
    },
  ],
};

describeDialects('forecast snapshots API', (ctx) => {
  // 08:00 on 1 March in Shanghai: a snapshot day of the forecast.
  const clock = new FakeClock(new Date('2026-03-01T00:00:00.000Z'));
  let app: FastifyInstance;
  let fx: OrgFixture;
  let as: Record<'admin' | 'eastManager' | 'east1Rep' | 'westRep', Caller>;

  beforeAll(async () => {
    app = await buildApp({ store: serverStoreOf(ctx.store), clock, ...checkedResponses(), ...daysPass() });
    await app.ready();
    fx = await fixtureOn(ctx.store, 'Forecast workspace');
    as = {
      admin: caller(app, await login(app, fx.users.admin.email)),
      eastManager: caller(app, await login(app, fx.users.eastManager.email)),
      east1Rep: caller(app, await login(app, fx.users.east1Rep.email)),
      westRep: caller(app, await login(app, fx.users.westRep.email)),
    };
    const created = await as.admin.post('/api/apps', performanceApp);
    expect(created.statusCode, created.body).toBe(201);
    const published = await as.admin.post('/api/apps/sales/publish');
    expect(published.statusCode, published.body).toBe(201);
    await loadDeals(ctx.store, fx);
  });
  afterAll(() => app.close());

  it('reads goals and scorecards of the published app by id', async () => {
    const goals = await as.east1Rep.get('/api/apps/sales/goals');
    expect((goals.json() as { goals: { id: string }[] }).goals.map((g) => g.id)).toEqual(['revenue']);
    const progress = await as.admin.post('/api/apps/sales/goals/progress', { goal: 'revenue' });
    expect(progress.statusCode, progress.body).toBe(200);
    expect(
      (progress.json() as { targets: { progress: { actual: number; flagged: boolean } }[] }).targets.map(
        (t) => [t.progress.actual, t.progress.flagged],
      ),
    ).toEqual([[1200, true]]);
    const missing = await as.admin.post('/api/apps/sales/goals/progress', { goal: 'nope' });
    expect(missing.statusCode).toBe(404);
    expect(envelope(missing).details[0]).toMatchObject({ code: 'NOT_FOUND', path: '/goal' });
    const card = await as.admin.post('/api/apps/sales/scorecards/compute', { scorecard: 'reps' });
    expect(card.statusCode, card.body).toBe(200);
    const lines = (card.json() as { lines: { owner: string; ownerName: string; score: number }[] }).lines;
    expect(lines.find((l) => l.owner === fx.users.east1Rep.id)?.score).toBe(100);
    // each line names its rep, so no screen has to show the user id
    expect(lines.find((l) => l.owner === fx.users.east1Rep.id)?.ownerName).toBe('east1Rep');
    expect(lines.every((l) => l.ownerName !== '' && l.ownerName !== l.owner)).toBe(true);
  });

  it('lists in a scorecard only the reps within the caller’s scope: own, org subtree, everyone', async () => {
    const linesOf = async (who: Caller) => {
      const card = await who.post('/api/apps/sales/scorecards/compute', { scorecard: 'reps' });
      expect(card.statusCode, card.body).toBe(200);
      return (card.json() as { lines: { owner: string; score: number }[] }).lines;
    };
    const owners = async (who: Caller) => new Set((await linesOf(who)).map((l) => l.owner));
    const u = fx.users;
    expect(await owners(as.east1Rep)).toEqual(new Set([u.east1Rep.id]));
    expect(await owners(as.eastManager)).toEqual(new Set([u.east1Rep.id, u.east1Rep2.id, u.east2Rep.id]));
    expect(await owners(as.admin)).toEqual(
      new Set([u.east1Rep.id, u.east1Rep2.id, u.east2Rep.id, u.westRep.id]),
    );
    expect(await owners(as.westRep)).toEqual(new Set([u.westRep.id]));
    // What a caller sees of a rep in scope does not change: east1Rep's two deals earn 100 for all.
    for (const who of [as.east1Rep, as.eastManager, as.admin])
      expect((await linesOf(who)).find((l) => l.owner === u.east1Rep.id)?.score).toBe(100);
  });

  it('takes due snapshots as an admin only, reads them under scope, and scores accuracy from them', async () => {
    const refused = await as.east1Rep.post('/api/apps/sales/forecast/snapshots', {});
    expect(refused.statusCode).toBe(403);
    const taken = await as.admin.post('/api/apps/sales/forecast/snapshots', {});
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toEqual({ taken: [{ forecast: 'pipeline', takenOn: '2026-03-01', rows: 5 }] });

    const own = await as.east1Rep.get('/api/apps/sales/forecast/pipeline/snapshots');
    const owners = (own.json() as { rows: { owner: string }[] }).rows.map((r) => r.owner);
    expect(new Set(owners)).toEqual(new Set([fx.users.east1Rep.id]));
    const all = await as.admin.get('/api/apps/sales/forecast/pipeline/snapshots?takenOn=2026-03-01');
    expect((all.json() as { rows: unknown[] }).rows).toHaveLength(5);

    // Deal 5 (east1Rep, 500, closes in April) was forecast at 60 % = 300; it is won now.
    const entity = metricsApp.entities[0];
    if (!entity) throw new Error('fixture');
    const won = await ctx.store.stages.apply(fx.actors.admin, {
      app: 'sales',
      entity,
      recordId: dealId(5),
      expectedVersion: 1,
      changes: { stage: 'won', stageEnteredAt: '2026-03-01T00:00:00.000Z' },
      history: {
        from: 'proposal',
        to: 'won',
        transitionId: 'toWon',
        actor: fx.users.admin.id,
        at: '2026-03-01T00:00:00.000Z',
        dwellMs: 1000,
      },
      evidence: {},
      definitionVersion: 1,
    });
    expect(won.ok).toBe(true);
    const accuracy = await as.eastManager.post('/api/apps/sales/forecast/accuracy', { settings: 'pipeline' });
    expect(accuracy.statusCode, accuracy.body).toBe(200);
    const rows = (accuracy.json() as { rows: { owner: string; period: string }[] }).rows;
    expect(rows.find((r) => r.owner === fx.users.east1Rep.id && r.period === '2026-04-01')).toEqual({
      takenOn: '2026-03-01',
      owner: fx.users.east1Rep.id,
      ownerName: 'east1Rep',
      period: '2026-04-01',
      forecast: 300,
      actual: 500,
      accuracy: 0.6,
    });
    // The manager of the east sees no west rep's line.
    expect(rows.some((r) => r.owner === fx.users.westRep.id)).toBe(false);

    // 2 March is no snapshot day: nothing is taken.
    clock.advance(24 * 3600 * 1000);
    const none = await as.admin.post('/api/apps/sales/forecast/snapshots', {});
    expect(none.json()).toEqual({ taken: [] });
  });

  it('the worker takes the snapshot of a due day by itself, once', async () => {
    const runner = new AutomationRunner({ store: serverStoreOf(ctx.store), clock });
    const on = async (day: string) =>
      (
        (await as.admin.get(`/api/apps/sales/forecast/pipeline/snapshots?takenOn=${day}`)).json() as {
          rows: { takenAt: string; owner: string }[];
        }
      ).rows;
    await runner.scan(); // 2 March: not a snapshot day
    expect(await on('2026-03-02')).toEqual([]);
    clock.current = new Date('2026-03-14T16:30:00.000Z'); // 00:30 on 15 March in Shanghai
    await runner.scan();
    const first = await on('2026-03-15');
    expect(first.length).toBeGreaterThan(0);
    expect(new Set(first.map((r) => r.takenAt))).toEqual(new Set(['2026-03-14T16:30:00.000Z']));
    clock.advance(3 * 3600 * 1000);
    await runner.scan();
    const again = await on('2026-03-15');
    expect(again).toEqual(first);
  });
});
