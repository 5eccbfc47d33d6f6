import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleApp } from './sample-app.js';
import { type Caller, caller, envelope, FakeClock, fixtureOn, login, serverOn } from './support.js';

const RECORDS = '/api/apps/testapp/entities/widget/records';
const OTHER = '/api/apps/otherapp/entities/widget/records';
const DAY = 24 * 3600_000;

interface Created {
  id: string;
  token: string;
  scope: string;
  appId: string | null;
  expiresAt: string | null;
}

describeDialects('API tokens', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let admin: Caller;
  let rep: Caller;
  const clock = new FakeClock();

  /** A request with `Authorization: Bearer <token>` and no cookie. */
  const bearer = (
    token: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });

  const mint = async (as: Caller, body: object): Promise<Created> => {
    const res = await as.post('/api/auth/tokens', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Created;
  };

  beforeAll(async () => {
    // Sessions outlive the clock jumps of the expiry tests; the session timeouts are sessions.test.ts's.
    const decade = 3650 * DAY;
    app = await serverOn(ctx.store, clock, { sessionTimeouts: { idleMs: decade, maxMs: decade } });
    fx = await fixtureOn(ctx.store);
    admin = caller(app, await login(app, fx.users.admin.email));
    for (const id of ['testapp', 'otherapp']) {
      expect((await admin.post('/api/apps', sampleApp(id))).statusCode).toBe(201);
      expect((await admin.post(`/api/apps/${id}/publish`)).statusCode).toBe(201);
    }
    rep = caller(app, await login(app, fx.users.east1Rep.email));
    expect((await rep.post(RECORDS, { title: 'mine' })).statusCode).toBe(201);
  });
  afterAll(() => app.close());

  it('shows the secret once and lists tokens with scope, expiry, creation and last use, never the secret', async () => {
    const made = await mint(rep, { name: 'nightly export', scope: 'read-only', expiresInDays: 30 });
    expect(made).toMatchObject({
      name: 'nightly export',
      scope: 'read-only',
      appId: null,
      expiresAt: new Date(clock.now().getTime() + 30 * DAY).toISOString(),
      createdAt: clock.now().toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(made.token).toMatch(/^sct_/);
    expect((await bearer(made.token, 'GET', RECORDS)).statusCode).toBe(200);
    const list = await rep.get('/api/auth/tokens');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(made.token);
    const listed = (list.json() as { tokens: (Created & { lastUsedAt: string })[] }).tokens;
    expect(listed.find((t) => t.id === made.id)).toMatchObject({
      scope: 'read-only',
      lastUsedAt: clock.now().toISOString(),
    });
    // Another user's list does not show it.
    const others = (await admin.get('/api/auth/tokens')).json() as { tokens: Created[] };
    expect(others.tokens.map((t) => t.id)).not.toContain(made.id);
  });

  it('a read-only token reads (GET and query POSTs) and gets TOKEN_READ_ONLY on every write', async () => {
    const { token } = await mint(rep, { name: 'reader', scope: 'read-only' });
    expect((await bearer(token, 'GET', RECORDS)).statusCode).toBe(200);
    expect((await bearer(token, 'POST', `${RECORDS}/query`, {})).statusCode).toBe(200);
    const before = (await rep.get(RECORDS)).json() as { total: number };
    const write = await bearer(token, 'POST', RECORDS, { title: 'sneaky' });
    expect(write.statusCode).toBe(403);
    expect(envelope(write).code).toBe('TOKEN_READ_ONLY');
    const patch = await bearer(token, 'PATCH', '/api/users/x', { name: 'y' });
    expect(envelope(patch).code).toBe('TOKEN_READ_ONLY');
    const after = (await rep.get(RECORDS)).json() as { total: number };
    expect(after.total).toBe(before.total);
  });

  it('a read-write token writes as its user, within the user’s own permissions', async () => {
    const { token } = await mint(rep, { name: 'writer' });
    expect((await bearer(token, 'POST', RECORDS, { title: 'by token' })).statusCode).toBe(201);
    // The token does not widen its user: a member still may not change users.
    expect((await bearer(token, 'PATCH', `/api/users/${fx.users.admin.id}`, { name: 'x' })).statusCode).toBe(
      403,
    );
  });

  it('an app token reaches only its app: TOKEN_OUT_OF_SCOPE for other apps and app-less routes', async () => {
    const made = await mint(rep, { name: 'one app', scope: 'app', app: 'testapp' });
    expect(made.appId).toBe('testapp');
    expect((await bearer(made.token, 'GET', RECORDS)).statusCode).toBe(200);
    expect((await bearer(made.token, 'POST', RECORDS, { title: 'in scope' })).statusCode).toBe(201);
    expect((await bearer(made.token, 'GET', '/api/auth/me')).statusCode).toBe(200);
    for (const url of [OTHER, '/api/apps', '/api/inbox', '/api/users']) {
      const res = await bearer(made.token, 'GET', url);
      expect(res.statusCode, url).toBe(403);
      expect(envelope(res).code, url).toBe('TOKEN_OUT_OF_SCOPE');
    }
  });

  it('checks the app of an app token and refuses an app with a token of another scope', async () => {
    const none = await rep.post('/api/auth/tokens', { name: 'x', scope: 'app' });
    expect(none.statusCode).toBe(400);
    expect(envelope(none)).toMatchObject({ code: 'VALIDATION_FAILED' });
    const unknown = await rep.post('/api/auth/tokens', { name: 'x', scope: 'app', app: 'nosuchapp' });
    expect(unknown.statusCode).toBe(404);
    expect(envelope(unknown).code).toBe('APP_NOT_FOUND');
    const stray = await rep.post('/api/auth/tokens', { name: 'x', scope: 'read-only', app: 'testapp' });
    expect(stray.statusCode).toBe(400);
  });

  it('an expired token gets 401 TOKEN_EXPIRED (fake clock), a live one until then', async () => {
    const { token } = await mint(rep, { name: 'short', expiresInDays: 1 });
    clock.advance(DAY - 1000);
    expect((await bearer(token, 'GET', RECORDS)).statusCode).toBe(200);
    clock.advance(1000);
    const res = await bearer(token, 'GET', RECORDS);
    expect(res.statusCode).toBe(401);
    expect(envelope(res).code).toBe('TOKEN_EXPIRED');
  });

  it('no token can mint, list or revoke tokens, or end sessions', async () => {
    const made = await mint(admin, { name: 'admin script' });
    for (const [method, url] of [
      ['POST', '/api/auth/tokens'],
      ['GET', '/api/auth/tokens'],
      ['DELETE', `/api/auth/tokens/${made.id}`],
      ['GET', '/api/auth/sessions'],
      ['POST', '/api/auth/logout-everywhere'],
    ] as const) {
      const res = await bearer(made.token, method, url, method === 'POST' ? { name: 'child' } : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(envelope(res).code).toBe('TOKEN_NOT_ALLOWED');
    }
    const listed = (await admin.get('/api/auth/tokens')).json() as { tokens: Created[] };
    expect(listed.tokens.filter((t) => t.id !== made.id).map((t) => t.scope)).toEqual([]);
  });

  describe('revoking', () => {
    it('revokes for good: 401 at once, listed as revoked, and a user disabled and enabled again does not revive it', async () => {
      const made = await mint(rep, { name: 'to revoke' });
      const kept = await mint(rep, { name: 'kept' });
      expect((await bearer(made.token, 'GET', RECORDS)).statusCode).toBe(200);
      expect((await rep.del(`/api/auth/tokens/${made.id}`)).statusCode).toBe(200);
      expect((await rep.del(`/api/auth/tokens/${made.id}`)).statusCode).toBe(404);
      const gone = await bearer(made.token, 'GET', RECORDS);
      expect(gone.statusCode).toBe(401);
      expect(envelope(gone).code).toBe('UNAUTHENTICATED');
      const listed = (await rep.get('/api/auth/tokens')).json() as {
        tokens: (Created & { revokedAt: string })[];
      };
      expect(listed.tokens.find((t) => t.id === made.id)?.revokedAt).toBe(clock.now().toISOString());

      const user = `/api/users/${fx.users.east1Rep.id}`;
      expect((await admin.patch(user, { disabled: true })).statusCode).toBe(200);
      expect((await bearer(kept.token, 'GET', RECORDS)).statusCode).toBe(401);
      expect((await admin.patch(user, { disabled: false })).statusCode).toBe(200);
      expect((await bearer(made.token, 'GET', RECORDS)).statusCode).toBe(401);
      // A token not revoked was only suspended while its user was disabled.
      expect((await bearer(kept.token, 'GET', RECORDS)).statusCode).toBe(200);
      // Disabling ended the rep's sessions: sign in again for the next test.
      rep = caller(app, await login(app, fx.users.east1Rep.email));
    });

    it('another user cannot revoke my token (404) and it keeps working', async () => {
      const made = await mint(rep, { name: 'mine' });
      expect((await admin.del(`/api/auth/tokens/${made.id}`)).statusCode).toBe(404);
      expect((await bearer(made.token, 'GET', RECORDS)).statusCode).toBe(200);
    });
  });
});
