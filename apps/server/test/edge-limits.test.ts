/**
 * Input limits at the edge: JSON nested 1,000 deep (bodies and query filters), NUL bytes, lone
 * surrogates and invalid UTF-8 in every position (body, path, query, headers, file names),
 * impossible dates and malformed multipart each get a 400 with a stable code and the JSON path,
 * and a multi-file upload is all or nothing.
 */
import type { Store } from '@stagecraft/store';
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleApp } from './sample-app.js';
import { type Caller, caller, envelope, fixtureOn, importForm, login, serverOn } from './support.js';
import { multipart, PNG } from './transitions-fixture.js';

const C = '/api/apps/testapp/entities/widget/records';
const deep = (depth: number) =>
  Array.from({ length: depth }).reduce<unknown>((acc) => ({ '!': [acc] }), { var: 'qty' });
const deepText = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

async function attachmentCount(store: Store): Promise<number> {
  const rows = await sql<{ n: string }>`select count(*) as n from attachments`.execute(store.db);
  return Number(rows.rows[0]?.n);
}

/** Expects a 400 with the code at the path. */
function refused(res: LightMyRequestResponse, code: string, path?: string): void {
  expect(res.statusCode, res.body).toBe(400);
  const error = envelope(res);
  expect(error.code).toBe(code);
  if (path !== undefined) expect(error.details[0]?.path).toBe(path);
}

describeDialects('edge limits', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let admin: Caller;
  let rep: Caller;
  let recordId: string;

  beforeAll(async () => {
    app = await serverOn(ctx.store);
    fx = await fixtureOn(ctx.store);
    admin = caller(app, await login(app, fx.users.admin.email));
    rep = caller(app, await login(app, fx.users.east1Rep.email));
    expect((await admin.post('/api/apps', sampleApp())).statusCode).toBe(201);
    expect((await admin.post('/api/apps/testapp/publish')).statusCode).toBe(201);
    recordId = ((await rep.post(C, { title: 'mine', qty: 1 })).json() as { id: string }).id;
  });
  afterAll(() => app.close());

  it('refuses JSON nested 1,000 deep before validation, with the path of the first level too many', async () => {
    const query = await rep.post(`${C}/query`, { filter: deep(1000) });
    refused(query, 'JSON_TOO_DEEP');
    expect(envelope(query).details[0]?.path).toMatch(/^\/filter(\/!\/0)+\/!$/);
    refused(
      await rep({ method: 'GET', url: `${C}?filter=${encodeURIComponent(JSON.stringify(deep(1000)))}` }),
      'JSON_TOO_DEEP',
    );
    const draft = await admin({
      method: 'PUT',
      url: '/api/apps/testapp/draft',
      payload: `{"id":"testapp","x":${deepText(10_000)}}`,
      headers: { 'content-type': 'application/json' },
    });
    refused(draft, 'JSON_TOO_DEEP', `/x${'/0'.repeat(127)}`);
    for (const url of [
      '/api/apps/testapp/widgets/preview',
      '/api/apps/testapp/goals/progress',
      '/api/apps/testapp/scorecards/compute',
      `${C}/aggregate`,
    ]) {
      refused(await admin.post(url, { filter: deep(1000), settings: deep(1000) }), 'JSON_TOO_DEEP');
    }
    // Just within the limit (128 levels in all), the rule engine and the record checks judge them.
    const atLimit = await rep.post(`${C}/query`, { filter: deep(63) });
    expect(atLimit.statusCode, atLimit.body).toBe(400);
    expect(envelope(atLimit).code).toBe('RULE_LIMIT_EXCEEDED');
    const value = await rep({
      method: 'POST',
      url: C,
      payload: `{"title":"x","spot":${deepText(127)}}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(value.statusCode, value.body).toBe(400);
    expect(envelope(value).code).toBe('VALIDATION_FAILED');
  });

  it('refuses NUL, lone surrogates and invalid UTF-8 at their path', async () => {
    refused(
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'a\u0000@b.c', password: 'x' },
      }),
      'INVALID_TEXT',
      '/email',
    );
    refused(await rep.post(C, { title: 'x\uD800' }), 'INVALID_TEXT', '/title');
    refused(await rep.post(C, { 'ti\u0000tle': 'x' }), 'INVALID_TEXT', '/ti\u0000tle');
    refused(
      await rep({
        method: 'POST',
        url: C,
        payload: Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]),
        headers: { 'content-type': 'application/json' },
      }),
      'INVALID_TEXT',
      '',
    );
    refused(await rep.get(`${C}/a%00b`), 'INVALID_TEXT', '/params/id');
    refused(await rep.get('/api/attachments/x%00'), 'INVALID_TEXT', '/params/id');
    refused(await rep.get(`${C}?search=a%00`), 'INVALID_TEXT', '/query/search');
    refused(await rep.get(`${C}?search=%FF%FE`), 'INVALID_TEXT', '/query/search');
    refused(await rep.get(`${C}?search=%ED%A0%80`), 'INVALID_TEXT', '/query/search');
    refused(await admin.post('/api/org-units', { name: 'a\u0000', parentId: null }), 'INVALID_TEXT', '/name');
    refused(await rep.post('/api/auth/tokens', { name: 'tok\u0000' }), 'INVALID_TEXT', '/name');
    const user = {
      email: 'nul@example.com',
      password: 'long enough password',
      name: 'a\u0000b',
      roles: ['member'],
      orgUnitId: null,
      managerId: null,
    };
    refused(await admin.post('/api/users', user), 'INVALID_TEXT', '/name');
    refused(
      await admin.patch(`/api/users/${fx.users.east1Rep.id}`, { name: '\uDFFF' }),
      'INVALID_TEXT',
      '/name',
    );
    const options: InjectOptions = { method: 'GET', url: C, headers: { 'accept-language': 'en\u0000' } };
    const header = await rep(options).catch(() => null);
    // light-my-request may refuse the header itself; when it is sent, the server refuses it.
    if (header) refused(header, 'INVALID_TEXT', '/headers/accept-language');
    expect((await rep.get(`${C}/${recordId}`)).statusCode).toBe(200);
    // Well-formed text passes: escaped Chinese, a stray % that escapes nothing, a charset parameter.
    expect((await rep.get(`${C}?search=${encodeURIComponent('中文 😀')}`)).statusCode).toBe(200);
    expect((await rep.get(`${C}?search=100%`)).statusCode).toBeLessThan(500);
    const charset = await rep({
      method: 'POST',
      url: `${C}/query`,
      payload: JSON.stringify({ search: '中文' }),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(charset.statusCode, charset.body).toBe(200);
  });

  it('refuses impossible dates', async () => {
    for (const day of ['2026-02-31', '2026-13-01', '2026-02-30T25:61:00Z']) {
      for (const filter of [{ '<': [{ var: 'dueOn' }, day] }, { '==': [{ var: 'seenAt' }, day] }]) {
        const res = await rep.post(`${C}/query`, { filter });
        expect(res.statusCode, `${JSON.stringify(filter)}: ${res.body}`).toBeLessThan(500);
      }
    }
    refused(
      await admin.get('/api/apps/testapp/forecast/any/snapshots?takenOn=2026-02-31'),
      'VALIDATION_FAILED',
      '/query/takenOn',
    );
    refused(
      await admin.post('/api/apps/testapp/forecast/accuracy', { settings: 'any', takenOn: '2025-02-29' }),
      'VALIDATION_FAILED',
      '/takenOn',
    );
  });

  it('answers malformed multipart with 400, and keeps nothing of a refused multi-file upload', async () => {
    const before = await attachmentCount(ctx.store);
    const { payload, headers } = multipart({ name: 'a.png', type: 'image/png', data: PNG });
    const cut = await rep({
      method: 'POST',
      url: '/api/attachments',
      payload: payload.subarray(0, 150),
      headers,
    });
    refused(cut, 'MALFORMED_MULTIPART');
    const noEnd = await rep({
      method: 'POST',
      url: '/api/attachments',
      payload: payload.subarray(0, payload.length - 30),
      headers,
    });
    refused(noEnd, 'MALFORMED_MULTIPART');
    const boundary = '----stagecraft-test-boundary';
    const filePart = (name: string) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        PNG,
        Buffer.from('\r\n'),
      ]);
    const two = await rep({
      method: 'POST',
      url: '/api/attachments',
      payload: Buffer.concat([filePart('a.png'), filePart('b.png'), Buffer.from(`--${boundary}--\r\n`)]),
      headers,
    });
    expect(two.statusCode, two.body).toBe(400);
    expect(envelope(two).details[0]?.path).toBe('/file');
    const nul = multipart({ name: 'a\u0000.png', type: 'image/png', data: PNG });
    refused(await rep({ method: 'POST', url: '/api/attachments', ...nul }), 'INVALID_TEXT', '/file/filename');
    const field = multipart({ name: 'a.png', type: 'image/png', data: PNG }, {}, { recordId: 'x\u0000' });
    refused(await rep({ method: 'POST', url: '/api/attachments', ...field }), 'INVALID_TEXT', '/recordId');
    expect(await attachmentCount(ctx.store)).toBe(before);
    expect((await rep({ method: 'POST', url: '/api/attachments', payload, headers })).statusCode).toBe(201);
  });

  it('refuses a NUL cell in the dry run and the real import alike, at its line and column', async () => {
    const url = '/api/apps/testapp/entities/widget/import';
    const csv = 'Title,Quantity\nfine,1\nbad\u0000cell,2\n';
    const answers = [];
    for (const dryRun of ['true', 'false']) {
      const res = await rep({
        method: 'POST',
        url: `${url}?dryRun=${dryRun}`,
        ...importForm(csv),
      });
      expect(res.statusCode, res.body).toBe(422);
      answers.push(envelope(res));
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]?.code).toBe('IMPORT_INVALID');
    expect(answers[0]?.details).toEqual([
      expect.objectContaining({
        code: 'IMPORT_INVALID',
        path: '/rows/3/title',
        details: { line: 3, column: 'Title', field: 'title', cause: 'INVALID_TEXT' },
      }),
    ]);
  });
});
