import { describe, expect, it } from 'vitest';
import type { User } from '../contract.js';
import { SessionCache } from './session-cache.js';

const user: User = {
  id: 'u1',
  workspaceId: 'w1',
  email: 'u1@w1.test',
  name: 'U1',
  roles: ['member'],
  orgUnitId: null,
  managerId: null,
  locale: 'en',
  disabled: false,
  skillTags: [],
};
const at = (iso: string) => new Date(`2030-01-01T${iso}Z`);
const HOUR = 3600_000;
const entry = {
  user,
  sessionId: 's1',
  lastSeenMs: at('00:00:00').getTime(),
  expiresMs: at('02:00:00').getTime(),
};

describe('session cache', () => {
  it('serves a lookup for ttlMs after it was read, never before it was read', () => {
    const cache = new SessionCache(2000);
    cache.set('t1', entry, at('00:10:00'));
    expect(cache.get('t1', at('00:10:01.999'), HOUR)?.sessionId).toBe('s1');
    expect(cache.get('t1', at('00:10:02'), HOUR)).toBeUndefined();
    cache.set('t1', entry, at('00:10:00'));
    expect(cache.get('t1', at('00:09:59'), HOUR)).toBeUndefined();
  });

  it('re-checks the absolute end and the idle timeout on every hit', () => {
    const cache = new SessionCache(HOUR);
    cache.set('t1', entry, at('00:30:00'));
    expect(cache.get('t1', at('00:59:59'), HOUR)).toBeDefined();
    expect(cache.get('t1', at('01:00:00'), HOUR)).toBeUndefined();
    cache.set('t1', { ...entry, lastSeenMs: at('01:59:00').getTime() }, at('01:59:00'));
    expect(cache.get('t1', at('01:59:59'), HOUR)).toBeDefined();
    expect(cache.get('t1', at('02:00:00'), HOUR)).toBeUndefined();
  });

  it('follows last-seen writes, forgets a session whose write lost, and empties on clear', () => {
    const cache = new SessionCache(HOUR);
    cache.set('t1', entry, at('00:30:00'));
    cache.touched('s1', at('00:40:00'), true);
    expect(cache.get('t1', at('00:41:00'), HOUR)?.lastSeenMs).toBe(at('00:40:00').getTime());
    cache.touched('s1', at('00:42:00'), false);
    expect(cache.get('t1', at('00:42:00'), HOUR)).toBeUndefined();
    cache.set('t1', entry, at('00:30:00'));
    cache.clear();
    expect(cache.get('t1', at('00:30:00'), HOUR)).toBeUndefined();
  });

  it('hands out copies, and keeps nothing with ttlMs 0', () => {
    const cache = new SessionCache(HOUR);
    cache.set('t1', entry, at('00:30:00'));
    cache.get('t1', at('00:30:00'), HOUR)?.user.roles.push('admin');
    expect(cache.get('t1', at('00:30:00'), HOUR)?.user.roles).toEqual(['member']);
    const off = new SessionCache(0);
    off.set('t1', entry, at('00:30:00'));
    expect(off.get('t1', at('00:30:00'), HOUR)).toBeUndefined();
  });
});
