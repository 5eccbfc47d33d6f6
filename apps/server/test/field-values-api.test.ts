/**
 * The field-type check through the records API (inject(), PGlite and PostgreSQL): values the old
 * browser check refused but the server took are stored and read back; bad values are a 400 with
 * a stable code, a JSON pointer and a message in the caller's language.
 */
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleApp } from './sample-app.js';
import { type Caller, caller, envelope, fixtureOn, login, serverOn } from './support.js';

const RECORDS = '/api/apps/testapp/entities/widget/records';

describeDialects('field values through the records API', (ctx) => {
  let app: FastifyInstance;
  let admin: Caller;

  beforeAll(async () => {
    app = await serverOn(ctx.store);
    const fx = await fixtureOn(ctx.store);
    admin = caller(app, await login(app, fx.users.admin.email));
    expect((await admin.post('/api/apps', sampleApp())).statusCode).toBe(201);
    const published = await admin.post('/api/apps/testapp/publish', { note: 'v1' });
    expect(published.statusCode, published.body).toBe(201);
  });
  afterAll(() => app.close());

  it('stores a phone with parentheses, a localhost address and an instant with an offset', async () => {
    const created = await admin.post(RECORDS, {
      title: 'Parity',
      phoneNo: '(021) 5555-1234',
      site: 'http://localhost:3000',
      seenAt: '2026-03-02T09:30:00+08:00',
      dueOn: '2024-02-29',
      price: 19.99,
      spot: { lat: 31.2, lng: 121.5 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json() as { id: string };
    const read = (await admin.get(`${RECORDS}/${id}`)).json() as Record<string, unknown>;
    expect(read).toMatchObject({
      phoneNo: '(021) 5555-1234',
      site: 'http://localhost:3000',
      seenAt: '2026-03-02T01:30:00.000Z',
      dueOn: '2024-02-29',
      price: 19.99,
      spot: { lat: 31.2, lng: 121.5 },
    });
  });

  it.each([
    [{ phoneNo: 'call me' }, 'VALIDATION_FAILED', '/phoneNo'],
    [{ site: 'javascript:alert(1)' }, 'VALIDATION_FAILED', '/site'],
    [{ dueOn: '2026-02-31' }, 'VALIDATION_FAILED', '/dueOn'],
    [{ price: 1.234 }, 'VALIDATION_FAILED', '/price'],
    [{ qty: -1 }, 'VALIDATION_FAILED', '/qty'],
    [{ level: 'purple' }, 'VALIDATION_FAILED', '/level'],
    [{ tags: ['red', 'green'] }, 'VALIDATION_FAILED', '/tags/1'],
    [{ spot: { lat: 1, lng: 2, alt: 3 } }, 'UNKNOWN_FIELD', '/spot/alt'],
    [{ code: 'W-0001' }, 'VALIDATION_FAILED', '/code'],
  ])('refuses %j with %s at %s', async (values, code, path) => {
    const res = await admin.post(RECORDS, { title: 'Bad', ...values });
    expect(res.statusCode, res.body).toBe(400);
    const body = envelope(res);
    expect(body.details.map((d) => `${d.code} ${d.path}`)).toEqual([`${code} ${path}`]);
  });

  it('answers in the caller language', async () => {
    const res = await admin({
      method: 'POST',
      url: RECORDS,
      payload: { title: 'Bad', phoneNo: 'call me' },
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(envelope(res).details[0]?.message).toBe('应为电话号码：数字，可带开头的 +、空格、短横线和括号。');
  });
});
