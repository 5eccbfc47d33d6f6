import { describe, expect, it } from 'vitest';
import { compile } from './compile.js';
import { appTimeZone, buildRuleContext, DEFAULT_TIME_ZONE } from './context.js';

describe('appTimeZone', () => {
  it('takes the app setting, else the workspace zone, else the default', () => {
    expect(appTimeZone('UTC', 'Europe/Berlin')).toBe('UTC');
    expect(appTimeZone(undefined, 'Europe/Berlin')).toBe('Europe/Berlin');
    expect(appTimeZone('', null)).toBe(DEFAULT_TIME_ZONE);
    expect(appTimeZone()).toBe('Asia/Shanghai');
  });
});

describe('buildRuleContext', () => {
  const user = { id: 'u1', roles: ['member'], orgUnit: 'east' };
  const today = compile({ today: [] });

  it('accepts the clock as a Date, an ISO string or epoch milliseconds, with the same result', () => {
    const at = '2026-03-01T16:00:00.000Z'; // midnight of 2 March in Shanghai
    for (const now of [new Date(at), at, Date.parse(at)]) {
      const context = buildRuleContext({ now, timeZone: 'Asia/Shanghai', user });
      expect(today({}, context)).toBe('2026-03-02');
      expect(compile({ now: [] })({}, context)).toBe(at);
    }
    expect(today({}, buildRuleContext({ now: at, timeZone: 'UTC', user }))).toBe('2026-03-01');
  });

  it('gives the user (org unit null when absent), previous and locale to the operators', () => {
    const context = buildRuleContext({
      now: 0,
      timeZone: 'UTC',
      user: { id: 'u2', roles: ['manager'] },
      previous: { amount: 1 },
      locale: 'en',
    });
    expect(context.user).toEqual({ id: 'u2', roles: ['manager'], orgUnit: null });
    expect(compile({ current_user: 'orgUnit' })({}, context)).toBeNull();
    expect(compile({ has_role: ['manager'] })({}, context)).toBe(true);
    expect(compile({ changed: ['amount'] })({ amount: 2 }, context)).toBe(true);
    expect(context.locale).toBe('en');
  });

  it('copies the roles, so a caller changing its list later does not change the context', () => {
    const roles = ['member'];
    const context = buildRuleContext({ now: 0, timeZone: 'UTC', user: { id: 'u', roles } });
    roles.push('admin');
    expect(context.user?.roles).toEqual(['member']);
  });

  it('leaves the user out for a write without one and previous null on create', () => {
    const context = buildRuleContext({ now: 0, timeZone: 'UTC', user: null });
    expect(context.user).toBeUndefined();
    expect(context.previous).toBeNull();
    expect(compile({ current_user: [] })({}, context)).toBeNull();
  });
});
