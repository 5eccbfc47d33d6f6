import type { User } from '../contract.js';

/** What a session lookup found, kept with the limits that make it stop being valid. */
interface CachedSession {
  user: User;
  sessionId: string;
  lastSeenMs: number;
  expiresMs: number;
  /** When it was read from the database (on the caller's clock). */
  readMs: number;
}

/** How long a looked-up session is reused by default: the staleness another process's change can have. */
export const DEFAULT_SESSION_CACHE_MS = 2000;

/** Entries kept at most; past that the oldest go first. */
const MAX_ENTRIES = 10_000;

/**
 * The sessions found in the last `ttlMs`, so that a burst of requests with one cookie costs one
 * lookup instead of one per request. It never outlives what made it valid: a hit re-checks the
 * absolute end and the idle timeout against the caller's `now`, and every write through this store
 * to sessions or users (sign-out, ending a session or all of them, a password, role or org change,
 * disabling a user) empties it before it returns. Only a change made by another process (a second
 * server on the same database) waits up to `ttlMs` to be seen. `ttlMs` 0 turns it off.
 */
export class SessionCache {
  readonly #ttlMs: number;
  readonly #byKey = new Map<string, CachedSession>();

  constructor(ttlMs: number) {
    this.#ttlMs = ttlMs;
  }

  /** The live session of a cache key (a token or its hash) at `now`, if it was read recently enough; else undefined. */
  get(
    key: string,
    now: Date,
    idleMs: number,
  ): { user: User; sessionId: string; lastSeenMs: number } | undefined {
    const hit = this.#byKey.get(key);
    if (!hit) return undefined;
    const nowMs = now.getTime();
    const age = nowMs - hit.readMs;
    if (age < 0 || age >= this.#ttlMs || nowMs >= hit.expiresMs || hit.lastSeenMs <= nowMs - idleMs) {
      this.#byKey.delete(key);
      return undefined;
    }
    // A copy, so that a caller changing its user never changes what the next request gets.
    return {
      user: { ...hit.user, roles: [...hit.user.roles], skillTags: [...hit.user.skillTags] },
      sessionId: hit.sessionId,
      lastSeenMs: hit.lastSeenMs,
    };
  }

  /** Keeps what a lookup at `now` read from the database. */
  set(key: string, entry: Omit<CachedSession, 'readMs'>, now: Date): void {
    if (this.#ttlMs <= 0) return;
    if (this.#byKey.size >= MAX_ENTRIES) {
      const oldest = this.#byKey.keys().next();
      if (!oldest.done) this.#byKey.delete(oldest.value);
    }
    this.#byKey.set(key, { ...entry, readMs: now.getTime() });
  }

  /** After a last-seen write: the session was seen at `now` (written) or its time is unknown (not). */
  touched(sessionId: string, now: Date, written: boolean): void {
    for (const [token, entry] of this.#byKey) {
      if (entry.sessionId !== sessionId) continue;
      if (written) entry.lastSeenMs = now.getTime();
      else this.#byKey.delete(token);
    }
  }

  /** Forgets everything: called by every write to sessions or users. */
  clear(): void {
    this.#byKey.clear();
  }
}
