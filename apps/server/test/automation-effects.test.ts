/**
 * Record side effects of automations, on PGlite and PostgreSQL: a task created by a job commits
 * with the job's completion (a crash between them repeats nothing), assignment by skill tags set
 * through the users API, and `createdAt` on the server's clock so relative-time triggers agree
 * with the runner when that clock is far from the database's.
 */

import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { serverStoreOf } from '../src/bootstrap/open.js';
import type { ServerStore } from '../src/store-port.js';
import { AutomationRunner } from '../src/worker/runner.js';
import { effectsApp } from './automation-effects-fixture.js';
import {
  type Caller,
  caller,
  checkedResponses,
  daysPass,
  FakeClock,
  fixtureOn,
  login,
  PASSWORD,
} from './support.js';

const HOUR = 3_600_000;
const API = '/api/apps/fx/entities';
type Rec = Record<string, unknown> & { id: string; version: number };
type Note = { recordId: string; kind: string; title: Record<string, string> };

/** Thrown where a process would die: after an action's effects, before its job's completion commits. */
class SimulatedCrash extends Error {}

describeDialects('automation side effects, skill tags and the server clock', (ctx) => {
  // Years away from the database's clock on purpose: createdAt must follow this clock.
  const clock = new FakeClock(new Date('2031-06-02T02:00:00.000Z'));
  let app: FastifyInstance;
  let runner: AutomationRunner;
  let fx: OrgFixture;
  let admin: Caller;
  let rep: Caller;
  /** Job keys whose completion "crashes" once. */
  const crashOnce = new Set<string>();
  const run = () => runner.runUntilIdle();

  beforeAll(async () => {
    const store = serverStoreOf(ctx.store);
    app = await buildApp({ store, clock, ...checkedResponses(), ...daysPass() });
    await app.ready();
    const jobs = store.automation.jobs;
    const crashing: ServerStore = {
      ...store,
      automation: {
        ...store.automation,
        jobs: {
          ...jobs,
          complete: async (trx, job, worker, now) => {
            if ([...crashOnce].some((k) => job.key.includes(k))) {
              crashOnce.clear();
              throw new SimulatedCrash(`crashed before completing ${job.key}`);
            }
            return jobs.complete(trx, job, worker, now);
          },
        },
      },
    };
    runner = new AutomationRunner({ store: crashing, clock, backoff: { baseMs: 60_000, maxMs: HOUR } });
    fx = await fixtureOn(ctx.store, 'Effects workspace');
    admin = caller(app, await login(app, fx.users.admin.email));
    rep = caller(app, await login(app, fx.users.east1Rep.email));
    expect((await admin.post('/api/apps', effectsApp())).statusCode).toBe(201);
    const published = await admin.post('/api/apps/fx/publish');
    expect(published.statusCode, published.body).toBe(201);
  });
  afterAll(async () => {
    await app.close();
  });

  it('a job repeated after a crash between its task and its completion creates one task', async () => {
    const account = (
      await rep.post(`${API}/account/records`, { name: 'Acme', lastCall: clock.now().toISOString() })
    ).json() as Rec;
    clock.advance(73 * HOUR);
    crashOnce.add('callTask');
    await run();
    const todos = async () =>
      ((await rep.get(`${API}/todo/records?limit=100`)).json() as { records: Rec[] }).records.filter(
        (t) => t.about === account.id,
      );
    // The crash rolled the task back with the job: nothing half-done is visible.
    expect(crashOnce.size).toBe(0);
    expect(await todos()).toEqual([]);
    const pending = (await admin.get('/api/automation/jobs?status=pending')).json() as {
      jobs: { key: string; attempts: number; lastError: string }[];
    };
    expect(pending.jobs.find((j) => j.key.includes('callTask'))).toMatchObject({
      attempts: 1,
      lastError: expect.stringContaining('crashed before completing'),
    });
    clock.advance(2 * HOUR);
    const at = clock.now().toISOString();
    await run();
    clock.advance(24 * HOUR);
    await run();
    const made = await todos();
    expect(made.map((t) => [t.title, t.owner, t.createdAt])).toEqual([
      ['Call Acme', fx.users.east1Rep.id, at],
    ]);
    const notes = ((await rep.get('/api/inbox')).json() as { notifications: Note[] }).notifications;
    expect(notes.filter((n) => n.kind === 'task' && n.recordId === made[0]?.id)).toHaveLength(1);
    const mine = (await rep.get('/api/tasks/mine')).json() as { tasks: { recordId: string }[] };
    expect(mine.tasks.filter((t) => t.recordId === made[0]?.id)).toHaveLength(1);
    const done = (await admin.get('/api/automation/jobs?status=done')).json() as {
      jobs: { key: string; attempts: number }[];
    };
    expect(done.jobs.filter((j) => j.key.includes('callTask')).map((j) => j.attempts)).toEqual([2]);
  });

  it('leads of an industry go round-robin to the reps tagged with it (tags set through the users API)', async () => {
    const made: Record<string, string> = {};
    const create = async (key: string, skillTags?: string[]) => {
      const res = await admin.post('/api/users', {
        email: `${key}@${fx.workspace.id}.test`,
        password: PASSWORD,
        name: key,
        roles: ['member', 'seller'],
        orgUnitId: fx.units.east1.id,
        ...(skillTags ? { skillTags } : {}),
      });
      expect(res.statusCode, res.body).toBe(201);
      const user = res.json() as { id: string; skillTags: string[] };
      expect(user.skillTags).toEqual([...new Set(skillTags ?? [])]);
      made[key] = user.id;
    };
    await create('shop1', ['retail']);
    await create('shop2', ['retail', 'retail']);
    await create('power1', ['energy']);
    await create('both');
    const patched = await admin.patch(`/api/users/${made.both}`, { skillTags: ['energy', 'retail'] });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((patched.json() as { skillTags: string[] }).skillTags).toEqual(['energy', 'retail']);
    expect((await rep.patch(`/api/users/${made.both}`, { skillTags: [] })).statusCode).toBe(403);
    const listed = (await admin.get('/api/users')).json() as { users: { id: string; skillTags: string[] }[] };
    expect(listed.users.find((u) => u.id === made.shop2)?.skillTags).toEqual(['retail']);

    for (let i = 0; i < 6; i++) await admin.post(`${API}/lead/records`, { title: `R${i}`, sector: 'retail' });
    for (let i = 0; i < 4; i++) await admin.post(`${API}/lead/records`, { title: `E${i}`, sector: 'energy' });
    await run();
    const leads = ((await admin.get(`${API}/lead/records?limit=100`)).json() as { records: Rec[] }).records;
    const owners = (sector: string) => {
      const per: Record<string, number> = {};
      for (const l of leads.filter((l) => l.sector === sector)) {
        const name = Object.entries(made).find(([, id]) => id === l.owner)?.[0] ?? String(l.owner);
        per[name] = (per[name] ?? 0) + 1;
      }
      return per;
    };
    expect(owners('retail')).toEqual({ shop1: 2, shop2: 2, both: 2 });
    expect(owners('energy')).toEqual({ power1: 2, both: 2 });
  });

  it('createdAt follows the server clock, so a 24 h reminder fires 24 h after it by that clock, once', async () => {
    const created = await rep.post(`${API}/lead/records`, { title: 'Quiet' });
    expect(created.statusCode, created.body).toBe(201);
    const lead = created.json() as Rec;
    expect(lead.createdAt).toBe(clock.now().toISOString());
    expect(lead.updatedAt).toBe(clock.now().toISOString());
    // The audit trail takes the same instant as the record's stamps: the server's clock.
    const audit = (await rep.get(`${API}/lead/records/${lead.id}/audit`)).json() as {
      entries: { action: string; at: string }[];
    };
    expect(audit.entries.map((e) => [e.action, e.at])).toEqual([['create', lead.createdAt]]);

    const reminders = async () =>
      ((await rep.get('/api/inbox')).json() as { notifications: Note[] }).notifications.filter(
        (n) => n.recordId === lead.id,
      );
    clock.advance(23 * HOUR);
    await run();
    expect(await reminders()).toEqual([]);
    clock.advance(2 * HOUR);
    await run();
    clock.advance(48 * HOUR);
    await run();
    expect((await reminders()).map((n) => n.title.en)).toEqual(['Lead waiting 24 h: Quiet']);

    clock.advance(HOUR);
    const updated = await rep.patch(`${API}/lead/records/${lead.id}`, { version: lead.version, title: 'Q2' });
    expect(updated.statusCode, updated.body).toBe(200);
    expect((updated.json() as Rec).updatedAt).toBe(clock.now().toISOString());
    const trail = (await rep.get(`${API}/lead/records/${lead.id}/audit`)).json() as {
      entries: { action: string; at: string }[];
    };
    expect(trail.entries.at(-1)).toMatchObject({ action: 'update', at: clock.now().toISOString() });
  });
});
