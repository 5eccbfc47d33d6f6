/**
 * Calendar arithmetic for periods and buckets on plain `YYYY-MM-DD` dates (UTC arithmetic, no zone).
 * Where a date meets a zone (the instant a local date starts at), the rules package's time-zone
 * module answers (`zonedStart`), so periods, rules and the server agree on every midnight.
 */
import type { TimeBucket } from './plan-types.js';

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` → UTC milliseconds of that calendar day. */
export function dateMs(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

/** UTC milliseconds → `YYYY-MM-DD`. */
export function msDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Adds days to a date. */
export function addDays(date: string, days: number): string {
  return msDate(dateMs(date) + days * DAY_MS);
}

/** Adds calendar months to a date that is the first of a month. */
export function addMonths(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return msDate(Date.UTC(y, m - 1 + months, 1));
}

/** Days from `a` to `b` (b exclusive). */
export function daysBetween(a: string, b: string): number {
  return Math.round((dateMs(b) - dateMs(a)) / DAY_MS);
}

/** The first day of the bucket containing `date` (weeks start on Monday, as ISO and PostgreSQL). */
export function bucketStart(date: string, bucket: TimeBucket): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  switch (bucket) {
    case 'day':
      return date;
    case 'week': {
      const dow = (new Date(dateMs(date)).getUTCDay() + 6) % 7;
      return addDays(date, -dow);
    }
    case 'month':
      return msDate(Date.UTC(y, m - 1, 1));
    case 'quarter':
      return msDate(Date.UTC(y, Math.floor((m - 1) / 3) * 3, 1));
    case 'year':
      return msDate(Date.UTC(y, 0, 1));
  }
}

/** The first day after the bucket that starts on `start`. */
export function bucketEnd(start: string, bucket: TimeBucket): string {
  if (bucket === 'day') return addDays(start, 1);
  if (bucket === 'week') return addDays(start, 7);
  return addMonths(start, bucket === 'month' ? 1 : bucket === 'quarter' ? 3 : 12);
}
