/**
 * Calendar arithmetic for periods and buckets: plain `YYYY-MM-DD` dates (UTC arithmetic, no zone)
 * and the instant a local date starts at in an IANA zone (Intl only, no clock).
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

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallMs(ms: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms)))
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
}

/** The instant (ISO) a local calendar date starts at in a zone. */
export function zonedStart(date: string, timeZone: string): string {
  const guess = dateMs(date);
  let instant = guess - (wallMs(guess, timeZone) - guess);
  instant = guess - (wallMs(instant, timeZone) - instant);
  return new Date(instant).toISOString();
}

/** The local calendar date of an instant in a zone. */
export function zonedDate(iso: string, timeZone: string): string {
  return msDate(wallMs(Date.parse(iso), timeZone));
}
