import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './login-limiter.js';

describe('LoginLimiter', () => {
  it('refuses after the allowed failures until the window passes', () => {
    let now = Date.parse('2026-01-05T08:00:00Z');
    const limiter = new LoginLimiter({ now: () => new Date(now) }, { maxFailures: 3, windowMs: 60_000 });
    const key = LoginLimiter.key('10.0.0.1', ' Rep@Example.com ');
    expect(key).toBe(LoginLimiter.key('10.0.0.1', 'rep@example.com'));
    for (let i = 0; i < 3; i++) {
      expect(limiter.allowed(key)).toBe(true);
      limiter.fail(key);
    }
    expect(limiter.allowed(key)).toBe(false);
    expect(limiter.allowed(LoginLimiter.key('10.0.0.2', 'rep@example.com'))).toBe(true);
    now += 60_000;
    expect(limiter.allowed(key)).toBe(true);
  });

  it('forgets failures after a success', () => {
    const limiter = new LoginLimiter({ now: () => new Date(0) }, { maxFailures: 2, windowMs: 60_000 });
    limiter.fail('k');
    limiter.succeed('k');
    limiter.fail('k');
    expect(limiter.allowed('k')).toBe(true);
  });
});
