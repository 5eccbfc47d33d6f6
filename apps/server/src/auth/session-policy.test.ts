import { describe, expect, it } from 'vitest';
import { sessionTimeoutsFromEnv } from './session-policy.js';

describe('sessionTimeoutsFromEnv', () => {
  it('reads SESSION_IDLE_HOURS and SESSION_MAX_DAYS, leaving the rest to the defaults', () => {
    expect(sessionTimeoutsFromEnv({})).toEqual({});
    expect(sessionTimeoutsFromEnv({ SESSION_IDLE_HOURS: '8', SESSION_MAX_DAYS: '0.5' })).toEqual({
      idleMs: 8 * 3600_000,
      maxMs: 12 * 3600_000,
    });
  });

  it('stops the start on a value that is not a positive number', () => {
    expect(() => sessionTimeoutsFromEnv({ SESSION_IDLE_HOURS: 'soon' })).toThrow(/SESSION_IDLE_HOURS/);
    expect(() => sessionTimeoutsFromEnv({ SESSION_MAX_DAYS: '-1' })).toThrow(/SESSION_MAX_DAYS/);
  });
});
