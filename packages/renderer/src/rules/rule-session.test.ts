import { compile } from '@stagecraft/rules';
import { describe, expect, it } from 'vitest';
import { createRuleSession, formRuleContext, localRuleSession, serverClockOffset } from './rule-session.js';

const HOUR = 3_600_000;

describe('serverClockOffset', () => {
  it('takes the server reading as made half-way through the request', () => {
    const server = Date.parse('2026-03-02T00:00:00.000Z');
    // the local clock is 5 h behind; the request took 400 ms each way
    const local = server - 5 * HOUR;
    expect(serverClockOffset(new Date(server).toISOString(), local - 400, local + 400)).toBe(5 * HOUR);
    expect(serverClockOffset('not a time', 0, 10)).toBe(0);
  });
});

describe('createRuleSession', () => {
  it('runs on the server clock however far the local clock is off, in the server zone, as the user', () => {
    let local = Date.parse('2026-03-05T12:00:00.000Z'); // the device thinks it is three days later
    const session = createRuleSession(
      {
        now: '2026-03-01T15:58:00.000Z',
        timeZone: 'Asia/Shanghai',
        user: { id: 'u1', roles: ['member'], orgUnit: 'east' },
      },
      { sentAt: local - 100, receivedAt: local + 100 },
      () => local,
    );
    const today = compile({ today: [] });
    expect(today({}, formRuleContext(session, null, 'zh-CN'))).toBe('2026-03-01');
    local += 3 * 60_000; // three minutes later the server's clock has passed midnight in Shanghai
    expect(session.now().toISOString()).toBe('2026-03-01T16:01:00.000Z');
    const context = formRuleContext(session, { id: 'r1', amount: 3 }, 'en');
    expect(today({}, context)).toBe('2026-03-02');
    expect(compile({ current_user: 'orgUnit' })({}, context)).toBe('east');
    expect(compile({ changed: ['amount'] })({ amount: 4 }, context)).toBe(true);
  });

  it('on the local clock, a session without a server uses the app zone and no user', () => {
    const session = localRuleSession(undefined, () => Date.parse('2026-03-01T16:30:00.000Z'));
    expect(session.timeZone).toBe('Asia/Shanghai');
    expect(compile({ today: [] })({}, formRuleContext(session, undefined, 'en'))).toBe('2026-03-02');
    expect(formRuleContext(session, undefined, 'en').user).toBeUndefined();
  });
});
