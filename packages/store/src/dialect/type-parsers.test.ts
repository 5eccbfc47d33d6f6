import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './type-parsers.js';

describe('parseTimestamp', () => {
  it('reads PostgreSQL text timestamps as ISO-8601 UTC', () => {
    expect(parseTimestamp('2024-03-01 08:30:00.123456+00')).toBe('2024-03-01T08:30:00.123Z');
    expect(parseTimestamp('2024-03-01 08:30:00+08')).toBe('2024-03-01T00:30:00.000Z');
    expect(parseTimestamp('2024-03-01 08:30:00-05:30')).toBe('2024-03-01T14:00:00.000Z');
    expect(parseTimestamp('2024-03-01 08:30:00')).toBe('2024-03-01T08:30:00.000Z');
  });

  it('reads the UTC form the sessions send as the general parser does, for any fraction and year', () => {
    // '+00:00' takes the general path, '+00' the shortcut; both must agree everywhere.
    let seed = 7;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return seed;
    };
    const pad = (v: number, w: number) => String(v).padStart(w, '0');
    for (let i = 0; i < 20_000; i++) {
      const at = new Date(Date.UTC(1000, 0, 1) + (next() % 2_800_000) * 100_000_000 + (next() % 100_000_000));
      const digits = next() % 7; // 0 to 6 fraction digits, as PostgreSQL trims them
      const fraction = digits ? `.${pad(next() % 10 ** digits, digits)}` : '';
      const text =
        `${pad(at.getUTCFullYear(), 4)}-${pad(at.getUTCMonth() + 1, 2)}-${pad(at.getUTCDate(), 2)} ` +
        `${pad(at.getUTCHours(), 2)}:${pad(at.getUTCMinutes(), 2)}:${pad(at.getUTCSeconds(), 2)}${fraction}`;
      expect(parseTimestamp(`${text}+00`), text).toBe(parseTimestamp(`${text}+00:00`));
    }
    expect(parseTimestamp('0999-12-31 23:59:59.9+00')).toBe(parseTimestamp('0999-12-31 23:59:59.9+00:00'));
  });

  it('passes infinity through', () => {
    expect(parseTimestamp('infinity')).toBe('infinity');
  });
});
