/**
 * The stage-SLA trigger through the HTTP API and the runner on a fake clock, on PGlite and
 * PostgreSQL: two stages with different SLAs (24 h and 72 h); each record is notified once, when it
 * has outstayed its own current stage's SLA, not before, and not for a stage it left in time (its
 * new stage's SLA counts from the move).
 */
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { serverStoreOf } from '../src/bootstrap/open.js';
import { AutomationRunner } from '../src/worker/runner.js';
import { type Caller, caller, checkedResponses, FakeClock, fixtureOn, login } from './support.js';

const HOUR = 3_600_000;
const API = '/api/apps/slaApp/entities/ticket/records';
const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
type Rec = { id: string; version: number };

const stage = (id: string, category: 'open' | 'won', maxHours?: number) => ({
  id,
  label: L(id, id),
  category,
  probability: category === 'won' ? 100 : 30,
  forecastCategory: category === 'won' ? 'closed' : 'pipeline',
  ...(maxHours ? { sla: { maxHours } } : {}),
});

/** Tickets: triage (SLA 24 h) → work (SLA 72 h) → done (no SLA); one stage-SLA reminder. */
const slaApp = {
  schemaVersion: 2,
  id: 'slaApp',
  label: L('时限', 'SLA'),
  entities: [
    {
      id: 'ticket',
      label: L('工单', 'Ticket'),
      titleField: 'title',
      fields: [{ id: 'title', type: 'text', label: L('标题', 'Title') }],
    },
  ],
  roles: [],
  stageMachines: [
    {
      id: 'ticketFlow',
      entity: 'ticket',
      label: L('工单', 'Tickets'),
      initialStage: 'triage',
      stages: [stage('triage', 'open', 24), stage('work', 'open', 72), stage('done', 'won')],
      transitions: [
        { id: 'start', label: L('开始', 'Start'), from: ['triage'], to: 'work' },
        { id: 'finish', label: L('完成', 'Finish'), from: ['triage', 'work'], to: 'done' },
      ],
    },
  ],
  automations: [
    {
      id: 'pastSla',
      label: L('超出阶段时限', 'Past the stage SLA'),
      entity: 'ticket',
      trigger: { type: 'stage_sla' },
      actions: [
        {
          id: 'tell',
          type: 'notify',
          recipients: [{ type: 'owner' }],
          title: L('阶段超时', 'Stage SLA passed'),
        },
      ],
    },
  ],
};

describeDialects('stage-SLA trigger', (ctx) => {
  // Stage entry times follow the server clock, which the runner reads too.
  const clock = new FakeClock(new Date(Math.floor(Date.now() / 1000) * 1000));
  let app: FastifyInstance;
  let runner: AutomationRunner;
  let fx: OrgFixture;
  let rep: Caller;
  let admin: Caller;

  beforeAll(async () => {
    const store = serverStoreOf(ctx.store);
    app = await buildApp({ store, clock, ...checkedResponses() });
    await app.ready();
    runner = new AutomationRunner({ store, clock });
    fx = await fixtureOn(ctx.store, 'SLA workspace');
    admin = caller(app, await login(app, fx.users.admin.email));
    rep = caller(app, await login(app, fx.users.east1Rep.email));
    expect((await admin.post('/api/apps', slaApp)).statusCode).toBe(201);
    const published = await admin.post('/api/apps/slaApp/publish');
    expect(published.statusCode, published.body).toBe(201);
  });
  afterAll(() => app.close());

  const create = async (title: string): Promise<Rec> => {
    const res = await rep.post(API, { title });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Rec;
  };
  const move = async (id: string, to: string) => {
    const res = await rep.post(`${API}/${id}/transitions`, { to });
    expect(res.statusCode, res.body).toBe(200);
  };
  let start = 0;
  /** Runs the worker at `hours` after the start; returns how many notices each record got so far. */
  const runAt = async (hours: number): Promise<Map<string, number>> => {
    clock.current = new Date(start + hours * HOUR);
    await runner.runUntilIdle();
    // Read from the store: the sessions of this test expire long before its last hours.
    const notes = await ctx.store.automation.inbox.list(fx.workspace.id, fx.users.east1Rep.id, {
      limit: 1000,
    });
    const per = new Map<string, number>();
    for (const n of notes) if (n.recordId) per.set(n.recordId, (per.get(n.recordId) ?? 0) + 1);
    return per;
  };

  it("notifies each record once when it outstays its own stage's SLA, not before, and not for a stage it left", async () => {
    start = clock.now().getTime();
    const inTriage = await create('Stays in triage (24 h)');
    const inWork = await create('Moved to work at once (72 h)');
    await move(inWork.id, 'work');
    const movedOn = await create('Leaves triage after 20 h');
    const finished = await create('Done after 10 h');

    expect((await runAt(9)).size).toBe(0);
    clock.current = new Date(start + 10 * HOUR);
    await move(finished.id, 'done');
    clock.current = new Date(start + 20 * HOUR);
    await move(movedOn.id, 'work');
    expect((await runAt(23.9)).size).toBe(0);

    // Triage's 24 h SLA: only the ticket still in triage.
    expect(await runAt(24 + 1 / 60)).toEqual(new Map([[inTriage.id, 1]]));
    expect(await runAt(71.9)).toEqual(new Map([[inTriage.id, 1]]));
    // Work's 72 h SLA counts from each ticket's own entry into work.
    expect(await runAt(72 + 1 / 60)).toEqual(
      new Map([
        [inTriage.id, 1],
        [inWork.id, 1],
      ]),
    );
    expect((await runAt(91.9)).get(movedOn.id)).toBeUndefined();
    const settled = await runAt(92 + 1 / 60);
    await runAt(24 * 20);
    expect(await runAt(24 * 20 + 1 / 60)).toEqual(settled);
    expect(settled).toEqual(
      new Map([
        [inTriage.id, 1],
        [inWork.id, 1],
        [movedOn.id, 1],
      ]),
    );
    expect(settled.has(finished.id)).toBe(false);

    const runs = await ctx.store.automation.automation.runs(fx.workspace.id, { automationId: 'pastSla' });
    expect(runs.map((r) => [r.recordId, r.trigger]).sort()).toEqual(
      [
        [inTriage.id, 'stage_sla'],
        [inWork.id, 'stage_sla'],
        [movedOn.id, 'stage_sla'],
      ].sort(),
    );
  });
});
