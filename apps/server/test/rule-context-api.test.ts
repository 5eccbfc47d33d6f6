/**
 * The rule context over HTTP: the published app hands the browser the server's clock reading, the
 * app's zone (here the workspace's, as the app names none) and the user; record writes evaluate
 * `today`, `now` and the user with exactly those; and a form fed with that response, on a device
 * clock a day and a half off, refuses and accepts the same values as the server.
 */
import {
  checkRules,
  createRuleSession,
  defaultRuleRuntime,
  FormConditions,
  formRuleContext,
  type ServerRuleContext,
} from '@stagecraft/renderer';
import { App } from '@stagecraft/schema';
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clockApp } from './clock-app.js';
import { type Caller, caller, envelope, FakeClock, fixtureOn, login, serverOn } from './support.js';

const RECORDS = '/api/apps/clockapp/entities/visit/records';
const MINUTE = 60_000;

describeDialects('one rule context for browser and server', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let admin: Caller;
  let rep: Caller;
  // 23:55 on 1 March in UTC (the workspace's zone), already 07:55 on 2 March in Shanghai
  const clock = new FakeClock(new Date('2026-03-01T23:55:00.000Z'));

  beforeAll(async () => {
    app = await serverOn(ctx.store, clock);
    fx = await fixtureOn(ctx.store, 'Zone workspace');
    await ctx.store.db
      .updateTable('workspaces')
      .set({ time_zone: 'UTC' })
      .where('id', '=', fx.workspace.id)
      .execute();
    admin = caller(app, await login(app, fx.users.admin.email));
    rep = caller(app, await login(app, fx.users.east1Rep.email));
    expect((await admin.post('/api/apps', clockApp())).statusCode).toBe(201);
    expect((await admin.post('/api/apps/clockapp/publish', {})).statusCode).toBe(201);
  });
  afterAll(() => app.close());

  it('sends the browser the server clock, the app zone and the user the server evaluates with', async () => {
    const res = await rep.get('/api/apps/clockapp/published');
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { ruleContext: ServerRuleContext }).ruleContext).toEqual({
      now: '2026-03-01T23:55:00.000Z',
      timeZone: 'UTC',
      user: { id: fx.users.east1Rep.id, roles: ['member'], orgUnit: fx.units.east1.id },
    });
  });

  it('judges today in the workspace zone on a write, and moves with the server clock past midnight', async () => {
    const ok = await admin.post(RECORDS, { title: 'today', dueOn: '2026-03-01', note: 'due today' });
    expect(ok.statusCode, ok.body).toBe(201);
    const late = await admin.post(RECORDS, { title: 'yesterday', dueOn: '2026-02-28' });
    expect(late.statusCode).toBe(422);
    expect(envelope(late).details).toMatchObject([{ path: '/dueOn', code: 'RULE_FAILED' }]);

    clock.advance(10 * MINUTE); // 00:05 on 2 March in UTC
    try {
      const after = await admin.post(RECORDS, { title: 'today', dueOn: '2026-03-01', note: 'due today' });
      expect(after.statusCode).toBe(422);
      expect(
        (await admin.post(RECORDS, { title: 'today', dueOn: '2026-03-02', note: 'due today' })).statusCode,
      ).toBe(201);
    } finally {
      clock.advance(-10 * MINUTE);
    }
  });

  it('lets a form on a skewed device clock agree with the server, value by value', async () => {
    const sentAt = Date.parse('2026-03-03T12:00:00.000Z'); // the device runs 36 h ahead
    const res = await rep.get('/api/apps/clockapp/published');
    const { ruleContext, definition } = res.json() as { ruleContext: ServerRuleContext; definition: unknown };
    let local = sentAt + 300;
    const session = createRuleSession(ruleContext, { sentAt, receivedAt: sentAt + 600 }, () => local);
    const doc = App.parse(definition);
    const conditions = new FormConditions(doc.forms[0]!, defaultRuleRuntime);
    const unit = fx.units.east1.id;
    const cases: Record<string, unknown>[] = [
      { dueOn: '2026-03-01' },
      { dueOn: '2026-02-28' },
      { dueOn: '2026-03-08' },
      { dueOn: '2026-03-09' },
      { remindAt: '2026-03-01T23:50:00.000Z' },
      { remindAt: '2026-03-02T06:00:00.000Z' },
      { remindAt: '2026-03-03T06:00:00.000Z' },
      { assignee: fx.users.east1Rep.id, unit },
      { assignee: fx.users.admin.id, unit: fx.units.west.id },
    ];
    for (const shift of [0, 10 * MINUTE]) {
      clock.advance(shift);
      local += shift;
      try {
        for (const values of cases) {
          const data = { title: 'visit', ...values };
          const context = formRuleContext(session, null, 'en');
          const browser = checkRules(
            doc.validationRules,
            defaultRuleRuntime,
            data,
            'create',
            'en',
            context,
          ).map((r) => `/${r.field}`);
          // the form's required-when: a visit due today needs a note
          if (conditions.evaluateAll(data, context).required.has('item:fNote')) browser.push('/note');
          const saved = await rep({
            method: 'POST',
            url: RECORDS,
            payload: data,
            headers: { 'accept-language': 'en' },
          });
          const server = saved.statusCode === 201 ? [] : envelope(saved).details.map((d) => d.path);
          expect(browser.sort(), JSON.stringify({ shift, values })).toEqual(server.sort());
        }
      } finally {
        clock.advance(-shift);
        local -= shift;
      }
    }
  });
});
