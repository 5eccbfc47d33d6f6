/**
 * The sign-in repository under concurrent failures: on PostgreSQL the writes run on several pool
 * connections at once, and no failure may be lost (the IP's row is locked first, so failures of one
 * IP count one after another). The thresholds' behaviour over HTTP is in apps/server.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { accountLockMs, DEFAULT_SIGN_IN_LIMITS } from '../src/index.js';
import { describeDialects } from '../src/testing/index.js';

const NOW = new Date('2026-05-01T08:00:00.000Z');

describeDialects('sign-in repository', (ctx) => {
  it('counts every one of many concurrent failures of one account', async () => {
    const { signIns } = ctx.store;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => signIns.recordFailure(`10.9.0.${i}`, 'acct-1', NOW)),
    );
    const { rows } = await sql<{
      failures: number;
      locked_until: Date | string;
    }>`select failures, locked_until from sign_in_locks where scope = 'account' and key = 'acct-1'`.execute(
      ctx.store.db,
    );
    expect(rows[0]?.failures).toBe(12);
    const until = await signIns.blockedUntil('10.9.9.9', 'acct-1', NOW);
    expect(until?.getTime()).toBe(NOW.getTime() + accountLockMs(12, DEFAULT_SIGN_IN_LIMITS));
  });

  it('detects spraying when the failures of one IP on 10 accounts arrive at once', async () => {
    const { signIns } = ctx.store;
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => signIns.recordFailure('10.8.0.1', `spray-${i}`, NOW)),
    );
    const until = await signIns.blockedUntil('10.8.0.1', 'someone-else', NOW);
    expect(until?.getTime()).toBe(NOW.getTime() + DEFAULT_SIGN_IN_LIMITS.sprayBlockMs);
    expect(await signIns.blockedUntil('10.8.0.2', 'someone-else', NOW)).toBeNull();
  });

  it('forgets an account after a success', async () => {
    const { signIns } = ctx.store;
    for (let i = 0; i < 5; i++) await signIns.recordFailure('10.7.0.1', 'acct-2', NOW);
    expect(await signIns.blockedUntil('10.7.0.2', 'acct-2', NOW)).not.toBeNull();
    await signIns.recordSuccess('acct-2');
    expect(await signIns.blockedUntil('10.7.0.2', 'acct-2', NOW)).toBeNull();
  });
});

it('locks for 30 s × 2^(failures − 5), at most 15 minutes', () => {
  expect([4, 5, 6, 7, 9, 10, 60].map((n) => accountLockMs(n, DEFAULT_SIGN_IN_LIMITS) / 1000)).toEqual([
    0, 30, 60, 120, 480, 900, 900,
  ]);
});
