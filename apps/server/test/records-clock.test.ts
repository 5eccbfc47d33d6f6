/**
 * `now` and `today` in a filter mean the server's clock in the app's time zone on every read path:
 * the list (query string and body), aggregates and the export. Runs on a fake clock, on PGlite and
 * PostgreSQL, so "due before today" selects exactly the records due before the fake today.
 */
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleApp } from './sample-app.js';
import { type Caller, caller, daysPass, FakeClock, fixtureOn, login, serverOn } from './support.js';

const RECORDS = '/api/apps/testapp/entities/widget/records';

describeDialects('date operators in read filters', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let admin: Caller;
  // 2026-03-02 01:00 UTC is 09:00 on 2 March in Asia/Shanghai
  const clock = new FakeClock(new Date('2026-03-02T01:00:00.000Z'));
  const overdue = { '<': [{ var: 'dueOn' }, { today: [] }] };
  const dueWithinAWeek = {
    '<=': [{ days_between: [{ today: [] }, { var: 'dueOn' }] }, 7],
  };

  beforeAll(async () => {
    app = await serverOn(ctx.store, clock, daysPass());
    fx = await fixtureOn(ctx.store, 'Clock workspace');
    admin = caller(app, await login(app, fx.users.admin.email));
    expect((await admin.post('/api/apps', sampleApp())).statusCode).toBe(201);
    expect((await admin.post('/api/apps/testapp/publish', {})).statusCode).toBe(201);
    for (const [title, dueOn] of [
      ['long ago', '2026-01-15'],
      ['yesterday', '2026-03-01'],
      ['today', '2026-03-02'],
      ['next week', '2026-03-08'],
      ['next month', '2026-04-02'],
    ] as const) {
      const made = await admin.post(RECORDS, { title, dueOn });
      expect(made.statusCode, made.body).toBe(201);
    }
  });
  afterAll(() => app.close());

  const titles = (body: unknown) =>
    (body as { records: { title: string }[] }).records.map((r) => r.title).sort();

  it('lists by the server clock, through the query string and the body alike', async () => {
    const listed = await admin.get(`${RECORDS}?filter=${encodeURIComponent(JSON.stringify(overdue))}`);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(titles(listed.json())).toEqual(['long ago', 'yesterday']);
    const queried = await admin.post(`${RECORDS}/query`, { filter: overdue });
    expect(titles(queried.json())).toEqual(['long ago', 'yesterday']);

    // the clock moves: on 9 March "next week" is overdue too
    clock.advance(7 * 24 * 3600_000);
    try {
      const later = await admin.post(`${RECORDS}/query`, { filter: overdue });
      expect(titles(later.json())).toEqual(['long ago', 'next week', 'today', 'yesterday']);
    } finally {
      clock.advance(-7 * 24 * 3600_000);
    }
  });

  it('counts by the server clock in aggregates', async () => {
    const res = await admin.get(
      `${RECORDS}/aggregate?measures=count&filter=${encodeURIComponent(JSON.stringify(dueWithinAWeek))}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    // every record due at most 7 days from today: long ago, yesterday, today, next week
    expect((res.json() as { groups: { values: number[] }[] }).groups[0]?.values).toEqual([4]);
    const body = await admin.post(`${RECORDS}/aggregate`, {
      measures: [{ op: 'count' }],
      filter: overdue,
    });
    expect((body.json() as { groups: { values: number[] }[] }).groups[0]?.values).toEqual([2]);
  });
});
