/**
 * How long sessions live: an idle timeout (no request for SESSION_IDLE_HOURS, default 24) and an
 * absolute one (SESSION_MAX_DAYS after sign-in, default 14). A session's last-seen time is written at
 * most once per `touchEveryMs`, so reads do not turn into a write per request.
 */

/** Session lifetimes in milliseconds. */
export interface SessionTimeouts {
  idleMs: number;
  maxMs: number;
  touchEveryMs: number;
}

/** 24 h idle, 14 days absolute, last seen written at most once a minute. */
export const DEFAULT_SESSION_TIMEOUTS: SessionTimeouts = {
  idleMs: 24 * 3600_000,
  maxMs: 14 * 24 * 3600_000,
  touchEveryMs: 60_000,
};

const positive = (name: string, value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${value}".`);
  return n;
};

/** The timeouts the environment sets (SESSION_IDLE_HOURS, SESSION_MAX_DAYS); a bad value stops the start. */
export function sessionTimeoutsFromEnv(env: NodeJS.ProcessEnv): Partial<SessionTimeouts> {
  const out: Partial<SessionTimeouts> = {};
  if (env.SESSION_IDLE_HOURS) out.idleMs = positive('SESSION_IDLE_HOURS', env.SESSION_IDLE_HOURS) * 3600_000;
  if (env.SESSION_MAX_DAYS) out.maxMs = positive('SESSION_MAX_DAYS', env.SESSION_MAX_DAYS) * 24 * 3600_000;
  return out;
}
