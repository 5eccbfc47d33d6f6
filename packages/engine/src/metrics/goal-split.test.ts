import { describe, expect, it } from 'vitest';
import { goalProgress } from './goal-progress.js';
import { resplit, splitAcross, splitAmount, splitYear, weekSlices } from './goal-split.js';

const cents = (n: number) => Math.round(n * 100);
const sumCents = (xs: number[]) => xs.reduce((a, x) => a + cents(x), 0);

describe('splitAmount', () => {
  it('splits by largest remainder on cents so parts add up exactly', () => {
    expect(splitAmount(100, [1, 1, 1])).toEqual([33.34, 33.33, 33.33]);
    expect(splitAmount(0.05, [1, 1, 1, 1])).toEqual([0.02, 0.01, 0.01, 0.01]);
    expect(splitAmount(10, [3, 1])).toEqual([7.5, 2.5]);
    expect(splitAmount(7, [1, 1, 1], 0)).toEqual([3, 2, 2]);
    expect(splitAmount(1, [0, 0])).toEqual([0.5, 0.5]);
  });
});

describe('splitYear', () => {
  const year = { period: 'year' as const, start: '2026-01-01', amount: 1_000_000.01, owner: 'u1' };
  const split = splitYear(year);
  if (!split.ok) throw new Error('split failed');
  const targets = split.value;
  const of = (period: string) => targets.filter((t) => t.period === period);

  it('produces 4 quarters, 12 months and week slices that add up at every level to the cent', () => {
    expect(of('quarter')).toHaveLength(4);
    expect(of('month')).toHaveLength(12);
    expect(sumCents(of('quarter').map((t) => t.amount))).toBe(cents(year.amount));
    expect(sumCents(of('month').map((t) => t.amount))).toBe(cents(year.amount));
    expect(sumCents(of('week').map((t) => t.amount))).toBe(cents(year.amount));
    for (const q of of('quarter')) {
      const months = of('month').filter(
        (m) =>
          m.start >= q.start &&
          m.start < `${q.start.slice(0, 5)}${String(Number(q.start.slice(5, 7)) + 3).padStart(2, '0')}-01`,
      );
      expect(sumCents(months.map((m) => m.amount))).toBe(cents(q.amount));
    }
    for (const m of of('month')) {
      const weeks = of('week').filter((w) => w.start.slice(0, 7) === m.start.slice(0, 7));
      expect(sumCents(weeks.map((w) => w.amount))).toBe(cents(m.amount));
    }
    expect(targets.every((t) => t.owner === 'u1')).toBe(true);
  });

  it('hand-computed: quarters of 1,000,000.01 and January week slices by days', () => {
    expect(of('quarter').map((t) => t.amount)).toEqual([250_000.01, 250_000, 250_000, 250_000]);
    // Q1 250,000.01 → 83,333.34 / 83,333.34 / 83,333.33
    expect(
      of('month')
        .slice(0, 3)
        .map((t) => t.amount),
    ).toEqual([83_333.34, 83_333.34, 83_333.33]);
    // January 2026: Thu 1 → Sun 4 (4 days), 5–11, 12–18, 19–25 (7 each), 26–31 (6 days)
    expect(weekSlices('2026-01-01')).toEqual([
      { start: '2026-01-01', days: 4 },
      { start: '2026-01-05', days: 7 },
      { start: '2026-01-12', days: 7 },
      { start: '2026-01-19', days: 7 },
      { start: '2026-01-26', days: 6 },
    ]);
    const jan = of('week').filter((w) => w.start.startsWith('2026-01'));
    // 8,333,334 cents × 4/31 = 1,075,268.90, × 7/31 = 1,881,720.58 (three times), × 6/31 = 1,612,903.35:
    // floors sum to 8,333,331, the 3 cents left go to .90 then the first two tied .58s
    expect(jan.map((w) => w.amount)).toEqual([10_752.69, 18_817.21, 18_817.21, 18_817.2, 16_129.03]);
  });

  it('refuses a year that does not start on 1 January', () => {
    expect(splitYear({ period: 'year', start: '2026-02-01', amount: 1 }).ok).toBe(false);
  });

  it('splits across reps by weight and re-splits after an adjustment', () => {
    const month = { period: 'month' as const, start: '2026-03-01', amount: 100_000 };
    const reps = splitAcross(month, [{ owner: 'a', weight: 2 }, { owner: 'b' }, { owner: 'c' }]);
    expect(reps.map((r) => r.amount)).toEqual([50_000, 25_000, 25_000]);
    const adjusted = resplit(100_000, [{ ...reps[0]!, amount: 40_000, adjusted: true }, reps[1]!, reps[2]!]);
    expect(adjusted.ok && adjusted.value.map((r) => r.amount)).toEqual([40_000, 30_000, 30_000]);
    const over = resplit(100_000, [{ ...reps[0]!, amount: 120_000, adjusted: true }, reps[1]!]);
    expect(over.ok || over.issues[0]?.code).toBe('VALIDATION_FAILED');
  });
});

describe('goalProgress', () => {
  const march = { period: 'month' as const, start: '2026-03-01', amount: 31_000 };
  const tz = 'Asia/Shanghai';
  // 2026-03-11 00:00 in Shanghai = 2026-03-10T16:00Z: 10 of 31 days elapsed → expected 10,000
  const now = '2026-03-10T16:00:00.000Z';

  it('flags a goal more than 15 % behind the pro-rated target, not one within 15 %', () => {
    const behind = goalProgress(march, 8_400, now, tz);
    expect(behind.expected).toBeCloseTo(10_000, 6);
    expect(behind.deviation).toBeCloseTo(-0.16, 6);
    expect(behind).toMatchObject({ status: 'behind', flagged: true });
    const within = goalProgress(march, 8_600, now, tz);
    expect(within.deviation).toBeCloseTo(-0.14, 6);
    expect(within).toMatchObject({ status: 'on_track', flagged: false });
    const ahead = goalProgress(march, 11_600, now, tz);
    expect(ahead).toMatchObject({ status: 'ahead', flagged: true });
    expect(ahead.attainment).toBeCloseTo(11_600 / 31_000, 9);
  });

  it('is on track before the period starts and uses the whole target after it ends', () => {
    expect(goalProgress(march, 0, '2026-02-20T00:00:00.000Z', tz)).toMatchObject({
      elapsed: 0,
      deviation: null,
      flagged: false,
    });
    expect(goalProgress(march, 31_000, '2026-04-05T00:00:00.000Z', tz)).toMatchObject({
      elapsed: 1,
      deviation: 0,
      attainment: 1,
    });
  });

  it('ends a week slice at the month boundary', () => {
    // slice 2026-03-30 (Mon) → 2026-04-01: 2 days; at the end of day 1 half has elapsed
    const slice = { period: 'week' as const, start: '2026-03-30', amount: 200 };
    expect(goalProgress(slice, 100, '2026-03-30T16:00:00.000Z', tz).elapsed).toBeCloseTo(0.5, 9);
  });
});
