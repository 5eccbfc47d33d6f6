import { describe, expect, it } from 'vitest';
import { apply } from '../compile.js';
import type { RuleContext } from '../context.js';

// 2026-11-22 is a Sunday; 02:30 UTC is 10:30 in Shanghai, and 2026-11-21 21:30 in New York.
const ctx: RuleContext = {
  now: '2026-11-22T02:30:00.000Z',
  timeZone: 'Asia/Shanghai',
  user: { id: 'u7', roles: ['sales', 'manager'], orgUnit: 'east' },
};
const ny: RuleContext = { ...ctx, timeZone: 'America/New_York' };

describe('clock operators', () => {
  it('now and today come from the context clock in the context zone', () => {
    expect(apply({ now: [] }, {}, ctx)).toBe('2026-11-22T02:30:00.000Z');
    expect(apply({ today: [] }, {}, ctx)).toBe('2026-11-22');
    expect(apply({ today: [] }, {}, ny)).toBe('2026-11-21');
    expect(apply({ today: [] }, {}, { now: new Date('2026-11-21T16:00:00Z') })).toBe('2026-11-22'); // default zone Asia/Shanghai
    expect(apply({ today: [] }, {}, {})).toBeNull();
  });
});

describe('date operators', () => {
  it('days_between counts calendar days in the zone', () => {
    expect(apply({ days_between: [{ var: 'd' }, { today: [] }] }, { d: '2026-11-19' }, ctx)).toBe(3);
    expect(apply({ days_between: ['2026-11-21T16:00:00Z', '2026-11-22'] }, {}, ctx)).toBe(0); // midnight in Shanghai
    expect(apply({ days_between: ['2026-11-21T15:59:59Z', '2026-11-22'] }, {}, ctx)).toBe(1);
    expect(apply({ days_between: [null, '2026-11-22'] }, {}, ctx)).toBeNull();
    expect(apply({ days_between: ['2026-02-30', '2026-11-22'] }, {}, ctx)).toBeNull();
  });

  it('hours_between gives fractional hours; bare dates are midnight in the zone', () => {
    expect(
      apply(
        { '>': [{ hours_between: [{ var: 'entered' }, { now: [] }] }, 72] },
        { entered: '2026-11-19T02:00:00Z' },
        ctx,
      ),
    ).toBe(true);
    expect(apply({ hours_between: ['2026-11-22', { now: [] }] }, {}, ctx)).toBe(10.5);
  });

  it('date_add keeps bare dates bare and clamps month ends', () => {
    expect(apply({ date_add: ['2026-01-31', 1, 'month'] }, {}, ctx)).toBe('2026-02-28');
    expect(apply({ date_add: ['2026-11-22', -7, 'days'] }, {}, ctx)).toBe('2026-11-15');
    expect(apply({ date_add: ['2026-11-22T02:30:00Z', 24, 'hour'] }, {}, ctx)).toBe(
      '2026-11-23T02:30:00.000Z',
    );
    expect(apply({ date_add: ['2026-11-22T02:30:00Z', 1, 'quarter'] }, {}, ctx)).toBe(
      '2027-02-22T02:30:00.000Z',
    );
    expect(apply({ date_add: ['2026-11-22', 1, 'fortnight'] }, {}, ctx)).toBeNull();
  });

  it('start_of uses Monday weeks, quarters and the zone', () => {
    expect(apply({ start_of: [{ today: [] }, 'week'] }, {}, ctx)).toBe('2026-11-16');
    expect(apply({ start_of: ['2026-11-16', 'week'] }, {}, ctx)).toBe('2026-11-16');
    expect(apply({ start_of: ['2026-11-22', 'quarter'] }, {}, ctx)).toBe('2026-10-01');
    expect(apply({ start_of: ['2026-11-22', 'month'] }, {}, ctx)).toBe('2026-11-01');
    expect(apply({ start_of: ['2026-11-22', 'year'] }, {}, ctx)).toBe('2026-01-01');
    expect(apply({ start_of: [{ now: [] }, 'month'] }, {}, ctx)).toBe('2026-10-31T16:00:00.000Z');
    expect(apply({ start_of: [{ now: [] }, 'day'] }, {}, ny)).toBe('2026-11-21T05:00:00.000Z');
  });
});

describe('text and number operators', () => {
  it('contains_any finds risk words in a note or shared items in a list', () => {
    const words = ['再考虑', '预算冻结', '领导没批', '要招标', '比价中'];
    expect(apply({ contains_any: [{ var: 'note' }, words] }, { note: '客户说今年预算冻结了' })).toBe(true);
    expect(apply({ contains_any: [{ var: 'note' }, words] }, { note: '进展顺利' })).toBe(false);
    expect(apply({ contains_any: [{ var: 'tags' }, ['vip', 'key']] }, { tags: ['new', 'vip'] })).toBe(true);
    expect(apply({ contains_any: [{ var: 'note' }, words] }, {})).toBe(false);
  });

  it('length counts characters (code points) and list items', () => {
    expect(apply({ length: { var: 'x' } }, { x: '痛点清单' })).toBe(4);
    expect(apply({ length: { var: 'x' } }, { x: [1, 2, 3] })).toBe(3);
    expect(apply({ length: { var: 'x' } }, {})).toBe(0);
  });

  it('lower changes ASCII letters only; trim removes all white space', () => {
    expect(apply({ lower: 'ÉCOLE SaaS 客户' }, {})).toBe('École saas 客户');
    expect(apply({ trim: '\u3000 报价 \n' }, {})).toBe('报价');
    expect(apply({ lower: 5 }, {})).toBeNull();
  });

  it('round rounds half away from zero', () => {
    expect(apply({ round: [2.5] }, {})).toBe(3);
    expect(apply({ round: [-2.5] }, {})).toBe(-3);
    expect(apply({ round: [1.005, 2] }, {})).toBe(1.01);
    expect(apply({ round: ['12.345', 1] }, {})).toBe(12.3);
    expect(apply({ round: [null] }, {})).toBeNull();
  });
});

describe('previous version and user', () => {
  it('changed compares with context.previous (false on create)', () => {
    expect(apply({ changed: 'amount' }, { amount: 2 }, { previous: { amount: 1 } })).toBe(true);
    expect(apply({ changed: 'amount' }, { amount: 1 }, { previous: { amount: 1 } })).toBe(false);
    expect(apply({ changed: 'tags' }, { tags: ['a'] }, { previous: { tags: ['a'] } })).toBe(false);
    expect(apply({ changed: 'note' }, { note: null }, { previous: {} })).toBe(false);
    expect(apply({ changed: 'amount' }, { amount: 2 }, {})).toBe(false);
    expect(apply({ some: [[1], { changed: 'amount' }] }, { amount: 2 }, { previous: { amount: 1 } })).toBe(
      true,
    );
  });

  it('previous reads the stored version', () => {
    expect(
      apply({ '<': [{ previous: 'amount' }, { var: 'amount' }] }, { amount: 2 }, { previous: { amount: 1 } }),
    ).toBe(true);
    expect(apply({ previous: ['stage', 'none'] }, {}, {})).toBe('none');
  });

  it('current_user and has_role read the context user', () => {
    expect(apply({ '==': [{ var: 'owner' }, { current_user: [] }] }, { owner: 'u7' }, ctx)).toBe(true);
    expect(apply({ current_user: 'orgUnit' }, {}, ctx)).toBe('east');
    expect(apply({ has_role: 'manager' }, {}, ctx)).toBe(true);
    expect(apply({ has_role: 'admin' }, {}, ctx)).toBe(false);
    expect(apply({ has_role: 'admin' }, {}, {})).toBe(false);
  });
});
