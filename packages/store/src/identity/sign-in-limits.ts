import { sql } from 'kysely';
import type { Db, Trx } from '../db.js';

/** Thresholds of sign-in protection (docs/security.md); tests tune them, production uses the defaults. */
export interface SignInLimits {
  /** The consecutive failure of one account from which it is locked (the 5th). */
  accountLockAfter: number;
  /** Lock after `accountLockAfter` failures; doubles with every further failure… */
  accountBaseLockMs: number;
  /** …up to this. */
  accountMaxLockMs: number;
  /** The window the IP limit and spraying detection count failures in. */
  windowMs: number;
  /** Failed sign-ins from one IP within the window that block it for the rest of the window. */
  ipMaxFailures: number;
  /** Distinct accounts one IP fails on within the window that mark it as spraying… */
  sprayAccounts: number;
  /** …and block it this long. */
  sprayBlockMs: number;
  /** Quiet time after which an account's consecutive failures are forgotten (and rows pruned). */
  forgetAfterMs: number;
}

/** The documented defaults (shared decisions of issue 13). */
export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  accountLockAfter: 5,
  accountBaseLockMs: 30_000,
  accountMaxLockMs: 15 * 60_000,
  windowMs: 15 * 60_000,
  ipMaxFailures: 30,
  sprayAccounts: 10,
  sprayBlockMs: 60 * 60_000,
  forgetAfterMs: 24 * 3600_000,
};

/**
 * Failed sign-ins and the locks they cause, in the database so every server process sees them.
 * `account` is an opaque key (the server passes a hash of the lower-cased email, existing or not).
 */
export interface SignInRepository {
  /** Until when an attempt of this IP on this account is refused, or null when it may try now. */
  blockedUntil(ip: string, account: string, now: Date): Promise<Date | null>;
  /** Records a failure: counts it for the account, the IP and spraying, and sets the locks it earns. */
  recordFailure(ip: string, account: string, now: Date, limits?: SignInLimits): Promise<void>;
  /** A success: the account's consecutive failures start again from zero. */
  recordSuccess(account: string): Promise<void>;
}

/** How long an account is locked after `failures` consecutive failures (0 before the threshold). */
export function accountLockMs(failures: number, limits: SignInLimits): number {
  if (failures < limits.accountLockAfter) return 0;
  const doublings = Math.min(failures - limits.accountLockAfter, 30);
  return Math.min(limits.accountBaseLockMs * 2 ** doublings, limits.accountMaxLockMs);
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The repository over `sign_in_failures` and `sign_in_locks`. A failure is one transaction that first
 * locks the IP's row (so concurrent failures of one IP, in any process, count one after another and
 * none is lost), then records the event, then updates the account's row; old rows are pruned as it goes.
 */
export function createSignInRepository(db: Db): SignInRepository {
  const bumpLock = async (trx: Trx, scope: 'account' | 'ip', key: string, now: Date) => {
    const row = await trx
      .insertInto('sign_in_locks')
      .values({ scope, key, failures: 1, updated_at: now.toISOString() })
      .onConflict((oc) =>
        oc.columns(['scope', 'key']).doUpdateSet({
          failures: sql`sign_in_locks.failures + 1`,
          updated_at: sql`excluded.updated_at`,
        }),
      )
      .returning(['failures'])
      .executeTakeFirstOrThrow();
    return Number(row.failures);
  };

  const lockUntil = (trx: Trx, scope: 'account' | 'ip', key: string, until: number) =>
    trx
      .updateTable('sign_in_locks')
      .set({ locked_until: sql`greatest(locked_until, ${iso(until)}::timestamptz)` })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .execute();

  return {
    async blockedUntil(ip, account, now) {
      const row = await db
        .selectFrom('sign_in_locks')
        .select(sql<Date | string | null>`max(locked_until)`.as('until'))
        .where((eb) =>
          eb.or([
            eb.and([eb('scope', '=', 'account'), eb('key', '=', account)]),
            eb.and([eb('scope', '=', 'ip'), eb('key', '=', ip)]),
          ]),
        )
        .where('locked_until', '>', now.toISOString())
        .executeTakeFirst();
      return row?.until ? new Date(row.until) : null;
    },

    async recordFailure(ip, account, now, limits = DEFAULT_SIGN_IN_LIMITS) {
      const at = now.getTime();
      const windowStart = iso(at - limits.windowMs);
      await db.transaction().execute(async (trx) => {
        await bumpLock(trx, 'ip', ip, now);
        await trx
          .insertInto('sign_in_failures')
          .values({ ip, account, failed_at: now.toISOString() })
          .execute();
        const counts = await trx
          .selectFrom('sign_in_failures')
          .select([sql<string>`count(*)`.as('total'), sql<string>`count(distinct account)`.as('accounts')])
          .where('ip', '=', ip)
          .where('failed_at', '>', windowStart)
          .executeTakeFirstOrThrow();
        if (Number(counts.accounts) >= limits.sprayAccounts)
          await lockUntil(trx, 'ip', ip, at + limits.sprayBlockMs);
        if (Number(counts.total) >= limits.ipMaxFailures) {
          // Blocked until the oldest of the last `ipMaxFailures` failures leaves the window.
          const oldest = await trx
            .selectFrom('sign_in_failures')
            .select('failed_at')
            .where('ip', '=', ip)
            .where('failed_at', '>', windowStart)
            .orderBy('failed_at', 'desc')
            .offset(limits.ipMaxFailures - 1)
            .limit(1)
            .executeTakeFirst();
          if (oldest) await lockUntil(trx, 'ip', ip, new Date(oldest.failed_at).getTime() + limits.windowMs);
        }
        const failures = await bumpLock(trx, 'account', account, now);
        const lockMs = accountLockMs(failures, limits);
        if (lockMs > 0) await lockUntil(trx, 'account', account, at + lockMs);
        await trx.deleteFrom('sign_in_failures').where('failed_at', '<=', windowStart).execute();
        await trx
          .deleteFrom('sign_in_locks')
          .where('updated_at', '<', iso(at - limits.forgetAfterMs))
          .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())]))
          .execute();
      });
    },

    async recordSuccess(account) {
      await db
        .deleteFrom('sign_in_locks')
        .where('scope', '=', 'account')
        .where('key', '=', account)
        .execute();
    },
  };
}
