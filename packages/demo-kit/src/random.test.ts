import { describe, expect, it } from 'vitest';
import { chinaDate, hash32, Rng, rowId } from './random.js';

describe('seeded randomness', () => {
  it('gives a row the same draws whatever else was drawn', () => {
    const draws = (rng: Rng) => [rng.int(1, 100), rng.pick(['a', 'b', 'c']), rng.uuid()];
    const first = draws(Rng.of(7, 'visits', 42));
    Rng.of(7, 'visits', 41).next();
    expect(draws(Rng.of(7, 'visits', 42))).toEqual(first);
    expect(draws(Rng.of(8, 'visits', 42))).not.toEqual(first);
  });

  it('keeps draws within their bounds and weights', () => {
    const rng = new Rng(hash32('bounds'));
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(3, 5);
      expect(n >= 3 && n <= 5).toBe(true);
    }
    expect(rng.weighted([['never', 0] as const, ['always', 1] as const])).toBe('always');
    expect(() => rng.pick([])).toThrow();
  });

  it('makes row ids unique per stream and index, UUID-shaped', () => {
    const ids = new Set([0, 1, 2, 1_000_000].map((i) => rowId(1, 'lead', i)));
    ids.add(rowId(1, 'account', 0));
    expect(ids.size).toBe(5);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Rng(1).uuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('dates a time as in China', () => {
    expect(chinaDate(Date.parse('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
  });
});
