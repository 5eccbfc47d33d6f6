/**
 * Issue 4 through the HTTP API (inject) on PGlite and PostgreSQL: a pipeline that refuses skips,
 * missing fields and evidence and wrong roles with explanations; history with dwell times on a fake
 * clock; a lead lifecycle on the same engine; 20 concurrent moves → one 200 and 19 × 409; SLA filter.
 */

import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { serverStoreOf } from '../src/bootstrap/open.js';
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
import { PDF, pipelineApp, upload } from './transitions-fixture.js';

const DEALS = '/api/apps/crm/entities/deal/records';
const LEADS = '/api/apps/crm/entities/lead/records';
const HOUR = 3_600_000;
type Rec = Record<string, unknown> & { id: string; version: number; stage: string; stageEnteredAt: string };
type Detail = { path: string; code: string; message: string; details?: Record<string, unknown> };

describeDialects('stage transitions API', (ctx) => {
  const clock = new FakeClock(new Date('2026-03-02T01:00:00.000Z'));
  let app: FastifyInstance;
  let fx: OrgFixture;
  let cookies: Record<'admin' | 'eastManager' | 'east1Rep', string>;
  let as: Record<'admin' | 'eastManager' | 'east1Rep', Caller>;
  const zh = { 'accept-language': 'zh-CN' };

  const move = (who: Caller, id: string, body: Record<string, unknown>, url = DEALS) =>
    who({ method: 'POST', url: `${url}/${id}/transitions`, payload: body, headers: zh });
  const details = (res: { json(): unknown }) =>
    (res.json() as { error: { code: string; details: Detail[] } }).error;

  beforeAll(async () => {
    app = await buildApp({ store: serverStoreOf(ctx.store), clock, ...checkedResponses(), ...daysPass() });
    await app.ready();
    fx = await fixtureOn(ctx.store, 'Stage workspace');
    cookies = {
      admin: await login(app, fx.users.admin.email),
      eastManager: await login(app, fx.users.eastManager.email),
      east1Rep: await login(app, fx.users.east1Rep.email),
    };
    as = {
      admin: caller(app, cookies.admin),
      eastManager: caller(app, cookies.eastManager),
      east1Rep: caller(app, cookies.east1Rep),
    };
    expect((await as.admin.post('/api/apps', pipelineApp())).statusCode).toBe(201);
    const published = await as.admin.post('/api/apps/crm/publish');
    expect(published.statusCode, published.body).toBe(201);
  });
  afterAll(() => app.close());

  it('runs the pipeline: refuses a skip, missing field and evidence, a wrong role; history and dwell are right', async () => {
    const created = await as.east1Rep.post(DEALS, { title: '华东项目', amount: 120000 });
    expect(created.statusCode, created.body).toBe(201);
    const deal = created.json() as Rec;
    expect(deal).toMatchObject({ stage: 'contact', stageEnteredAt: '2026-03-02T01:00:00.000Z' });

    // the stage is not a plain field
    const patched = await as.east1Rep.patch(`${DEALS}/${deal.id}`, { stage: 'won', version: deal.version });
    expect(patched.statusCode).toBe(400);
    expect(envelope(patched).details.map((d) => d.code)).toContain('STAGE_READ_ONLY');

    const listed = await as.east1Rep({
      method: 'GET',
      url: `${DEALS}/${deal.id}/transitions`,
      headers: { 'accept-language': 'en' },
    });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toMatchObject({
      stage: 'contact',
      sla: { state: 'on_time' },
      transitions: [
        { id: 'qualify', to: 'needs', toLabel: 'Needs confirmed', allowed: true },
        {
          id: 'lose',
          to: 'lost',
          allowed: true,
          requires: { fields: [{ field: 'lostReason', label: 'Lost reason' }] },
        },
      ],
    });

    clock.advance(2 * HOUR);
    const skip = await move(as.east1Rep, deal.id, { to: 'proposal' });
    expect(skip.statusCode).toBe(422);
    const skipError = details(skip);
    expect(skipError.code).toBe('TRANSITION_BLOCKED');
    expect(skipError.details).toEqual([
      expect.objectContaining({
        code: 'TRANSITION_NOT_FOUND',
        path: '/to',
        message: '初步接触只能推进到需求确认或输单。',
      }),
    ]);

    const qualified = await move(as.east1Rep, deal.id, { to: 'needs' });
    expect(qualified.statusCode, qualified.body).toBe(200);
    expect(qualified.json()).toMatchObject({
      record: { stage: 'needs', stageEnteredAt: '2026-03-02T03:00:00.000Z', version: 2 },
      history: {
        from: 'contact',
        to: 'needs',
        transitionId: 'qualify',
        actor: fx.users.east1Rep.id,
        dwellMs: 2 * HOUR,
      },
    });

    clock.advance(5 * HOUR);
    const bare = await move(as.east1Rep, deal.id, { to: 'proposal' });
    expect(bare.statusCode).toBe(422);
    expect(details(bare).details.map((d) => [d.code, d.path, d.message])).toEqual([
      ['FIELD_REQUIRED', '/fields/painPoints', '执行“提交方案”需要填写痛点清单。'],
      ['EVIDENCE_MISSING', '/evidence/minutes', '会议纪要：需要 1 个文件，已有 0 个。'],
    ]);
    expect((await as.east1Rep.get(`${DEALS}/${deal.id}`)).json()).toMatchObject({
      stage: 'needs',
      version: 2,
    });

    const file = await upload(
      app,
      cookies.east1Rep,
      { name: '会议纪要.pdf', type: 'application/pdf', data: PDF },
      { size: String(PDF.length) },
    );
    expect(file.statusCode, file.body).toBe(201);
    const minutes = file.json() as { id: string; sha256: string; createdAt: string };
    expect(minutes.createdAt).toBe('2026-03-02T08:00:00.000Z');

    const proposed = await move(as.east1Rep, deal.id, {
      to: 'proposal',
      fields: { painPoints: '交付周期长' },
      evidence: { minutes: [minutes.id] },
      version: 2,
    });
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json()).toMatchObject({
      record: { stage: 'proposal', painPoints: '交付周期长', version: 3 },
      history: { from: 'needs', to: 'proposal', dwellMs: 5 * HOUR, evidence: { minutes: [minutes.id] } },
    });
    // Work after a move is an automation on stage_changed; the answer promises nothing else.
    expect(proposed.json()).not.toHaveProperty('effects');
    const linked = await as.east1Rep.get(`/api/attachments/${minutes.id}`);
    expect(linked.json()).toMatchObject({
      transitionId: 'propose',
      requirementId: 'minutes',
      recordId: deal.id,
      entity: 'deal',
    });

    // entry criterion explained; then a role without the right
    clock.advance(HOUR);
    await as.east1Rep.patch(`${DEALS}/${deal.id}`, { amount: 0, version: 3 });
    const noAmount = await move(as.east1Rep, deal.id, { to: 'negotiation' });
    expect(details(noAmount).details).toEqual([
      expect.objectContaining({
        code: 'RULE_FAILED',
        path: '/record/amount',
        message: '报价前需填写金额',
        details: expect.objectContaining({ kind: 'entryCriterion', explanation: '金额 > 0（当前：0）' }),
      }),
    ]);
    await as.east1Rep.patch(`${DEALS}/${deal.id}`, { amount: 90000, version: 4 });
    expect((await move(as.east1Rep, deal.id, { to: 'negotiation' })).statusCode).toBe(200);

    clock.advance(24 * HOUR);
    const byRep = await move(as.east1Rep, deal.id, { to: 'won' });
    expect(byRep.statusCode).toBe(422);
    expect(details(byRep).details).toEqual([
      expect.objectContaining({ code: 'FORBIDDEN', path: '/to', message: '只有manager可以执行“签约”。' }),
    ]);
    const byManager = await move(as.eastManager, deal.id, { to: 'won' });
    expect(byManager.statusCode, byManager.body).toBe(200);

    const history = await as.east1Rep.get(`${DEALS}/${deal.id}/history`);
    expect(history.statusCode).toBe(200);
    const rows = (history.json() as { history: Record<string, unknown>[] }).history;
    expect(rows.map((h) => [h.from, h.to, h.actor, h.at, h.dwellMs])).toEqual([
      ['contact', 'needs', fx.users.east1Rep.id, '2026-03-02T03:00:00.000Z', 2 * HOUR],
      ['needs', 'proposal', fx.users.east1Rep.id, '2026-03-02T08:00:00.000Z', 5 * HOUR],
      ['proposal', 'negotiation', fx.users.east1Rep.id, '2026-03-02T09:00:00.000Z', 1 * HOUR],
      ['negotiation', 'won', fx.users.eastManager.id, '2026-03-03T09:00:00.000Z', 24 * HOUR],
    ]);
    expect(rows[3]?.actorName).toBe('eastManager');

    // evidence cannot be reused for another move
    const other = (await as.east1Rep.post(DEALS, { title: '另一个' })).json() as Rec;
    await move(as.east1Rep, other.id, { to: 'needs' });
    const reused = await move(as.east1Rep, other.id, {
      to: 'proposal',
      fields: { painPoints: 'x' },
      evidence: { minutes: [minutes.id] },
    });
    expect(details(reused).details.map((d) => d.code)).toEqual(['EVIDENCE_MISSING', 'ATTACHMENT_IN_USE']);
  });

  it('loses from any open stage and reopens only for a manager', async () => {
    const deal = (await as.east1Rep.post(DEALS, { title: '会丢的单' })).json() as Rec;
    const lost = await move(as.east1Rep, deal.id, { to: 'lost', fields: { lostReason: '预算冻结' } });
    expect(lost.statusCode, lost.body).toBe(200);
    expect(lost.json()).toMatchObject({
      record: { stage: 'lost', lostReason: '预算冻结' },
      history: { transitionId: 'lose' },
    });
    expect((await move(as.east1Rep, deal.id, { to: 'contact' })).statusCode).toBe(422);
    const reopened = await move(as.eastManager, deal.id, { to: 'contact' });
    expect(reopened.json()).toMatchObject({
      record: { stage: 'contact' },
      history: { from: 'lost', to: 'contact', transitionId: 'reopen' },
    });
  });

  it('documents the transition and attachment routes in OpenAPI', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys((res.json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/apps/{app}/entities/{entity}/records/{id}/transitions',
        '/api/apps/{app}/entities/{entity}/records/{id}/history',
        '/api/attachments',
        '/api/attachments/{id}',
      ]),
    );
  });

  it('refuses a move to a role that may read but not update the record', async () => {
    const deal = (await as.east1Rep.post(DEALS, { title: '只读' })).json() as Rec;
    const auditor = fx.users.east1Rep2;
    expect(
      (await ctx.store.identity.updateUser(fx.workspace.id, auditor.id, { roles: ['auditor'] })).ok,
    ).toBe(true);
    const reader = caller(app, await login(app, auditor.email));
    expect((await reader.get(`${DEALS}/${deal.id}/transitions`)).statusCode).toBe(200);
    const refused = await move(reader, deal.id, { to: 'needs' });
    expect(refused.statusCode).toBe(403);
    expect(envelope(refused).code).toBe('FORBIDDEN');
    expect((await as.east1Rep.get(`${DEALS}/${deal.id}`)).json()).toMatchObject({
      stage: 'contact',
      version: 1,
    });
  });

  it('runs a lead lifecycle MQL → SQL on the same engine, requiring budget range and decision maker', async () => {
    const lead = (await as.east1Rep.post(LEADS, { title: '新线索' })).json() as Rec;
    expect(lead.stage).toBe('mql');
    const refused = await as.east1Rep({
      method: 'POST',
      url: `${LEADS}/${lead.id}/transitions`,
      payload: { to: 'sql' },
      headers: { 'accept-language': 'en' },
    });
    expect(refused.statusCode).toBe(422);
    expect(details(refused).details.map((d) => [d.path, d.message])).toEqual([
      ['/fields/budgetRange', 'Budget range must be filled to run “Qualify to SQL”.'],
      ['/fields/decisionMaker', 'Decision maker must be filled to run “Qualify to SQL”.'],
    ]);
    const badValue = await move(
      as.east1Rep,
      lead.id,
      { to: 'sql', fields: { budgetRange: 'huge', decisionMaker: '王总' } },
      LEADS,
    );
    expect(badValue.statusCode).toBe(422);
    expect(details(badValue).details.map((d) => d.path)).toEqual(['/fields/budgetRange']);
    const ok = await move(
      as.east1Rep,
      lead.id,
      { to: 'sql', fields: { budgetRange: 'large', decisionMaker: '王总' } },
      LEADS,
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      record: { stage: 'sql', budgetRange: 'large', decisionMaker: '王总' },
    });
  });

  it('lets exactly one of 20 concurrent moves through: 19 × 409, one history row, a consistent record', async () => {
    const deal = (await as.east1Rep.post(DEALS, { title: '并发' })).json() as Rec;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        move(i % 2 ? as.east1Rep : as.eastManager, deal.id, { to: 'needs', version: deal.version }),
      ),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(envelope(r).code).toBe('VERSION_CONFLICT');
    const history = (await as.east1Rep.get(`${DEALS}/${deal.id}/history`)).json() as { history: unknown[] };
    expect(history.history).toHaveLength(1);
    expect((await as.east1Rep.get(`${DEALS}/${deal.id}`)).json()).toMatchObject({
      stage: 'needs',
      version: deal.version + 1,
    });
    const audit = await ctx.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_id', '=', deal.id)
      .where('action', '=', 'transition')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('lists records past their stage SLA with the sla filter', async () => {
    const fresh = (await as.east1Rep.post(DEALS, { title: 'SLA 新' })).json() as Rec;
    clock.advance(100 * HOUR);
    const stale = (await as.east1Rep.post(DEALS, { title: 'SLA 旧' })).json() as Rec;
    clock.advance(65 * HOUR); // stale: 65 h of 72 → due soon; fresh: 165 h → overdue
    const ids = async (query: string) =>
      ((await as.east1Rep.get(`${DEALS}?${query}&limit=500`)).json() as { records: Rec[] }).records.map(
        (r) => r.id,
      );
    const overdue = await ids('sla=overdue');
    expect(overdue).toContain(fresh.id);
    expect(overdue).not.toContain(stale.id);
    const soon = await ids('sla=due_soon');
    expect(soon).toContain(stale.id);
    expect(soon).not.toContain(fresh.id);
    expect(await ids('sla=on_time')).not.toContain(fresh.id);
    expect(
      await ids(
        `sla=overdue&filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'title' }, 'SLA 新'] }))}`,
      ),
    ).toEqual([fresh.id]);
    expect(await ids('dwellHours=150')).toContain(fresh.id);
    expect(await ids('dwellHours=150')).not.toContain(stale.id);
    expect((await as.east1Rep.get(`${DEALS}?sla=late`)).statusCode).toBe(400);
  });
});
