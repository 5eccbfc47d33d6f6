/**
 * Notification emails through the HTTP API and the runner on a fake clock, with a real SMTP
 * receiver (smtp-server), on PGlite and PostgreSQL: "no follow-up for 3 days" notifies the owner
 * and the owner's manager; each gets the email once (retries and later scans send nothing more), it
 * names the customer and links to the record, a user who turned email off gets none, and a runner
 * without SMTP enqueues no email.
 */
import type { AddressInfo } from 'node:net';
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { serverStoreOf } from '../src/bootstrap/open.js';
import { EMAIL_JOB, mailerFromUrl } from '../src/worker/email.js';
import { AutomationRunner } from '../src/worker/runner.js';
import { type Caller, caller, checkedResponses, FakeClock, fixtureOn, login } from './support.js';

const HOUR = 3_600_000;
const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });

const followApp = {
  schemaVersion: 2,
  id: 'followApp',
  label: L('跟进', 'Follow-ups'),
  entities: [
    {
      id: 'customer',
      label: L('客户', 'Customer'),
      titleField: 'name',
      fields: [{ id: 'name', type: 'text', label: L('名称', 'Name') }],
    },
  ],
  roles: [],
  automations: [
    {
      id: 'noFollowUp',
      label: L('3 天未联系', 'No follow-up for 3 days'),
      entity: 'customer',
      trigger: { type: 'relative_time', field: 'updatedAt', offsetHours: 72 },
      actions: [
        {
          id: 'tell',
          type: 'notify',
          recipients: [{ type: 'owner' }, { type: 'owner_manager', levels: 1 }],
          title: L('客户已 3 天未联系', 'No contact for 3 days'),
        },
      ],
    },
  ],
};

interface Received {
  to: string[];
  body: string;
}

/** The message text as sent (nodemailer quotes non-ASCII text as quoted-printable UTF-8). */
const decodeQuotedPrintable = (raw: string) =>
  Buffer.from(
    raw
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

/** A real SMTP receiver on a free port that keeps every message it accepts. */
async function smtpReceiver() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          body: decodeQuotedPrintable(Buffer.concat(chunks).toString('latin1')),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describeDialects('email notifications', (ctx) => {
  const clock = new FakeClock(new Date(Math.floor(Date.now() / 1000) * 1000));
  let app: FastifyInstance;
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  let fx: OrgFixture;
  let rep: Caller;

  beforeAll(async () => {
    smtp = await smtpReceiver();
    const store = serverStoreOf(ctx.store);
    app = await buildApp({ store, clock, ...checkedResponses() });
    await app.ready();
    fx = await fixtureOn(ctx.store, 'Email workspace');
    const admin = caller(app, await login(app, fx.users.admin.email));
    rep = caller(app, await login(app, fx.users.east1Rep.email));
    expect((await admin.post('/api/apps', followApp)).statusCode).toBe(201);
    expect((await admin.post('/api/apps/followApp/publish')).statusCode).toBe(201);
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  it('mails the owner and the manager once, naming the customer and linking to it; not who opted out', async () => {
    const store = serverStoreOf(ctx.store);
    const runner = new AutomationRunner({
      store,
      clock,
      mailer: mailerFromUrl(smtp.url),
      publicUrl: 'https://crm.example.com/',
    });
    const start = clock.now().getTime();
    const acme = await rep.post('/api/apps/followApp/entities/customer/records', { name: 'Acme Trading' });
    expect(acme.statusCode, acme.body).toBe(201);
    const id = (acme.json() as { id: string }).id;

    clock.current = new Date(start + 71 * HOUR);
    await runner.runUntilIdle();
    expect(smtp.received).toEqual([]);

    clock.current = new Date(start + 72 * HOUR + 60_000);
    await runner.runUntilIdle();
    clock.current = new Date(start + 200 * HOUR);
    await runner.runUntilIdle();
    const to = smtp.received.flatMap((m) => m.to).sort();
    expect(to).toEqual([fx.users.east1Rep.email, fx.users.eastManager.email].sort());
    for (const m of smtp.received) {
      expect(m.body).toContain('Acme Trading');
      expect(m.body).toContain(`https://crm.example.com/#/a/followApp/e/customer/r/${id}`);
    }

    // The rep turns email off (their own preference, through the API): the next reminder mails only the manager.
    rep = caller(app, await login(app, fx.users.east1Rep.email)); // days passed: a fresh session
    const pref = await rep.patch('/api/auth/preferences', { emailNotifications: false });
    expect(pref.statusCode, pref.body).toBe(200);
    expect(pref.json()).toMatchObject({ user: { emailNotifications: false } });
    const beta = await rep.post('/api/apps/followApp/entities/customer/records', { name: 'Beta Foods' });
    expect(beta.statusCode).toBe(201);
    clock.current = new Date(start + 300 * HOUR);
    await runner.runUntilIdle();
    const betaMails = smtp.received.filter((m) => m.body.includes('Beta Foods'));
    expect(betaMails.map((m) => m.to)).toEqual([[fx.users.eastManager.email]]);
  });

  it('enqueues and sends nothing without SMTP, and the inbox still gets the notice', async () => {
    const store = serverStoreOf(ctx.store);
    const runner = new AutomationRunner({ store, clock });
    const before = smtp.received.length;
    rep = caller(app, await login(app, fx.users.east1Rep.email));
    const start = clock.now().getTime();
    const res = await rep.post('/api/apps/followApp/entities/customer/records', { name: 'Gamma Ltd' });
    expect(res.statusCode).toBe(201);
    clock.current = new Date(start + 73 * HOUR);
    await runner.runUntilIdle();
    expect(smtp.received.length).toBe(before);
    const jobs = await ctx.store.db
      .selectFrom('jobs')
      .select('key')
      .where('kind', '=', EMAIL_JOB)
      .where('key', 'like', '%email%')
      .execute();
    const gammaNotes = (
      await ctx.store.automation.inbox.list(fx.workspace.id, fx.users.eastManager.id, { limit: 1000 })
    ).filter((n) => n.recordId === (res.json() as { id: string }).id);
    expect(gammaNotes).toHaveLength(1);
    // only the first test's emails (2 + 1) were ever enqueued
    expect(jobs).toHaveLength(3);
  });
});
