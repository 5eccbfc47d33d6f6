/**
 * Sign-in protection kept in the database (docs/security.md): per-account lockout with backoff, a
 * per-IP limit, and one IP failing on many accounts (spraying). Driven by a fake clock; every case
 * signs in from IPs of its own. The last suite runs two real server processes on one PostgreSQL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SIGN_IN_LIMITS } from '@stagecraft/store';
import {
  createOrgFixture,
  describeDialects,
  type OrgFixture,
  openTestStore,
} from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { checkedResponses, envelope, FakeClock, fixtureOn, PASSWORD, passwordHash } from './support.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

describeDialects('sign-in limits', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  const clock = new FakeClock();

  beforeAll(async () => {
    fx = await fixtureOn(ctx.store);
    app = await buildApp({ store: ctx.store, clock, ...checkedResponses() });
    await app.ready();
  });
  afterAll(() => app.close());

  const attempt = (ip: string, email: string, password = 'wrong password') =>
    app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { email, password } });

  it('locks an account from its 5th consecutive failure, doubling the lock up to 15 minutes', async () => {
    const email = fx.users.westRep.email;
    for (let i = 1; i <= 5; i++) expect((await attempt('10.1.0.1', email)).statusCode).toBe(401);
    // Locked for 30 s, even with the right password and from another IP: the password is not checked.
    const locked = await attempt('10.1.0.2', email, PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(envelope(locked).code).toBe('RATE_LIMITED');
    expect(locked.headers['retry-after']).toBe('30');
    clock.advance(29 * SECOND);
    expect((await attempt('10.1.0.1', email, PASSWORD)).headers['retry-after']).toBe('1');
    const locks: string[] = [];
    for (const wait of [1, 60, 120, 240, 480, 900]) {
      clock.advance(wait * SECOND);
      expect((await attempt('10.1.0.1', email)).statusCode).toBe(401);
      const next = await attempt('10.1.0.1', email, PASSWORD);
      expect(next.statusCode).toBe(429);
      locks.push(String(next.headers['retry-after']));
    }
    // Failures 6, 7, 8, 9, 10, 11 → 60 s, 120 s, 240 s, 480 s, then capped at 900 s.
    expect(locks).toEqual(['60', '120', '240', '480', '900', '900']);
    clock.advance(15 * MINUTE);
    expect((await attempt('10.1.0.1', email, PASSWORD)).statusCode).toBe(200);
  });

  it('resets the account counter on a success', async () => {
    const email = fx.users.east2Rep.email;
    for (let i = 1; i <= 4; i++) expect((await attempt('10.2.0.1', email)).statusCode).toBe(401);
    expect((await attempt('10.2.0.1', email, PASSWORD)).statusCode).toBe(200);
    for (let i = 1; i <= 5; i++) expect((await attempt('10.2.0.1', email)).statusCode).toBe(401);
    expect((await attempt('10.2.0.1', email, PASSWORD)).statusCode).toBe(429);
    clock.advance(30 * SECOND);
    expect((await attempt('10.2.0.1', email, PASSWORD)).statusCode).toBe(200);
  });

  it('answers an unknown account exactly as a known one, so answers do not reveal accounts', async () => {
    const known = fx.users.east1Rep2.email;
    const unknown = `nobody-${fx.workspace.id}@example.test`;
    const run = async (ip: string, email: string) => {
      const out: string[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await attempt(ip, email);
        out.push(`${res.statusCode} ${envelope(res).code} ${res.headers['retry-after'] ?? '-'}`);
      }
      return out;
    };
    const knownAnswers = await run('10.3.0.1', known);
    expect(knownAnswers).toEqual(await run('10.3.0.2', unknown));
    expect(knownAnswers.slice(4)).toEqual([
      '401 INVALID_CREDENTIALS -',
      '429 RATE_LIMITED 30',
      '429 RATE_LIMITED 30',
    ]);
    clock.advance(30 * SECOND);
    expect((await attempt('10.3.0.1', known, PASSWORD)).statusCode).toBe(200);
  });

  it('blocks an IP after 30 failures within 15 minutes, for the rest of the window', async () => {
    const ip = '10.4.0.1';
    // 6 accounts × 5 failures, one every 10 s: under the spraying threshold of 10 accounts.
    const emails = Array.from({ length: 6 }, (_, i) => `ip-limit-${i}@example.test`);
    for (let i = 0; i < 30; i++) {
      expect((await attempt(ip, emails[i % 6] as string)).statusCode).toBe(401);
      clock.advance(10 * SECOND);
    }
    // The first failure was 300 s ago: the IP is blocked until it leaves the 15-minute window.
    const blocked = await attempt(ip, fx.users.eastManager.email, PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe(String(15 * 60 - 300));
    // Another IP is unaffected.
    expect((await attempt('10.4.0.2', fx.users.eastManager.email, PASSWORD)).statusCode).toBe(200);
    clock.advance((15 * 60 - 300) * SECOND);
    expect((await attempt(ip, 'ip-limit-6@example.test')).statusCode).toBe(401);
    // That failure made 30 in the window again: blocked until the second one leaves it (10 s).
    expect((await attempt(ip, fx.users.eastManager.email, PASSWORD)).headers['retry-after']).toBe('10');
    clock.advance(10 * SECOND);
    expect((await attempt(ip, fx.users.eastManager.email, PASSWORD)).statusCode).toBe(200);
  });

  it('blocks an IP spraying 40 accounts from its 11th attempt, for an hour; other IPs are unaffected', async () => {
    const ip = '10.5.0.1';
    const statuses: number[] = [];
    for (let i = 1; i <= 40; i++) {
      const res = await attempt(ip, `spray-${i}@example.test`);
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expect(res.headers['retry-after']).toBe('3600');
    }
    // 10 distinct accounts failed (the documented threshold): attempt 11 is the first refused.
    expect(statuses.indexOf(429) + 1).toBe(DEFAULT_SIGN_IN_LIMITS.sprayAccounts + 1);
    expect(statuses).toEqual([...Array(10).fill(401), ...Array(30).fill(429)]);
    expect((await attempt(ip, fx.users.admin.email, PASSWORD)).statusCode).toBe(429);
    expect((await attempt('10.5.0.2', fx.users.admin.email, PASSWORD)).statusCode).toBe(200);
    clock.advance(60 * MINUTE - SECOND);
    expect((await attempt(ip, fx.users.admin.email, PASSWORD)).headers['retry-after']).toBe('1');
    clock.advance(SECOND);
    expect((await attempt(ip, fx.users.admin.email, PASSWORD)).statusCode).toBe(200);
  });

  it('prunes failures once they leave the window', async () => {
    clock.advance(16 * MINUTE);
    await attempt('10.6.0.1', 'prune@example.test');
    const rows = await ctx.store.db
      .selectFrom('sign_in_failures')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(1);
  });

  it('takes thresholds from buildApp for tests and deployments that tune them', async () => {
    const tuned = await buildApp({
      store: ctx.store,
      clock,
      signInLimits: { accountLockAfter: 2 },
      ...checkedResponses(),
    });
    const email = 'tuned@example.test';
    const once = () =>
      tuned.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.7.0.1',
        payload: { email, password: 'x' },
      });
    expect([(await once()).statusCode, (await once()).statusCode, (await once()).statusCode]).toEqual([
      401, 401, 429,
    ]);
    await tuned.close();
  });
});

/** Starts `stagecraft start` on the database and resolves with its URL once it prints the banner. */
function startServer(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const root = new URL('../../../', import.meta.url).pathname;
  const cli = join(root, 'apps/server/src/cli.ts');
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, 'start'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      WORKER: 'off',
      DEFAULT_TEMPLATE: 'none',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'stagecraft-signin-')),
    },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1] });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`start exited with ${code}: ${out}`)));
  });
}

const SKIP_REASON = 'needs TEST_DATABASE_URL: two server processes share one PostgreSQL';

describe.skipIf(!process.env.TEST_DATABASE_URL)(
  `sign-in limits across two server processes [postgres]${process.env.TEST_DATABASE_URL ? '' : ` (skipped: ${SKIP_REASON})`}`,
  () => {
    let scratch: Awaited<ReturnType<typeof openTestStore>> | undefined;
    const children: ChildProcess[] = [];

    afterAll(async () => {
      for (const c of children) {
        if (c.exitCode !== null || c.signalCode !== null) continue;
        const exited = new Promise((resolve) => c.once('exit', resolve));
        c.kill('SIGTERM');
        await exited;
      }
      await scratch?.close();
    });

    it('a spraying IP blocked through process 1 is blocked on process 2', async () => {
      scratch = await openTestStore('postgres');
      const { store, databaseUrl } = scratch;
      if (!databaseUrl) throw new Error('no database url');
      const fx = await createOrgFixture(store, { passwordHash: await passwordHash() });
      const one = await startServer(databaseUrl);
      children.push(one.child);
      const two = await startServer(databaseUrl);
      children.push(two.child);
      const login = async (url: string, email: string, password: string) =>
        (
          await fetch(`${url}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email, password }),
          })
        ).status;
      // Before: process 2 lets the admin in.
      expect(await login(two.url, fx.users.admin.email, PASSWORD)).toBe(200);
      const statuses: number[] = [];
      for (let i = 1; i <= 11; i++) statuses.push(await login(one.url, `spray-${i}@example.test`, 'wrong'));
      expect(statuses).toEqual([...Array(10).fill(401), 429]);
      // The next attempt goes to the other process: blocked too, even with the right password.
      expect(await login(two.url, 'spray-12@example.test', 'wrong')).toBe(429);
      expect(await login(two.url, fx.users.admin.email, PASSWORD)).toBe(429);
    }, 120_000);
  },
);
