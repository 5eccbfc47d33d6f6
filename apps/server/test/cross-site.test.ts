/**
 * Cross-site request refusal (src/security/cross-site.ts), through inject on the real store: a
 * state-changing request with the session cookie is refused when its Origin is not the app's or
 * its Sec-Fetch-Site is not same-origin/none (403 CROSS_SITE_REQUEST), and when its body is neither
 * JSON nor multipart (415 UNSUPPORTED_MEDIA_TYPE); nothing is written. The app's own pages, requests
 * with neither header, and bearer-token clients pass. Sign-in is checked the same way (login CSRF).
 */
import type { Store } from '@stagecraft/store';
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { isAcceptedBodyType, originOf } from '../src/security/cross-site.js';
import { sampleApp } from './sample-app.js';
import {
  type Caller,
  caller,
  checkedResponses,
  envelope,
  FakeClock,
  fixtureOn,
  importForm,
  login,
  PASSWORD,
} from './support.js';
import { multipart, PNG } from './transitions-fixture.js';

const RECORDS = '/api/apps/testapp/entities/widget/records';
const IMPORT = '/api/apps/testapp/entities/widget/import';
/** inject addresses the app as `localhost:80`; a browser on that page sends this Origin. */
const OWN = 'http://localhost';

async function counts(store: Store): Promise<{ records: number; attachments: number; sessions: number }> {
  const one = async (table: string) =>
    Number(
      (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(store.db)).rows[0]?.n,
    );
  const widget = (
    await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_name like ${'t%\\_widget'}`.execute(store.db)
  ).rows[0]?.name;
  if (!widget) throw new Error('no widget table');
  return {
    records: await one(widget),
    attachments: await one('attachments'),
    sessions: await one('sessions'),
  };
}

/** The writes a hostile page aims at: create, import and upload, each as the web app sends it. */
function writes(): Record<string, Pick<InjectOptions, 'method' | 'url' | 'payload' | 'headers'>> {
  const upload = multipart({ name: 'x.png', type: 'image/png', data: PNG });
  return {
    create: { method: 'POST', url: RECORDS, payload: { title: 'forged' } },
    import: { method: 'POST', url: IMPORT, ...importForm('Title\nforged import\n') },
    upload: { method: 'POST', url: '/api/attachments', ...upload },
  };
}

describeDialects('cross-site requests', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let rep: Caller;
  let token: string;
  let mine: { id: string; version: number };

  const send = (options: InjectOptions, headers: Record<string, string>) =>
    rep({ ...options, headers: { ...(options.headers as Record<string, string>), ...headers } });

  const expectRefused = async (res: LightMyRequestResponse, status: number, code: string, path: string) => {
    expect(res.statusCode, res.body).toBe(status);
    const error = envelope(res);
    expect(error.code).toBe(code);
    expect(error.details.map((d) => d.path)).toEqual([path]);
  };

  beforeAll(async () => {
    app = await buildApp({ store: ctx.store, clock: new FakeClock(), ...checkedResponses() });
    await app.ready();
    fx = await fixtureOn(ctx.store);
    const admin = caller(app, await login(app, fx.users.admin.email));
    expect((await admin.post('/api/apps', sampleApp())).statusCode).toBe(201);
    expect((await admin.post('/api/apps/testapp/publish')).statusCode).toBe(201);
    rep = caller(app, await login(app, fx.users.east1Rep.email));
    mine = (await rep.post(RECORDS, { title: 'mine' })).json() as { id: string; version: number };
    token = ((await rep.post('/api/auth/tokens', { name: 'script' })).json() as { token: string }).token;
  });
  afterAll(() => app.close());

  it('refuses every write whose Origin is another origin, and writes nothing', async () => {
    const before = await counts(ctx.store);
    for (const origin of ['http://localhost:8080', 'http://evil.test', 'https://localhost', 'null']) {
      for (const [name, options] of Object.entries(writes())) {
        const res = await send(options, { origin });
        await expectRefused(res, 403, 'CROSS_SITE_REQUEST', '/headers/origin');
        expect(res.headers['set-cookie'], name).toBeUndefined();
      }
      const patch = await send(
        { method: 'PATCH', url: `${RECORDS}/${mine.id}`, payload: { version: mine.version, title: 'x' } },
        { origin },
      );
      await expectRefused(patch, 403, 'CROSS_SITE_REQUEST', '/headers/origin');
      const del = await send({ method: 'DELETE', url: `${RECORDS}/${mine.id}` }, { origin });
      await expectRefused(del, 403, 'CROSS_SITE_REQUEST', '/headers/origin');
    }
    expect(await counts(ctx.store)).toEqual(before);
    expect(((await rep.get(`${RECORDS}/${mine.id}`)).json() as { title: string }).title).toBe('mine');
  });

  it('refuses writes a browser marks as not same-origin (Sec-Fetch-Site), even without Origin', async () => {
    const before = await counts(ctx.store);
    for (const site of ['same-site', 'cross-site']) {
      for (const options of Object.values(writes())) {
        const res = await send(options, { 'sec-fetch-site': site });
        await expectRefused(res, 403, 'CROSS_SITE_REQUEST', '/headers/sec-fetch-site');
      }
    }
    expect(await counts(ctx.store)).toEqual(before);
  });

  it('refuses bodies a page may send cross-origin without a preflight: text/plain, form-encoded, raw CSV', async () => {
    const before = await counts(ctx.store);
    const bodies: [string, string, string][] = [
      [RECORDS, 'text/plain', '{"title":"forged"}'],
      [RECORDS, 'text/plain;charset=UTF-8', '{"title":"forged"}'],
      [RECORDS, 'application/x-www-form-urlencoded', 'title=forged'],
      [IMPORT, 'text/plain', 'Title\nforged\n'],
      [IMPORT, 'application/x-www-form-urlencoded', 'Title=forged'],
      [IMPORT, 'text/csv', 'Title\nforged\n'],
      ['/api/attachments', 'text/plain', 'file=x'],
    ];
    for (const [url, type, payload] of bodies) {
      // even from the app's own origin: the web app never sends these
      const res = await send({ method: 'POST', url, payload }, { 'content-type': type, origin: OWN });
      await expectRefused(res, 415, 'UNSUPPORTED_MEDIA_TYPE', '/headers/content-type');
    }
    expect(await counts(ctx.store)).toEqual(before);
  });

  it('lets the app’s own pages write: same Origin, Sec-Fetch-Site same-origin or none, or no header at all', async () => {
    const before = await counts(ctx.store);
    const own: Record<string, string>[] = [
      { origin: OWN },
      { origin: 'http://LOCALHOST:80' },
      { 'sec-fetch-site': 'same-origin', origin: OWN },
      { 'sec-fetch-site': 'none' },
      {},
    ];
    for (const headers of own) {
      const results = [];
      for (const options of Object.values(writes())) results.push((await send(options, headers)).statusCode);
      expect(results, JSON.stringify(headers)).toEqual([201, 201, 201]);
    }
    const after = await counts(ctx.store);
    expect(after.records).toBe(before.records + 2 * own.length);
    expect(after.attachments).toBe(before.attachments + own.length);
  });

  it('does not check bearer-token requests: a script may send any origin and a raw CSV', async () => {
    const bearer = { authorization: `Bearer ${token}` };
    const created = await app.inject({
      method: 'POST',
      url: RECORDS,
      payload: { title: 'by token' },
      headers: { ...bearer, origin: 'http://evil.test', 'sec-fetch-site': 'cross-site' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const imported = await app.inject({
      method: 'POST',
      url: IMPORT,
      payload: 'Title\nimported by token\n',
      headers: { ...bearer, 'content-type': 'text/csv' },
    });
    expect(imported.statusCode, imported.body).toBe(201);
    // text/plain is no CSV type of the import, for anyone
    const plain = await app.inject({
      method: 'POST',
      url: IMPORT,
      payload: 'Title\nx\n',
      headers: { ...bearer, 'content-type': 'text/plain' },
    });
    expect(plain.statusCode).toBe(415);
  });

  it('leaves reads alone: a GET from another origin is answered (CORS keeps its body from that page)', async () => {
    const res = await send({ method: 'GET', url: `${RECORDS}/${mine.id}` }, { origin: 'http://evil.test' });
    expect(res.statusCode).toBe(200);
  });

  it('checks sign-in too (login CSRF): another origin gets no session', async () => {
    const before = await counts(ctx.store);
    const payload = { email: fx.users.east2Rep.email, password: PASSWORD };
    const forged = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload,
      headers: { origin: 'http://localhost:5173' },
    });
    await expectRefused(forged, 403, 'CROSS_SITE_REQUEST', '/headers/origin');
    expect(forged.headers['set-cookie']).toBeUndefined();
    const form = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: `email=${encodeURIComponent(payload.email)}&password=${encodeURIComponent(PASSWORD)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(415);
    expect(await counts(ctx.store)).toEqual(before);
    const own = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload,
      headers: { origin: OWN },
    });
    expect(own.statusCode).toBe(200);
  });

  it('answers in the caller’s language', async () => {
    const [create] = Object.values(writes());
    const zh = await send(create as InjectOptions, {
      origin: 'http://evil.test',
      'accept-language': 'zh-CN',
    });
    expect(envelope(zh).message).toBe('该请求来自其他站点，已被拒绝。');
    const en = await send(create as InjectOptions, { origin: 'http://evil.test', 'accept-language': 'en' });
    expect(envelope(en).message).toBe('This request came from another site and was refused.');
  });
});

describeDialects('cross-site requests behind a proxy', (ctx) => {
  let fx: OrgFixture;
  beforeAll(async () => {
    fx = await fixtureOn(ctx.store);
  });

  const loginWith = async (app: FastifyInstance, headers: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: fx.users.east1Rep.email, password: PASSWORD },
      headers,
    });

  it('takes the origin from X-Forwarded-Host/Proto only when the proxy is trusted', async () => {
    const proxied = { 'x-forwarded-host': 'crm.example.com', 'x-forwarded-proto': 'https' };
    const trusted = await buildApp({ store: ctx.store, trustProxy: true, ...checkedResponses() });
    const direct = await buildApp({ store: ctx.store, ...checkedResponses() });
    try {
      const ok = await loginWith(trusted, { ...proxied, origin: 'https://crm.example.com' });
      expect(ok.statusCode, ok.body).toBe(200);
      // and the session cookie is Secure, since the browser reached the proxy over https
      expect(ok.headers['set-cookie']).toMatch(/;\s*Secure/i);
      expect((await loginWith(trusted, { ...proxied, origin: 'http://crm.example.com' })).statusCode).toBe(
        403,
      );
      expect((await loginWith(direct, { ...proxied, origin: 'https://crm.example.com' })).statusCode).toBe(
        403,
      );
      const plain = await loginWith(direct, { origin: 'http://localhost' });
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['set-cookie']).not.toMatch(/;\s*Secure/i);
      // an untrusted X-Forwarded-Proto does not make the cookie Secure
      const spoofed = await loginWith(direct, { 'x-forwarded-proto': 'https' });
      expect(spoofed.headers['set-cookie']).not.toMatch(/;\s*Secure/i);
    } finally {
      await trusted.close();
      await direct.close();
    }
  });

  it('accepts PUBLIC_URL as the app’s origin besides the Host', async () => {
    const app = await buildApp({
      store: ctx.store,
      publicUrl: 'https://crm.example.com/app/',
      ...checkedResponses(),
    });
    try {
      expect((await loginWith(app, { origin: 'https://crm.example.com' })).statusCode).toBe(200);
      expect((await loginWith(app, { origin: 'http://localhost' })).statusCode).toBe(200);
      expect((await loginWith(app, { origin: 'https://other.example.com' })).statusCode).toBe(403);
    } finally {
      await app.close();
    }
  });
});

describe('cross-site rule pieces', () => {
  it('accepts JSON and multipart bodies only', () => {
    for (const ok of [
      'application/json',
      'application/json; charset=utf-8',
      'application/merge-patch+json',
      'multipart/form-data; boundary=x',
      'MULTIPART/FORM-DATA; boundary=x',
    ])
      expect(isAcceptedBodyType(ok), ok).toBe(true);
    for (const bad of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'text/csv',
      'application/jsonp',
      '',
    ])
      expect(isAcceptedBodyType(bad), bad).toBe(false);
  });

  it('reads PUBLIC_URL as an origin and refuses one that is not an http(s) URL', () => {
    expect(originOf('https://CRM.example.com:443/path?q')).toBe('https://crm.example.com');
    expect(originOf('http://10.0.0.5:3000/')).toBe('http://10.0.0.5:3000');
    expect(() => originOf('crm.example.com')).toThrow(/PUBLIC_URL/);
    expect(() => originOf('ftp://crm.example.com')).toThrow(/PUBLIC_URL/);
  });
});
