/**
 * Fields the server fills, never the user, on PGlite and PostgreSQL (a generic test app, no
 * template): a transition's `setFields` stamp the server time in the same write as the move, and an
 * automation's `update_fields` reads a referenced record (`lookups`) and writes to one (`target`).
 */
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { serverStoreOf } from '../src/bootstrap/open.js';
import { AutomationRunner } from '../src/worker/runner.js';
import { type Caller, caller, checkedResponses, envelope, FakeClock, fixtureOn, login } from './support.js';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const API = '/api/apps/sf/entities';
const stage = (id: string, category: 'open' | 'won' = 'open') => ({
  id,
  label: L(id, id),
  category,
  probability: 0,
  forecastCategory: 'pipeline',
});

/** Clients with a rank; calls on a client, which take the client's rank and stamp the client. */
function setFieldsApp(): Record<string, unknown> {
  return {
    schemaVersion: 2,
    id: 'sf',
    label: L('服务器字段', 'Server fields'),
    entities: [
      {
        id: 'client',
        label: L('客户', 'Client'),
        titleField: 'name',
        fields: [
          { id: 'name', type: 'text', label: L('名称', 'Name') },
          { id: 'rank', type: 'text', label: L('等级', 'Rank') },
          { id: 'firstCall', type: 'datetime', label: L('首次通话', 'First call') },
          { id: 'lastCall', type: 'datetime', label: L('最近通话', 'Last call') },
        ],
      },
      {
        id: 'call',
        label: L('通话', 'Call'),
        titleField: 'topic',
        fields: [
          { id: 'topic', type: 'text', label: L('主题', 'Topic') },
          { id: 'client', type: 'reference', entity: 'client', label: L('客户', 'Client') },
          { id: 'rankThen', type: 'text', label: L('当时等级', 'Rank then') },
          { id: 'startedAt', type: 'datetime', label: L('开始', 'Started') },
          { id: 'spot', type: 'text', label: L('地点', 'Spot') },
        ],
      },
    ],
    stageMachines: [
      {
        id: 'callFlow',
        entity: 'call',
        label: L('通话流程', 'Call flow'),
        initialStage: 'planned',
        stages: [stage('planned'), stage('started'), stage('done', 'won')],
        transitions: [
          {
            id: 'start',
            label: L('开始', 'Start'),
            from: ['planned'],
            to: 'started',
            fields: [{ field: 'spot' }],
            setFields: { startedAt: { now: [] } },
          },
          { id: 'finish', label: L('完成', 'Finish'), from: ['started'], to: 'done' },
        ],
      },
    ],
    automations: [
      {
        id: 'takeRank',
        label: L('记录客户等级', 'Take the client rank'),
        entity: 'call',
        trigger: { type: 'record_created' },
        actions: [
          {
            id: 'copyRank',
            type: 'update_fields',
            lookups: ['client'],
            values: { rankThen: { var: 'client.rank' } },
          },
        ],
      },
      {
        id: 'stampClient',
        label: L('更新客户通话时间', 'Stamp the client'),
        entity: 'call',
        trigger: { type: 'stage_changed', to: ['done'] },
        actions: [
          {
            id: 'touch',
            type: 'update_fields',
            target: 'client',
            values: {
              lastCall: { now: [] },
              firstCall: { if: [{ var: 'client.firstCall' }, { var: 'client.firstCall' }, { now: [] }] },
            },
          },
        ],
      },
    ],
  };
}

describeDialects('fields the server sets', (ctx) => {
  const clock = new FakeClock(new Date('2031-03-04T01:02:03.000Z'));
  let app: FastifyInstance;
  let runner: AutomationRunner;
  let fx: OrgFixture;
  let admin: Caller;
  let rep: Caller;

  beforeAll(async () => {
    const store = serverStoreOf(ctx.store);
    app = await buildApp({ store, clock, ...checkedResponses() });
    await app.ready();
    runner = new AutomationRunner({ store, clock });
    fx = await fixtureOn(ctx.store, 'Set fields workspace');
    admin = caller(app, await login(app, fx.users.admin.email));
    rep = caller(app, await login(app, fx.users.east1Rep.email));
    expect((await admin.post('/api/apps', setFieldsApp())).statusCode).toBe(201);
    const published = await admin.post('/api/apps/sf/publish');
    expect(published.statusCode, published.body).toBe(201);
  });
  afterAll(() => app.close());

  const get = async (entity: string, id: string) =>
    (await admin.get(`${API}/${entity}/records/${id}`)).json() as Record<string, unknown>;

  it('a transition stamps the server time with the move and refuses a typed one', async () => {
    const call = (await rep.post(`${API}/call/records`, { topic: 'Intro' })).json();
    const url = `${API}/call/records/${call.id}/transitions`;
    const typed = await rep.post(url, {
      to: 'started',
      fields: { spot: 'office', startedAt: '2020-01-01T00:00:00.000Z' },
    });
    expect(typed.statusCode).toBe(422);
    expect(envelope(typed).details.map((d) => [d.code, d.path])).toEqual([
      ['UNKNOWN_FIELD', '/fields/startedAt'],
    ]);
    const moved = await rep.post(url, { to: 'started', fields: { spot: 'office' } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().record).toMatchObject({ stage: 'started', startedAt: clock.now().toISOString() });
    expect(moved.json().history.fields).toEqual({ spot: 'office', startedAt: clock.now().toISOString() });
  });

  it('an automation reads a referenced record and writes to one, keeping a first value', async () => {
    const client = (await admin.post(`${API}/client/records`, { name: 'Acme', rank: 'A' })).json();
    const open = async () => {
      const call = (await rep.post(`${API}/call/records`, { topic: 'Visit', client: client.id })).json();
      const url = `${API}/call/records/${call.id}/transitions`;
      expect((await rep.post(url, { to: 'started', fields: { spot: 'site' } })).statusCode).toBe(200);
      expect((await rep.post(url, { to: 'done' })).statusCode).toBe(200);
      return call.id as string;
    };
    const first = await open();
    const firstAt = clock.now().toISOString();
    await runner.runUntilIdle();
    expect(await get('call', first)).toMatchObject({ rankThen: 'A' });
    expect(await get('client', client.id)).toMatchObject({ firstCall: firstAt, lastCall: firstAt });

    clock.advance(3_600_000);
    const second = await open();
    await runner.runUntilIdle();
    expect(await get('call', second)).toMatchObject({ rankThen: 'A' });
    expect(await get('client', client.id)).toMatchObject({
      firstCall: firstAt,
      lastCall: clock.now().toISOString(),
    });

    // a call without a client writes nothing and fails nothing
    const lone = (await rep.post(`${API}/call/records`, { topic: 'Cold' })).json();
    await runner.runUntilIdle();
    expect(await get('call', lone.id)).toMatchObject({ rankThen: null });
  });
});
