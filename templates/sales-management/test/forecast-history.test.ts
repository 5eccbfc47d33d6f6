/**
 * The demo data holds six months of forecast snapshots, so accuracy per rep shows figures on a
 * fresh start: through the HTTP API, each line names its rep, carries a forecast, the amount won
 * since and an accuracy, and a rep reads only their own lines.
 */
import { fileURLToPath } from 'node:url';
import { describeDialects, type OrgFixture } from '@stagecraft/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../../apps/server/src/app.js';
import {
  caller,
  envelope,
  FakeClock,
  type FastifyInstance,
  fixtureOn,
  login,
} from '../../../apps/server/test/support.js';
import { DEMO_PASSWORD } from '../demo/src/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/;

interface Line {
  takenOn: string;
  owner: string;
  ownerName: string;
  period: string;
  forecast: number;
  actual: number;
  accuracy: number | null;
}

describeDialects('sales-management forecast history', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let report: { forecastSnapshots: number; logins: { role: string; email: string }[] };

  beforeAll(async () => {
    app = await buildApp({
      store: ctx.store,
      clock: new FakeClock(new Date('2026-11-20T02:00:00.000Z')),
      templatesRoot: root,
    });
    await app.ready();
    fx = await fixtureOn(ctx.store);
    const admin = caller(app, await login(app, fx.users.admin.email));
    const installed = await admin.post('/api/templates/sales-management/install', { demo: true });
    if (installed.statusCode !== 201) throw new Error(installed.body);
    report = installed.json().demo;
  });
  afterAll(() => app.close());

  it('shows accuracy per rep with figures and names on the demo data, scoped like every read', async () => {
    expect(report.forecastSnapshots).toBeGreaterThan(50);
    const admin = caller(app, await login(app, fx.users.admin.email));
    const all = await admin.post('/api/apps/salesManagement/forecast/accuracy', {
      settings: 'pipelineForecast',
    });
    expect(all.statusCode, all.body).toBe(200);
    const rows = all.json().rows as Line[];
    expect(rows.length).toBeGreaterThan(50);
    expect(new Set(rows.map((r) => r.takenOn)).size).toBeGreaterThanOrEqual(10);
    const figured = rows.filter((r) => typeof r.accuracy === 'number');
    expect(figured.length).toBeGreaterThan(rows.length / 2);
    for (const r of figured) {
      expect(r.accuracy).toBeGreaterThanOrEqual(0);
      expect(r.accuracy).toBeLessThanOrEqual(1);
      expect(r.actual).toBeGreaterThan(0);
    }
    expect(rows.every((r) => r.ownerName !== '' && !UUID.test(r.ownerName))).toBe(true);

    const member = report.logins.find((l) => l.role === 'member');
    if (!member) throw new Error('no demo rep');
    const rep = caller(app, await login(app, member.email, DEMO_PASSWORD));
    const own = await rep.post('/api/apps/salesManagement/forecast/accuracy', {
      settings: 'pipelineForecast',
    });
    expect(own.statusCode, own.body).toBe(200);
    const mine = own.json().rows as Line[];
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((r) => r.owner)).size).toBe(1);
    expect(mine.length).toBeLessThan(rows.length);
  });

  it('refuses a typed actual or expected-to-date on a goal record: the goal page computes them', async () => {
    const admin = caller(app, await login(app, fx.users.admin.email));
    const base = {
      goalName: '试算目标',
      goalPeriodType: 'month',
      goalPeriodStart: '2026-11-01',
      goalPeriodEnd: '2026-11-30',
      goalMetric: 'signed_amount',
      targetValue: 100000,
    };
    const url = '/api/apps/salesManagement/entities/salesGoal/records';
    for (const field of ['actualValue', 'expectedToDate']) {
      const typed = await admin.post(url, { ...base, [field]: 5000 });
      expect(typed.statusCode, typed.body).toBe(403);
      expect(envelope(typed).details[0]).toMatchObject({ code: 'FORBIDDEN', path: `/${field}` });
    }
    const plain = await admin.post(url, base);
    expect(plain.statusCode, plain.body).toBe(201);
  });
});
