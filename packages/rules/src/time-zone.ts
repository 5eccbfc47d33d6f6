/**
 * The one time-zone module of Stagecraft: calendar arithmetic in an IANA time zone with
 * `Intl.DateTimeFormat` only, used by the rule operators, the engine's periods and the server's
 * "today". A "date" is a `YYYY-MM-DD` string meaning midnight in the zone; a "datetime" is any
 * ISO-8601 string with a time. Pure: every function takes the instant it works on.
 */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock parts of an instant in a zone. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

export function wallTime(ms: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    ms: ((ms % 1000) + 1000) % 1000,
  };
}

/** Offset of the zone from UTC at an instant, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallTime(ms, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms) - ms;
}

/** The instant at which the zone's clock shows the given wall time. */
export function instantOf(w: WallTime, timeZone: string): number {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
  let guess = asUtc - offsetAt(asUtc, timeZone);
  guess = asUtc - offsetAt(guess, timeZone);
  return guess;
}

/** A parsed temporal value: whether it was a bare date, and its instant. */
export interface Temporal {
  dateOnly: boolean;
  ms: number;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Reads a date or datetime string; anything else (including datetimes without a zone) is null. */
export function parseTemporal(value: unknown, timeZone: string): Temporal | null {
  if (typeof value !== 'string') return null;
  const m = DATE_ONLY.exec(value);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    const check = new Date(Date.UTC(year, month - 1, day));
    if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
    return {
      dateOnly: true,
      ms: instantOf({ year, month, day, hour: 0, minute: 0, second: 0, ms: 0 }, timeZone),
    };
  }
  if (!ISO_DATETIME.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : { dateOnly: false, ms };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of a wall time. */
export function formatDate(w: Pick<WallTime, 'year' | 'month' | 'day'>): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** Days since 1970-01-01 of a calendar date (zone-free). */
export function dayNumber(w: Pick<WallTime, 'year' | 'month' | 'day'>): number {
  return Math.round(Date.UTC(w.year, w.month - 1, w.day) / 86_400_000);
}

/** Adds months to a calendar date, clamping the day to the month's end (Jan 31 + 1 month = Feb 28/29). */
export function addMonths<T extends WallTime>(w: T, months: number): T {
  const index = w.year * 12 + (w.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { ...w, year, month, day: Math.min(w.day, last) };
}

/** Adds calendar days to a wall time. */
export function addDays<T extends WallTime>(w: T, days: number): T {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { ...w, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on in a zone: `today` is `zonedDate(now, zone)`. */
export function zonedDate(instant: Date | string | number, timeZone: string): string {
  const ms =
    instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  return formatDate(wallTime(ms, timeZone));
}

/** The instant (ISO-8601 UTC) a calendar date (`YYYY-MM-DD`) starts at in a zone. */
export function zonedStart(date: string, timeZone: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(
    instantOf({ year, month, day, hour: 0, minute: 0, second: 0, ms: 0 }, timeZone),
  ).toISOString();
}
