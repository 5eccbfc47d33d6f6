import { describe, expect, it } from 'vitest';
import { zonedDate, zonedStart } from './time-zone.js';

describe('zonedDate', () => {
  it('is the calendar date of the instant in the zone, on both sides of local midnight', () => {
    expect(zonedDate('2026-03-01T15:59:59.999Z', 'Asia/Shanghai')).toBe('2026-03-01');
    expect(zonedDate('2026-03-01T16:00:00.000Z', 'Asia/Shanghai')).toBe('2026-03-02');
    expect(zonedDate(new Date('2026-03-01T23:59:59.999Z'), 'UTC')).toBe('2026-03-01');
    expect(zonedDate(Date.parse('2026-03-02T00:00:00.000Z'), 'UTC')).toBe('2026-03-02');
    expect(zonedDate('2026-03-02T04:59:00.000Z', 'America/New_York')).toBe('2026-03-01');
  });
});

describe('zonedStart', () => {
  it('is the instant the date starts at in the zone', () => {
    expect(zonedStart('2026-03-02', 'Asia/Shanghai')).toBe('2026-03-01T16:00:00.000Z');
    expect(zonedStart('2026-03-02', 'UTC')).toBe('2026-03-02T00:00:00.000Z');
    // New York moves to summer time on 8 March 2026: midnight is still at -05:00, the next day at -04:00
    expect(zonedStart('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(zonedStart('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
  });

  it('round-trips with zonedDate for every day of a year', () => {
    for (const zone of ['Asia/Shanghai', 'UTC', 'America/New_York', 'Australia/Lord_Howe']) {
      for (let d = 0; d < 366; d++) {
        const date = new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);
        expect(zonedDate(zonedStart(date, zone), zone)).toBe(date);
      }
    }
  });
});
