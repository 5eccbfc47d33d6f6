/**
 * Issue 9 through the HTTP API and the runner on a fake clock, on PGlite and PostgreSQL: first-touch
 * reminder to owner and manager exactly once, stage SLA flag and notice, no-contact task, round-robin
 * over 5 reps, parallel tech/legal/service sign-off guarding a transition (one rejection stops it,
 * history), webhooks signed and retried with backoff, a permanently failing one as a dead letter.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { serverStoreOf } from '../src/bootstrap/open.js';
import { AutomationRunner } from '../src/worker/runner.js';
import { automationApp } from './automation-fixture.js';
import {
  type Caller,
  caller,
  checkedResponses,
  daysPass,
  FakeClock,
  fixtureOn,
  importForm,
  login,
  passwordHash,
} from './support.js';

const HOUR = 3_600_000;
const API = '/api/apps/auto/entities';
const SECRET = 'hook-secret';
type Rec = Record<string, unknown> & { id: string; version: number };
type Note = { id: number; recordId: string; title: Record<string, string>; kind: string };

interface Hit {
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

describeDialects('automations, reminders and approvals', (ctx) => {
  // createdAt follows the server clock (automation-effects.test.ts checks a clock far from the database's).
  const clock = new FakeClock(new Date(Math.floor(Date.now() / 1000) * 1000));
  let app: FastifyInstance;
  let runner: AutomationRunner;
  let fx: OrgFixture;
  let hookServer: Server;
  const hits: Record<'flaky' | 'broken', Hit[]> = { flaky: [], broken: [] };
  let flakyFailures = 0;
  const as: Record<string, Caller> = {};
  const ids: Record<string, string> = {};

  const by = (who: string): Caller => {
    const found = as[who];
    if (!found) throw new Error(`no caller ${who}`);
    return found;
  };
  const run = () => runner.runUntilIdle();
  const inboxOf = async (who: string) =>
    ((await by(who).get('/api/inbox')).json() as { notifications: Note[] }).notifications ?? [];

  beforeAll(async () => {
    hookServer = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const which = req.url === '/flaky' ? 'flaky' : 'broken';
        if (which === 'flaky' && flakyFailures < 2) {
          flakyFailures++;
          res.writeHead(503).end();
          return;
        }
        if (which === 'broken') {
          res.writeHead(500).end();
          return;
        }
        hits[which].push({ body, headers: req.headers });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}`;

    const store = serverStoreOf(ctx.store);
    app = await buildApp({ store, clock, ...checkedResponses(), ...daysPass() });
    await app.ready();
    runner = new AutomationRunner({ store, clock, backoff: { baseMs: 60_000, maxMs: 3_600_000 } });
    fx = await fixtureOn(ctx.store, 'Automation workspace');
    const hash = await passwordHash();
    const extra = async (key: string, roles: string[]) => {
      const made = await ctx.store.identity.createUser({
        workspaceId: fx.workspace.id,
        email: `${key.toLowerCase()}@${fx.workspace.id}.test`,
        name: key,
        roles,
        orgUnitId: fx.units.east1.id,
        managerId: fx.users.eastManager.id,
        locale: 'en',
        passwordHash: hash,
      });
      if (!made.ok) throw new Error(made.issues[0]?.message);
      ids[key] = made.value.id;
      as[key] = caller(app, await login(app, made.value.email));
    };
    for (let i = 1; i <= 5; i++) await extra(`rep${i}`, ['member', 'salesRep']);
    await extra('tech', ['member', 'techReviewer']);
    await extra('legal', ['member', 'legalReviewer']);
    await extra('service', ['member', 'serviceReviewer']);
    for (const key of ['admin', 'eastManager', 'east1Rep'] as const)
      as[key] = caller(app, await login(app, fx.users[key].email));
    const doc = automationApp({ flaky: `${base}/flaky`, broken: `${base}/broken`, secret: SECRET });
    expect((await by('admin').post('/api/apps', doc)).statusCode).toBe(201);
    const published = await by('admin').post('/api/apps/auto/publish');
    expect(published?.statusCode, published?.body).toBe(201);
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => hookServer.close(resolve));
  });

  it('a lead untouched 24 h after creation notifies its owner and the manager exactly once', async () => {
    const rep = by('east1Rep');
    const lead = (await rep.post(`${API}/lead/records`, { title: 'Quiet lead' })).json() as Rec;
    const touched = (await rep.post(`${API}/lead/records`, { title: 'Touched lead' })).json() as Rec;
    clock.advance(2 * HOUR);
    const patched = await rep.patch(`${API}/lead/records/${touched.id}`, {
      version: touched.version,
      touchedAt: clock.now().toISOString(),
    });
    expect(patched.statusCode, patched.body).toBe(200);
    clock.advance(21 * HOUR);
    await run();
    expect((await inboxOf('east1Rep')).filter((n) => n.recordId === lead.id)).toEqual([]);
    clock.advance(2 * HOUR);
    await run();
    clock.advance(48 * HOUR);
    await run();
    await run();
    for (const who of ['east1Rep', 'eastManager']) {
      const notes = (await inboxOf(who)).filter((n) => n.recordId === lead.id || n.recordId === touched.id);
      expect(notes.map((n) => [n.recordId, n.title.en])).toEqual([
        [lead.id, 'Lead not touched within 24 h: Quiet lead'],
      ]);
    }
    const count = (await by('east1Rep').get('/api/inbox/count')).json() as { unread: number };
    expect(count.unread).toBeGreaterThanOrEqual(1);
    const runs = (await by('admin').get('/api/automation/runs?automation=leadUntouched')).json() as {
      runs: { recordId: string; condition: boolean; actions: { status: string }[] }[];
    };
    expect(runs.runs.find((r) => r.recordId === lead.id)).toMatchObject({
      condition: true,
      actions: [{ status: 'done' }],
    });
    expect(runs.runs.find((r) => r.recordId === touched.id)).toMatchObject({ condition: false, actions: [] });
  });

  it('a deal past its stage SLA is flagged and its owner notified', async () => {
    const rep = by('east1Rep');
    const deal = (await rep.post(`${API}/deal/records`, { title: 'Stuck deal' })).json() as Rec;
    const moving = (await rep.post(`${API}/deal/records`, { title: 'Moving deal' })).json() as Rec;
    clock.advance(10 * HOUR);
    expect((await rep.post(`${API}/deal/records/${moving.id}/transitions`, { to: 'won' })).statusCode).toBe(
      200,
    );
    clock.advance(63 * HOUR);
    await run();
    const stuck = (await rep.get(`${API}/deal/records/${deal.id}`)).json() as Rec;
    const won = (await rep.get(`${API}/deal/records/${moving.id}`)).json() as Rec;
    expect(stuck.slaBreached).toBe(true);
    expect(stuck.updatedBy).toBe('automation');
    expect(won.slaBreached ?? null).toBe(null);
    const notes = (await inboxOf('east1Rep')).filter(
      (n) => n.recordId === deal.id || n.recordId === moving.id,
    );
    expect(notes.map((n) => [n.recordId, n.title.en])).toEqual([[deal.id, 'Deal past its SLA: Stuck deal']]);
  });

  it('a customer with no contact for 3 days gets a follow-up task for its owner, once', async () => {
    const rep = by('east1Rep');
    const account = (
      await rep.post(`${API}/account/records`, { name: '华东客户', contactedAt: clock.now().toISOString() })
    ).json() as Rec;
    clock.advance(71 * HOUR);
    await run();
    const none = (await rep.get(`${API}/task/records`)).json() as { records: Rec[] };
    expect(none.records.filter((t) => t.about === account.id)).toEqual([]);
    clock.advance(2 * HOUR);
    await run();
    clock.advance(24 * HOUR);
    await run();
    const tasks = ((await rep.get(`${API}/task/records`)).json() as { records: Rec[] }).records.filter(
      (t) => t.about === account.id,
    );
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ title: '联系客户：华东客户', owner: fx.users.east1Rep.id });
    const mine = (await rep.get('/api/tasks/mine')).json() as {
      tasks: { recordId: string; dueAt: string }[];
    };
    const task = mine.tasks.find((t) => t.recordId === tasks[0]?.id);
    expect(task?.dueAt).toBe(new Date(Date.parse(account.contactedAt as string) + 97 * HOUR).toISOString());
  });

  it('round-robin assigns 30 new leads evenly over 5 reps', async () => {
    for (let i = 0; i < 30; i++) {
      const res = await by('admin').post(`${API}/lead/records`, { title: `Web lead ${i}`, source: 'web' });
      expect(res?.statusCode).toBe(201);
    }
    await run();
    const leads = (
      (await by('admin').get(`${API}/lead/records?limit=200`)).json() as { records: Rec[] }
    ).records.filter((l) => l.source === 'web');
    const per = new Map<string, number>();
    for (const l of leads) per.set(String(l.owner), (per.get(String(l.owner)) ?? 0) + 1);
    expect([...per.keys()].sort()).toEqual([1, 2, 3, 4, 5].map((i) => ids[`rep${i}`]).sort());
    expect([...per.values()]).toEqual([6, 6, 6, 6, 6]);
  });

  it('leads imported from a CSV file are events too: round-robin assigns them like created ones', async () => {
    const file = ['title,source', ...Array.from({ length: 10 }, (_, i) => `Imported lead ${i},web`)].join(
      '\n',
    );
    const res = await by('admin')({
      method: 'POST',
      url: `${API}/lead/import`,
      ...importForm(file),
    });
    expect(res.statusCode, res.body).toBe(201);
    await run();
    const leads = (
      (await by('admin').get(`${API}/lead/records?limit=200&search=Imported`)).json() as { records: Rec[] }
    ).records;
    expect(leads).toHaveLength(10);
    const per = new Map<string, number>();
    for (const l of leads) per.set(String(l.owner), (per.get(String(l.owner)) ?? 0) + 1);
    expect([...per.keys()].sort()).toEqual([1, 2, 3, 4, 5].map((i) => ids[`rep${i}`]).sort());
    expect([...per.values()]).toEqual([2, 2, 2, 2, 2]);
  });

  it('an order over 500,000 needs tech, legal and service approval in parallel; one rejection stops it', async () => {
    const rep = by('east1Rep');
    const big = (await rep.post(`${API}/order/records`, { title: 'Big', amount: 600000 })).json() as Rec;
    const small = (await rep.post(`${API}/order/records`, { title: 'Small', amount: 1000 })).json() as Rec;
    await run();
    const confirm = (id: string) => rep.post(`${API}/order/records/${id}/transitions`, { to: 'confirmed' });
    expect((await confirm(small.id)).statusCode).toBe(200);
    const blocked = await confirm(big.id);
    expect(blocked.statusCode).toBe(422);
    const error = (
      blocked.json() as { error: { code: string; details: { code: string; message: string }[] } }
    ).error;
    expect(error.code).toBe('TRANSITION_BLOCKED');
    expect(error.details.map((d) => d.code)).toEqual(['APPROVAL_PENDING']);
    expect(error.details[0]?.message).toMatch(/approval|审批/i);
    // the transition options say the same before anyone tries: not allowed, and why
    const options = async (id: string) =>
      (
        (await rep.get(`${API}/order/records/${id}/transitions`)).json() as {
          transitions: { to: string; allowed: boolean; reasons: { code: string; message: string }[] }[];
        }
      ).transitions.find((o) => o.to === 'confirmed');
    expect(await options(big.id)).toMatchObject({
      allowed: false,
      reasons: [{ code: 'APPROVAL_PENDING', message: expect.stringMatching(/approval|审批/i) }],
    });

    const waiting = async (who: string) =>
      (
        (await by(who).get('/api/approvals/waiting')).json() as {
          approvals: { id: string; recordId: string }[];
        }
      ).approvals;
    for (const who of ['tech', 'legal', 'service']) {
      expect((await waiting(who)).map((a) => a.recordId)).toEqual([big.id]);
      expect((await inboxOf(who)).filter((n) => n.kind === 'approval').map((n) => n.recordId)).toEqual([
        big.id,
      ]);
    }
    const instanceId = (await waiting('tech'))[0]?.id as string;
    const decide = (who: string, decision: string, comment?: string) =>
      by(who).post(`/api/approvals/${instanceId}/decision`, { decision, ...(comment ? { comment } : {}) });
    expect((await decide('east1Rep', 'approve')).statusCode).toBe(403);
    clock.advance(HOUR);
    expect((await decide('tech', 'approve', 'architecture ok')).statusCode).toBe(200);
    clock.advance(HOUR);
    expect((await decide('legal', 'approve')).statusCode).toBe(200);
    expect((await confirm(big.id)).statusCode).toBe(422);
    clock.advance(HOUR);
    const last = await decide('service', 'approve', 'we can support it');
    expect(last?.statusCode).toBe(200);
    expect(last?.json()).toMatchObject({ status: 'approved' });
    expect(await options(big.id)).toMatchObject({ allowed: true, reasons: [] });
    const moved = await confirm(big.id);
    expect(moved.statusCode, moved.body).toBe(200);
    const history = (await rep.get(`${API}/order/records/${big.id}/approvals`)).json() as {
      approvals: {
        status: string;
        history: { branch: string; userName: string; decision: string; comment: string | null; at: string }[];
      }[];
    };
    const t = (h: number) => new Date(clock.now().getTime() - h * HOUR).toISOString();
    expect(
      history.approvals[0]?.history.map((h) => [h.branch, h.userName, h.decision, h.comment, h.at]),
    ).toEqual([
      ['tech', 'tech', 'approve', 'architecture ok', t(2)],
      ['legal', 'legal', 'approve', null, t(1)],
      ['service', 'service', 'approve', 'we can support it', t(0)],
    ]);

    const second = (await rep.post(`${API}/order/records`, { title: 'Big 2', amount: 900000 })).json() as Rec;
    await run();
    const next = (await waiting('legal')).find((a) => a.recordId === second.id)?.id as string;
    const rejected = await by('legal').post(`/api/approvals/${next}/decision`, {
      decision: 'reject',
      comment: 'terms',
    });
    expect(rejected?.json()).toMatchObject({ status: 'rejected' });
    const late = await by('tech').post(`/api/approvals/${next}/decision`, { decision: 'approve' });
    expect(late?.statusCode).toBe(409);
    expect((await confirm(second.id)).statusCode).toBe(422);
    const owner = (await inboxOf('east1Rep'))
      .filter((n) => n.kind === 'approval_result')
      .map((n) => [n.recordId, n.title.en]);
    expect(owner).toEqual(
      expect.arrayContaining([
        [second.id, 'Big order sign-off'],
        [big.id, 'Big order sign-off'],
      ]),
    );
  });

  it('loses no event: a write committed without the server enqueuing anything still fires (the audit trail is the outbox)', async () => {
    // As if the server died right after the commit: the record is written through the store only.
    const written = await ctx.store.records.create(fx.actors.east1Rep, 'auto', 'order', {
      title: 'Written, then crashed',
      amount: 700000,
    });
    if (!written.ok) throw new Error(written.issues[0]?.message);
    await run();
    const list = (await by('east1Rep').get(`${API}/order/records/${written.value.id}/approvals`)).json() as {
      approvals: { status: string }[];
    };
    expect(list.approvals.map((a) => a.status)).toEqual(['pending']);
    await run();
    const again = (await by('east1Rep').get(`${API}/order/records/${written.value.id}/approvals`)).json() as {
      approvals: unknown[];
    };
    expect(again.approvals).toHaveLength(1);
  });

  it('a schedule fires at 09:00 in the workspace zone for each matching record, once per instant', async () => {
    const rep = by('east1Rep');
    const visit = (await rep.post(`${API}/visit/records`, { title: 'Store walk' })).json() as Rec;
    const skipped = (await rep.post(`${API}/visit/records`, { title: 'skip' })).json() as Rec;
    const visits = async () =>
      (await inboxOf('east1Rep')).filter((n) => n.recordId === visit.id || n.recordId === skipped.id);
    await run();
    const before = (await visits()).length;
    // The next 09:00 in Asia/Shanghai (01:00 UTC) after now.
    const now = clock.now();
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 1));
    if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
    clock.advance(next.getTime() - now.getTime() - 1000);
    await run();
    expect((await visits()).length).toBe(before);
    clock.advance(2000);
    await run();
    await run();
    const after = await visits();
    expect(after.length).toBe(before + 1);
    expect(after[0]).toMatchObject({ recordId: visit.id, title: { en: 'Visit today: Store walk' } });
    clock.advance(24 * HOUR);
    await run();
    expect((await visits()).length).toBe(before + 2);
  });

  it('a webhook failing twice then succeeding is received exactly once, signed; a broken one ends as a dead letter', async () => {
    const rep = by('east1Rep');
    await rep.post(`${API}/ping/records`, { target: 'flaky' });
    await rep.post(`${API}/ping/records`, { target: 'broken' });
    for (let i = 0; i < 8; i++) {
      await run();
      clock.advance(4 * HOUR);
    }
    expect(flakyFailures).toBe(2);
    expect(hits.flaky).toHaveLength(1);
    const hit = hits.flaky[0] as Hit;
    const expected = createHmac('sha256', SECRET)
      .update(`${hit.headers['x-stagecraft-timestamp']}.${hit.body}`)
      .digest('hex');
    expect(hit.headers['x-stagecraft-signature']).toBe(`sha256=${expected}`);
    expect(JSON.parse(hit.body)).toMatchObject({ automation: 'hookFlaky', record: { target: 'flaky' } });

    const deliveries = (await by('admin').get('/api/automation/webhook-deliveries')).json() as {
      deliveries: { url: string; status: number | null; attempt: number }[];
    };
    const flaky = deliveries.deliveries.filter((d) => d.url.endsWith('/flaky')).reverse();
    expect(flaky.map((d) => [d.attempt, d.status])).toEqual([
      [1, 503],
      [2, 503],
      [3, 204],
    ]);
    const dead = (await by('admin').get('/api/automation/jobs?status=dead')).json() as {
      jobs: { key: string; attempts: number; lastError: string }[];
    };
    expect(dead.jobs).toHaveLength(1);
    expect(dead.jobs[0]).toMatchObject({ attempts: 6 });
    expect(dead.jobs[0]?.key).toContain('hookBroken');
    expect(dead.jobs[0]?.lastError).toContain('HTTP 500');
    expect((await rep.get('/api/automation/jobs?status=dead')).statusCode).toBe(403);
  });
});
