/**
 * The checks of single values that several field types share: text, numbers, dates, instants,
 * ids, phones, emails and web addresses. Pure and ajv-free, so the browser and the server run the
 * same code.
 */
import { type ValueIssue, valueIssue } from './value-issue.js';

/** Longest text accepted when a field sets no `maxLength` (columns are unbounded `text`). */
export const DEFAULT_MAX_LENGTH = { text: 2_000, long_text: 200_000 } as const;

/** Phone numbers: digits with optional leading +, spaces, dashes and parentheses. */
export const PHONE_PATTERN = '^\\+?[0-9(][0-9 ()-]{3,29}$';
const PHONE = new RegExp(PHONE_PATTERN, 'u');

/** The email form of JSON Schema's `email` format (ajv-formats, full mode), at most 254 characters. */
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * An http(s) address: a host (name, IPv4 or [IPv6]), an optional port, then a path, query and
 * fragment of RFC 3986 characters or %-escapes. `http://localhost:3000` is one.
 */
const URL_FORM = new RegExp(
  [
    '^https?://',
    '(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?|\\[[0-9A-Fa-f:.]+\\])',
    '(?::\\d{1,5})?',
    "(?:/(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*)*",
    "(?:\\?(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?",
    "(?:#(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?$",
  ].join(''),
);

/** Longest web address accepted. */
export const MAX_URL_LENGTH = 2_000;

/** Ids of records, users, org units and files. */
export const MAX_ID_LENGTH = 128;

/** Whether a value counts as "not filled" for required checks: null, blank text, an empty list. */
export function isEmptyValue(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** Whether a value is a JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Length in Unicode code points, as JSON Schema's maxLength counts it. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

const patterns = new Map<string, RegExp | null>();

/** A field's `pattern` compiled once (Unicode, unanchored as in JSON Schema); null if it is invalid. */
function compiled(pattern: string): RegExp | null {
  if (!patterns.has(pattern)) {
    let re: RegExp | null = null;
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = null;
    }
    if (patterns.size > 1_000) patterns.clear();
    patterns.set(pattern, re);
  }
  return patterns.get(pattern) ?? null;
}

/** Text with a longest length and an optional pattern. */
export function checkText(value: unknown, maxLength: number, pattern?: string): ValueIssue | null {
  if (typeof value !== 'string') return valueIssue('invalidValue', { expected: 'string' });
  if (value.length > maxLength && codePointLength(value) > maxLength)
    return valueIssue('tooLong', { max: maxLength });
  if (pattern !== undefined && !compiled(pattern)?.test(value)) return valueIssue('patternMismatch');
  return null;
}

/** Whether `value` has at most `decimals` digits after the point (tolerating binary rounding). */
export function fitsDecimals(value: number, decimals: number): boolean {
  const scaled = value * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

/** A finite number within optional bounds and with at most `decimals` decimals. */
export function checkNumber(
  value: unknown,
  bounds: { min?: number | undefined; max?: number | undefined; decimals?: number | undefined },
): ValueIssue | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return valueIssue('notANumber');
  if (bounds.min !== undefined && value < bounds.min) return valueIssue('belowMin', { min: bounds.min });
  if (bounds.max !== undefined && value > bounds.max) return valueIssue('aboveMax', { max: bounds.max });
  if (bounds.decimals !== undefined && !fitsDecimals(value, bounds.decimals))
    return valueIssue('tooManyDecimals', { max: bounds.decimals });
  return null;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Whether y-m-d is a real day of the years 1 to 9999 (what PostgreSQL stores). */
function realDay(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  return d <= (m === 2 && !leap(y) ? 28 : (DAYS[m - 1] as number));
}

/** Whether a text is a real calendar date `YYYY-MM-DD` of the years 1 to 9999. */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m !== null && realDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

/**
 * An ISO-8601 date and time with a time zone as milliseconds since the epoch, or null when it is
 * not one, or falls outside the years 1 to 9999 in UTC. No leap seconds (PostgreSQL has none).
 */
export function parseInstant(value: string): number | null {
  const m = INSTANT.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i])) as number[] as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!realDay(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
  const offH = Number(m[10] ?? 0);
  const offM = Number(m[11] ?? 0);
  if (offH > 23 || offM > 59) return null;
  const sign = m[9] === '-' ? -1 : 1;
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const at = new Date(0);
  at.setUTCFullYear(y, mo - 1, d);
  at.setUTCHours(h, mi, s, ms);
  const utc = at.getTime() - sign * (offH * 60 + offM) * 60_000;
  const year = new Date(utc).getUTCFullYear();
  return year >= 1 && year <= 9999 ? utc : null;
}

/** The ISO form the store keeps: UTC with milliseconds (`2024-05-01T02:30:00.000Z`). */
export function normalizeInstant(value: string): string {
  const ms = parseInstant(value);
  return ms === null ? value : new Date(ms).toISOString();
}

/** A calendar date. */
export function checkDate(value: unknown): ValueIssue | null {
  if (typeof value !== 'string') return valueIssue('invalidValue', { expected: 'string' });
  return isCalendarDate(value) ? null : valueIssue('invalidDate');
}

/** An instant with a time zone. */
export function checkDateTime(value: unknown): ValueIssue | null {
  if (typeof value !== 'string') return valueIssue('invalidValue', { expected: 'string' });
  return parseInstant(value) === null ? valueIssue('invalidDateTime') : null;
}

/** An id of a record, user, org unit or file. */
export function checkId(value: unknown): ValueIssue | null {
  if (typeof value !== 'string') return valueIssue('invalidValue', { expected: 'string' });
  return value.length >= 1 && codePointLength(value) <= MAX_ID_LENGTH ? null : valueIssue('invalidId');
}

/** A phone number. */
export function checkPhone(value: unknown): ValueIssue | null {
  if (typeof value !== 'string') return valueIssue('invalidValue', { expected: 'string' });
  return PHONE.test(value) ? null : valueIssue('invalidPhone');
}

/** An email address. */
export function checkEmail(value: unknown): ValueIssue | null {
  if (typeof value !== 'string') return valueIssue('invalidValue', { expected: 'string' });
  return value.length <= 254 && EMAIL.test(value) ? null : valueIssue('invalidEmail');
}

/** Whether a text is an http(s) address a browser can open. */
export function isWebAddress(value: string): boolean {
  return value.length <= MAX_URL_LENGTH && URL_FORM.test(value);
}

/** A web address. */
export function checkUrl(value: unknown): ValueIssue | null {
  if (typeof value !== 'string') return valueIssue('invalidValue', { expected: 'string' });
  return isWebAddress(value) ? null : valueIssue('invalidUrl');
}

/** Yes or no. */
export function checkBoolean(value: unknown): ValueIssue | null {
  return typeof value === 'boolean' ? null : valueIssue('invalidValue', { expected: 'boolean' });
}
