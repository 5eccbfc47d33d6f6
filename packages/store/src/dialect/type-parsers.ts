/**
 * How column values come back to JavaScript, the same for both dialects: numeric and int8 as
 * numbers, date as `YYYY-MM-DD`, timestamptz as ISO-8601 UTC. Both dialects hand us PostgreSQL's
 * text format, so one table of parsers keyed by type oid serves both.
 */

/** Type oids of PostgreSQL's built-in types that we parse ourselves. */
export const TYPE_OIDS = { int8: 20, numeric: 1700, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

const TIMESTAMP =
  /^(\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(\.\d+)?(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?$/;

/**
 * Parses PostgreSQL's text form of a timestamp (with or without offset; none = UTC) to ISO-8601 UTC.
 * Sessions run in UTC, so nearly every value is `YYYY-MM-DD HH:MM:SS[.ffffff]+00` with a year from
 * 1000 on: that form is rewritten as text (milliseconds truncated, as below), the rest goes through
 * the date arithmetic. It is on every row of every answer, hence the shortcut.
 */
export function parseTimestamp(text: string): string {
  const n = text.length;
  if (
    n >= 22 &&
    n <= 29 &&
    text.charCodeAt(0) >= 49 && // '1'…'9': a four-digit year from 1000
    text.charCodeAt(4) === 45 && // '-'
    text.charCodeAt(10) === 32 && // ' '
    text.endsWith('+00') &&
    (n === 22 || (text.charCodeAt(19) === 46 && n >= 24)) // '.' and 1 to 6 digits
  ) {
    const frac = n === 22 ? '' : text.slice(20, n - 3);
    return `${text.slice(0, 10)}T${text.slice(11, 19)}.${`${frac}000`.slice(0, 3)}Z`;
  }
  return parseTimestampSlowly(text);
}

/** Any other form: offsets, no offset, years before 1000, infinity. */
function parseTimestampSlowly(text: string): string {
  const m = TIMESTAMP.exec(text);
  if (!m) return text; // infinity, BC dates: passed through as PostgreSQL wrote them
  const [, y, mo, d, h, mi, s, frac, sign, oh, om, os] = m;
  const ms = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  let time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (sign) {
    const offset = (Number(oh) * 3600 + Number(om ?? 0) * 60 + Number(os ?? 0)) * 1000;
    time -= sign === '+' ? offset : -offset;
  }
  return new Date(time).toISOString();
}

/** Parser per type oid; anything not listed keeps the driver's default (jsonb → object, bool → boolean…). */
export const TYPE_PARSERS: Record<number, (text: string) => unknown> = {
  [TYPE_OIDS.int8]: Number,
  [TYPE_OIDS.numeric]: Number,
  [TYPE_OIDS.date]: (text) => text,
  [TYPE_OIDS.timestamp]: parseTimestamp,
  [TYPE_OIDS.timestamptz]: parseTimestamp,
};
