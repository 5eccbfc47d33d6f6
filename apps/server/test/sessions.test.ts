/**
 * Sessions: idle (24 h) and absolute (14 days) timeouts, last seen written at most once a minute,
 * my sessions listed and ended, and sign out everywhere. Fake clock; real database and HTTP.
 */
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { caller, checkedResponses, envelope, FakeClock, fixtureOn, PASSWORD } from './support.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const PHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const DESKTOP_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

interface SessionOut {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  device: string | null;
  current: boolean;
}

describeDialects('sessions', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  const clock = new FakeClock();

  beforeAll(async () => {
    fx = await fixtureOn(ctx.store);
    app = await buildApp({ store: ctx.store, clock, ...checkedResponses() });
    await app.ready();
  });
  afterAll(() => app.close());

  const signIn = async (email: string, ua = DESKTOP_UA, ip = '10.0.0.1') => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      headers: { 'user-agent': ua },
      payload: { email, password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'stagecraft_session');
    if (!cookie) throw new Error('no session cookie');
    return caller(app, `stagecraft_session=${cookie.value}`);
  };
  const sessionsOf = async (as: ReturnType<typeof caller>) => {
    const res = await as.get('/api/auth/sessions');
    expect(res.statusCode).toBe(200);
    return (res.json() as { sessions: SessionOut[] }).sessions;
  };

  it('ends a session after 24 hours without a request', async () => {
    const rep = await signIn(fx.users.east1Rep.email);
    clock.advance(23 * HOUR + 59 * MINUTE);
    expect((await rep.get('/api/auth/me')).statusCode).toBe(200);
    // That request counted as activity: another 23 h 59 min later it still lives…
    clock.advance(23 * HOUR + 59 * MINUTE);
    expect((await rep.get('/api/auth/me')).statusCode).toBe(200);
    // …and a full day of silence ends it.
    clock.advance(DAY);
    const res = await rep.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(envelope(res).code).toBe('UNAUTHENTICATED');
  });

  it('ends a session 14 days after sign-in however active it is', async () => {
    const rep = await signIn(fx.users.east1Rep2.email);
    // 14 requests 23 h apart keep it from going idle: 322 h in.
    for (let day = 1; day <= 14; day++) {
      clock.advance(DAY - HOUR);
      expect((await rep.get('/api/auth/me')).statusCode, `day ${day}`).toBe(200);
    }
    clock.advance(14 * HOUR - 1);
    expect((await rep.get('/api/auth/me')).statusCode).toBe(200);
    clock.advance(1);
    expect((await rep.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('writes last seen at most once a minute', async () => {
    const rep = await signIn(fx.users.east2Rep.email);
    const signedInAt = clock.now().toISOString();
    const lastSeen = async () => (await sessionsOf(rep)).find((s) => s.current)?.lastSeenAt;
    expect(await lastSeen()).toBe(signedInAt);
    clock.advance(59_000);
    await rep.get('/api/auth/me');
    expect(await lastSeen()).toBe(signedInAt);
    clock.advance(1_000);
    await rep.get('/api/auth/me');
    const touchedAt = clock.now().toISOString();
    expect(await lastSeen()).toBe(touchedAt);
    clock.advance(30_000);
    await rep.get('/api/auth/me');
    expect(await lastSeen()).toBe(touchedAt);
  });

  it('lists only my sessions, with device, IP and which one is this one', async () => {
    const desk = await signIn(fx.users.westRep.email, DESKTOP_UA, '10.0.0.7');
    clock.advance(MINUTE);
    const phone = await signIn(fx.users.westRep.email, PHONE_UA, '10.0.0.8');
    await signIn(fx.users.eastManager.email);
    const fromPhone = await sessionsOf(phone);
    expect(fromPhone.map((s) => [s.device, s.ip, s.current])).toEqual([
      ['Safari · iPhone', '10.0.0.8', true],
      ['Chrome · Linux', '10.0.0.7', false],
    ]);
    const fromDesk = await sessionsOf(desk);
    expect(fromDesk.map((s) => s.id).sort()).toEqual(fromPhone.map((s) => s.id).sort());
    expect(fromDesk.find((s) => s.current)?.device).toBe('Chrome · Linux');
    // Nothing of the token is exposed.
    expect(JSON.stringify(fromDesk)).not.toMatch(/token|hash/i);
  });

  it("ends one of my sessions; another user's session id is 404 and stays alive", async () => {
    const manager = await signIn(fx.users.eastManager.email);
    const managerSession = (await sessionsOf(manager)).find((s) => s.current);
    const first = await signIn(fx.users.admin.email);
    const second = await signIn(fx.users.admin.email, PHONE_UA);
    const foreign = await first({ method: 'DELETE', url: `/api/auth/sessions/${managerSession?.id}` });
    expect(foreign.statusCode).toBe(404);
    expect(envelope(foreign).code).toBe('NOT_FOUND');
    expect((await manager.get('/api/auth/me')).statusCode).toBe(200);
    expect((await first({ method: 'DELETE', url: '/api/auth/sessions/no-such-session' })).statusCode).toBe(
      404,
    );

    const secondId = (await sessionsOf(second)).find((s) => s.current)?.id;
    const ended = await first({ method: 'DELETE', url: `/api/auth/sessions/${secondId}` });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toEqual({ ok: true });
    expect((await second.get('/api/auth/me')).statusCode).toBe(401);
    expect((await first.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('signs out everywhere: every session of mine ends, this one included, and no one else’s', async () => {
    const a = await signIn(fx.users.east1Rep.email);
    const b = await signIn(fx.users.east1Rep.email, PHONE_UA);
    const other = await signIn(fx.users.east2Rep.email);
    expect((await sessionsOf(a)).length).toBe(2);
    const res = await b({ method: 'POST', url: '/api/auth/logout-everywhere' });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'stagecraft_session')?.value).toBe('');
    expect((await a.get('/api/auth/me')).statusCode).toBe(401);
    expect((await b.get('/api/auth/me')).statusCode).toBe(401);
    expect((await other.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('applies a role change and a disabled user at once, though the session was just looked up', async () => {
    // The store reuses a session looked up moments ago (no clock advance here): a user write through
    // it must still show on the very next request.
    const admin = await signIn(fx.users.admin.email);
    const rep = await signIn(fx.users.east1Rep2.email);
    const roles = async () => ((await rep.get('/api/auth/me')).json() as { roles: string[] }).roles;
    expect(await roles()).toEqual(['member']);
    const promoted = await admin({
      method: 'PATCH',
      url: `/api/users/${fx.users.east1Rep2.id}`,
      payload: { roles: ['member', 'manager'] },
    });
    expect(promoted.statusCode).toBe(200);
    expect(await roles()).toEqual(['member', 'manager']);
    const disabled = await admin({
      method: 'PATCH',
      url: `/api/users/${fx.users.east1Rep2.id}`,
      payload: { disabled: true },
    });
    expect(disabled.statusCode).toBe(200);
    expect((await rep.get('/api/auth/me')).statusCode).toBe(401);
    await admin({
      method: 'PATCH',
      url: `/api/users/${fx.users.east1Rep2.id}`,
      payload: { disabled: false },
    });
  });

  it('takes the timeouts from buildApp (SESSION_IDLE_HOURS, SESSION_MAX_DAYS)', async () => {
    const short = await buildApp({
      store: ctx.store,
      clock,
      sessionTimeouts: { idleMs: HOUR, maxMs: 2 * HOUR },
      ...checkedResponses(),
    });
    const res = await short.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: fx.users.westRep.email, password: PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === 'stagecraft_session');
    // The cookie ends with the session (its header has whole seconds).
    const expires = cookie?.expires ? new Date(cookie.expires).getTime() : 0;
    expect(Math.abs(expires - (clock.now().getTime() + 2 * HOUR))).toBeLessThan(1000);
    const me = () =>
      short.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: `stagecraft_session=${cookie?.value}` },
      });
    clock.advance(HOUR - 1);
    expect((await me()).statusCode).toBe(200);
    clock.advance(HOUR - 1);
    expect((await me()).statusCode).toBe(200);
    clock.advance(2);
    expect((await me()).statusCode).toBe(401);
    await short.close();
  });
});
