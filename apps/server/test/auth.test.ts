import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caller, envelope, FakeClock, fixtureOn, login, PASSWORD, serverOn } from './support.js';

describeDialects('auth API', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  const clock = new FakeClock();

  beforeAll(async () => {
    app = await serverOn(ctx.store, clock);
    fx = await fixtureOn(ctx.store);
  });
  afterAll(() => app.close());

  it('answers health without signing in', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('refuses every other /api route without a session', async () => {
    for (const url of ['/api/apps', '/api/auth/me', '/api/users', '/api/apps/x/entities/y/records']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(envelope(res).code).toBe('UNAUTHENTICATED');
    }
  });

  it('signs in with an httpOnly SameSite=Lax cookie, tells who is signed in, and signs out', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: fx.users.east1Rep.email, password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'stagecraft_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(res.body).not.toContain('passwordHash');
    const as = caller(app, `stagecraft_session=${cookie?.value}`);
    const me = await as.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: { id: fx.users.east1Rep.id, email: fx.users.east1Rep.email },
      roles: ['member'],
      orgUnit: { id: fx.units.east1.id },
      workspace: { id: fx.workspace.id },
    });
    expect((await as.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await as.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('refuses a wrong password and an unknown email the same way, in the caller language', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: fx.users.admin.email, password: 'nope-nope' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'zh-CN' },
      payload: { email: 'ghost@example.com', password: 'nope-nope' },
    });
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(envelope(wrong)).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: 'Wrong email or password.',
    });
    expect(envelope(unknown)).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '邮箱或密码错误。' });
  });

  it('reports request-schema failures at JSON pointers in the caller language', async () => {
    const payload = { email: 5, password: 'x', extra: true };
    const zh = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'zh-CN,zh;q=0.9' },
      payload,
    });
    const en = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en' },
      payload,
    });
    expect([zh.statusCode, en.statusCode]).toEqual([400, 400]);
    expect(envelope(zh).code).toBe('VALIDATION_FAILED');
    expect(envelope(zh).details.map((d) => d.path)).toEqual(envelope(en).details.map((d) => d.path));
    expect(envelope(zh).details.map((d) => d.path)).toContain('/email');
    expect(envelope(zh).details.find((d) => d.path === '/email')?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(envelope(en).details.find((d) => d.path === '/email')?.message).toMatch(/expected string/);
    const query = await app.inject({
      method: 'GET',
      url: '/api/apps/x/entities/y/records?limit=ten',
      headers: { cookie: await login(app, fx.users.admin.email) },
    });
    expect(envelope(query).details[0]?.path).toBe('/query/limit');
  });

  it('locks an account after 5 failures, even with the right password, until the lock passes', async () => {
    // The thresholds, the IP limit and spraying are covered by sign-in-limits.test.ts.
    const email = fx.users.westRep.email;
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: `wrong-${i}` },
      });
      expect(res.statusCode).toBe(401);
    }
    const limited = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: PASSWORD },
    });
    expect(limited.statusCode).toBe(429);
    expect(envelope(limited).code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBe('30');
    clock.advance(30_000);
    expect(
      (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } }))
        .statusCode,
    ).toBe(200);
  });

  it('ends sessions when they expire', async () => {
    const cookie = await login(app, fx.users.east2Rep.email);
    expect((await caller(app, cookie).get('/api/auth/me')).statusCode).toBe(200);
    clock.advance(15 * 24 * 3600_000);
    expect((await caller(app, cookie).get('/api/auth/me')).statusCode).toBe(401);
  });

  it('issues API tokens shown once and accepts them as Bearer', async () => {
    const as = caller(app, await login(app, fx.users.eastManager.email));
    const res = await as.post('/api/auth/tokens', { name: 'integration' });
    expect(res.statusCode).toBe(201);
    const { token } = res.json() as { token: string };
    expect(token).toMatch(/^sct_/);
    const me = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: fx.users.eastManager.id } });
    const bad = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}x` },
    });
    expect(bad.statusCode).toBe(401);
  });

  it('serves the OpenAPI document without signing in', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/auth/login',
        '/api/apps/{app}/entities/{entity}/records/{id}',
      ]),
    );
    expect((await app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('lets admins create users and org units, not members', async () => {
    const admin = caller(app, await login(app, fx.users.admin.email));
    const unit = await admin.post('/api/org-units', { name: 'North', parentId: fx.units.company.id });
    expect(unit.statusCode).toBe(201);
    const created = await admin.post('/api/users', {
      email: 'new.rep@example.com',
      password: 'long enough password',
      name: 'New rep',
      roles: ['member'],
      orgUnitId: (unit.json() as { id: string }).id,
    });
    expect(created.statusCode).toBe(201);
    await login(app, 'new.rep@example.com', 'long enough password');
    const member = caller(app, await login(app, fx.users.east1Rep2.email));
    const refused = await member.post('/api/users', {
      email: 'x@example.com',
      password: 'long enough password',
      name: 'X',
      roles: ['admin'],
    });
    expect(refused.statusCode).toBe(403);
    expect(envelope(refused).code).toBe('FORBIDDEN');
    const users = await member.get('/api/users');
    expect(users.statusCode).toBe(200);
    expect(JSON.stringify(users.json())).not.toContain('passwordHash');
  });
});
