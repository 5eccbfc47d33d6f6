import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './type-parsers.js';

describe('parseTimestamp', () => {
  it('reads PostgreSQL text timestamps as ISO-8601 UTC', () => {
    expect(parseTimestamp('2024-03-01 08:30:00.123456+00')).toBe('2024-03-01T08:30:00.123Z');
    expect(parseTimestamp('2024-03-01 08:30:00+08')).toBe('2024-03-01T00:30:00.000Z');
    expect(parseTimestamp('2024-03-01 08:30:00-05:30')).toBe('2024-03-01T14:00:00.000Z');
    expect(parseTimestamp('2024-03-01 08:30:00')).toBe('2024-03-01T08:30:00.000Z');
  });

  it('passes infinity through', () => {
    expect(parseTimestamp('infinity')).toBe('infinity');
  });
});
