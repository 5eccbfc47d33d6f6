/**
 * Login rate limiting per client IP + email: after `maxFailures` failed attempts within `windowMs`
 * further attempts are refused (RATE_LIMITED) until the window passes, even with the right password.
 * In memory, per server process, driven by the injected clock so tests need no sleeps.
 */
import type { Clock } from '../store-port.js';

/** Tuning of the login limiter. */
export interface LoginLimiterOptions {
  maxFailures: number;
  windowMs: number;
}

/** Defaults: 10 failures per 15 minutes. */
export const DEFAULT_LOGIN_LIMITS: LoginLimiterOptions = { maxFailures: 10, windowMs: 15 * 60_000 };

/** Counts failed logins per key. */
export class LoginLimiter {
  readonly #failures = new Map<string, { count: number; since: number }>();
  constructor(
    private readonly clock: Clock,
    private readonly options: LoginLimiterOptions = DEFAULT_LOGIN_LIMITS,
  ) {}

  static key(ip: string, email: string): string {
    return `${ip}|${email.trim().toLowerCase()}`;
  }

  /** Whether this key may try now. */
  allowed(key: string): boolean {
    const entry = this.#current(key);
    return !entry || entry.count < this.options.maxFailures;
  }

  /** Records a failed attempt. */
  fail(key: string): void {
    const entry = this.#current(key);
    if (entry) entry.count += 1;
    else this.#failures.set(key, { count: 1, since: this.clock.now().getTime() });
    if (this.#failures.size > 100_000) this.#prune();
  }

  /** Forgets the failures after a successful login. */
  succeed(key: string): void {
    this.#failures.delete(key);
  }

  #current(key: string) {
    const entry = this.#failures.get(key);
    if (entry && this.clock.now().getTime() - entry.since >= this.options.windowMs) {
      this.#failures.delete(key);
      return undefined;
    }
    return entry;
  }

  #prune(): void {
    const now = this.clock.now().getTime();
    for (const [key, entry] of this.#failures)
      if (now - entry.since >= this.options.windowMs) this.#failures.delete(key);
  }
}
