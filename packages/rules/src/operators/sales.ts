import type { ResolvedContext } from '../context.js';
import { getDynamic } from '../runtime.js';
import {
  addDays,
  addMonths,
  dayNumber,
  formatDate,
  instantOf,
  parseTemporal,
  type WallTime,
  wallTime,
} from '../time-zone.js';
import type { ValueType } from '../value-type.js';
import type { OperatorDescriptor } from './descriptor.js';

/** Operators for sales apps: the context's clock and user, calendar math, text and the previous record. */

const HOUR_MS = 3_600_000;
const JS_WHITESPACE = /^[\s\uFEFF\xA0]+|[\s\uFEFF\xA0]+$/g;

function today(ctx: ResolvedContext): string | null {
  return ctx.nowMs === null ? null : formatDate(wallTime(ctx.nowMs, ctx.timeZone));
}

/** Calendar days from `a` to `b` in the context's zone (dates count as their own day). */
export function daysBetween(a: unknown, b: unknown, ctx: ResolvedContext): number | null {
  const from = parseTemporal(a, ctx.timeZone);
  const to = parseTemporal(b, ctx.timeZone);
  if (!from || !to) return null;
  return dayNumber(wallTime(to.ms, ctx.timeZone)) - dayNumber(wallTime(from.ms, ctx.timeZone));
}

/** Hours (fractional) from `a` to `b`; a bare date is midnight in the context's zone. */
export function hoursBetween(a: unknown, b: unknown, ctx: ResolvedContext): number | null {
  const from = parseTemporal(a, ctx.timeZone);
  const to = parseTemporal(b, ctx.timeZone);
  if (!from || !to) return null;
  return (to.ms - from.ms) / HOUR_MS;
}

const UNITS = ['minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'] as const;
type Unit = (typeof UNITS)[number];

function unitOf(value: unknown): Unit | null {
  const u = typeof value === 'string' ? value.replace(/s$/, '') : '';
  return (UNITS as readonly string[]).includes(u) ? (u as Unit) : null;
}

function output(dateOnly: boolean, w: WallTime, ctx: ResolvedContext): string {
  return dateOnly ? formatDate(w) : new Date(instantOf(w, ctx.timeZone)).toISOString();
}

/** Adds `amount` units; a bare date stays a bare date for calendar units. */
export function dateAdd(
  date: unknown,
  amount: unknown,
  unitName: unknown,
  ctx: ResolvedContext,
): string | null {
  const t = parseTemporal(date, ctx.timeZone);
  const unit = unitOf(unitName ?? 'day');
  const n = typeof amount === 'number' ? amount : Number(amount);
  if (!t || !unit || !Number.isInteger(n)) return null;
  if (unit === 'minute' || unit === 'hour')
    return new Date(t.ms + n * (unit === 'hour' ? HOUR_MS : 60_000)).toISOString();
  const w = wallTime(t.ms, ctx.timeZone);
  const moved =
    unit === 'day'
      ? addDays(w, n)
      : unit === 'week'
        ? addDays(w, 7 * n)
        : addMonths(w, unit === 'month' ? n : unit === 'quarter' ? 3 * n : 12 * n);
  return output(t.dateOnly, moved, ctx);
}

/** The start of the day/week (Monday)/month/quarter/year containing a date, in the context's zone. */
export function startOf(date: unknown, unitName: unknown, ctx: ResolvedContext): string | null {
  const t = parseTemporal(date, ctx.timeZone);
  const unit = unitOf(unitName);
  if (!t || !unit || unit === 'minute' || unit === 'hour') return null;
  const w = { ...wallTime(t.ms, ctx.timeZone), hour: 0, minute: 0, second: 0, ms: 0 };
  let start: WallTime = w;
  if (unit === 'week')
    start = addDays(w, -((new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() + 6) % 7));
  else if (unit === 'month') start = { ...w, day: 1 };
  else if (unit === 'quarter') start = { ...w, day: 1, month: w.month - ((w.month - 1) % 3) };
  else if (unit === 'year') start = { ...w, day: 1, month: 1 };
  return output(t.dateOnly, start, ctx);
}

/** True when a text contains any of the words, or a list shares an element with them. */
export function containsAny(subject: unknown, words: unknown): boolean {
  if (!Array.isArray(words)) return false;
  if (typeof subject === 'string') return words.some((w) => typeof w === 'string' && subject.includes(w));
  if (Array.isArray(subject)) return subject.some((s) => words.indexOf(s) !== -1);
  return false;
}

/** Characters of a text (code points, as PostgreSQL counts them) or elements of a list; otherwise 0. */
export function lengthOf(v: unknown): number {
  if (typeof v === 'string') {
    let n = 0;
    for (const _ of v) n++;
    return n;
  }
  return Array.isArray(v) ? v.length : 0;
}

/** Lower-cases ASCII letters only, so that every engine (and every database collation) agrees. */
export function lowerAscii(v: unknown): string | null {
  return typeof v === 'string' ? v.replace(/[A-Z]+/g, (s) => s.toLowerCase()) : null;
}

/** Rounds half away from zero to `digits` decimals (0–10); non-numbers give null. */
export function roundTo(v: unknown, digits: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  const d = digits === undefined || digits === null ? 0 : Number(digits);
  if (!Number.isFinite(n) || !Number.isInteger(d) || d < 0 || d > 10) return null;
  const shifted = Number(`${Math.abs(n)}e${d}`);
  const rounded = Number(`${Math.round(shifted)}e-${d}`);
  return n < 0 ? -rounded : rounded;
}

function same(a: unknown, b: unknown): boolean {
  const x = a === undefined ? null : a;
  const y = b === undefined ? null : b;
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  return JSON.stringify(x) === JSON.stringify(y);
}

const dateArgs: ValueType[][] = [['date', 'datetime', 'string', 'null']];

/** The sales operators, registered in the operator table next to the standard ones. */
export const SALES_OPERATORS: Record<string, OperatorDescriptor> = {
  now: {
    deterministic: false,
    returns: 'datetime',
    method: (_args, ctx) => (ctx.nowMs === null ? null : new Date(ctx.nowMs).toISOString()),
    explain: { en: 'now', 'zh-CN': '当前时间' },
  },
  today: {
    deterministic: false,
    returns: 'date',
    method: (_args, ctx) => today(ctx),
    explain: { en: 'today', 'zh-CN': '今天' },
  },
  days_between: {
    deterministic: false, // reads the context's time zone
    returns: 'number',
    accepts: dateArgs,
    method: (args, ctx) => daysBetween(args[0], args[1], ctx),
    explain: { en: 'days from {0} to {1}', 'zh-CN': '{0} 至 {1} 的天数' },
  },
  hours_between: {
    deterministic: false, // reads the context's time zone
    returns: 'number',
    accepts: dateArgs,
    method: (args, ctx) => hoursBetween(args[0], args[1], ctx),
    explain: { en: 'hours from {0} to {1}', 'zh-CN': '{0} 至 {1} 的小时数' },
  },
  date_add: {
    deterministic: false, // reads the context's time zone
    returns: (types) => (types[0] === 'date' ? 'date' : types[0] === 'datetime' ? 'datetime' : 'string'),
    accepts: [['date', 'datetime', 'string', 'null'], ['number'], ['string']],
    method: (args, ctx) => dateAdd(args[0], args[1], args[2], ctx),
    explain: { en: '{0} + {1} {2}', 'zh-CN': '{0} + {1} {2}' },
  },
  start_of: {
    deterministic: false, // reads the context's time zone
    returns: (types) => (types[0] === 'date' ? 'date' : types[0] === 'datetime' ? 'datetime' : 'string'),
    accepts: [['date', 'datetime', 'string', 'null'], ['string']],
    method: (args, ctx) => startOf(args[0], args[1], ctx),
    explain: { en: 'start of the {1} of {0}', 'zh-CN': '{0} 所在{1}的开始' },
  },
  contains_any: {
    deterministic: true,
    returns: 'boolean',
    accepts: [['string', 'array', 'null'], ['array']],
    method: (args) => containsAny(args[0], args[1]),
    explain: { en: '{0} contains one of {1}', 'zh-CN': '{0} 包含 {1} 之一' },
  },
  length: {
    deterministic: true,
    returns: 'number',
    accepts: [['string', 'array', 'null']],
    method: (args) => lengthOf(args[0]),
    explain: { en: 'length of {0}', 'zh-CN': '{0} 的长度' },
  },
  lower: {
    deterministic: true,
    returns: 'string',
    accepts: [['string', 'null']],
    method: (args) => lowerAscii(args[0]),
  },
  trim: {
    deterministic: true,
    returns: 'string',
    accepts: [['string', 'null']],
    method: (args) => (typeof args[0] === 'string' ? args[0].replace(JS_WHITESPACE, '') : null),
  },
  round: {
    deterministic: true,
    returns: 'number',
    accepts: [['number', 'string', 'null'], ['number']],
    method: (args) => roundTo(args[0], args[1]),
  },
  changed: {
    deterministic: false,
    returns: 'boolean',
    fieldArgument: 0,
    // reads the record being evaluated (`r`), not the element of an iteration
    inline: (args, g) => ({
      code: `${g.helper('changedField')}(r, ${args[0]?.code ?? 'undefined'}, x)`,
      bool: true,
    }),
    explain: { en: '{0} was changed', 'zh-CN': '{0} 已修改' },
  },
  previous: {
    deterministic: false,
    returns: 'any',
    fieldArgument: 0,
    method: (args, ctx) =>
      ctx.previous ? getDynamic(ctx.previous, args[0], args[1]) : args[1] === undefined ? null : args[1],
    explain: { en: 'previous {0}', 'zh-CN': '原 {0}' },
  },
  current_user: {
    deterministic: false,
    returns: (types) => (types.length === 0 ? 'string' : 'any'),
    method: (args, ctx) => {
      if (!ctx.user) return null;
      const key = args[0] ?? 'id';
      return key === 'id'
        ? ctx.user.id
        : key === 'roles'
          ? ctx.user.roles
          : key === 'orgUnit'
            ? (ctx.user.orgUnit ?? null)
            : null;
    },
    explain: { en: 'the current user', 'zh-CN': '当前用户' },
  },
  has_role: {
    deterministic: false,
    returns: 'boolean',
    accepts: [['string']],
    method: (args, ctx) => !!ctx.user && ctx.user.roles.includes(args[0] as string),
    explain: { en: 'the current user has role {0}', 'zh-CN': '当前用户具有角色 {0}' },
  },
};

/** `changed`: the field's value differs from the previous version's; false on create. */
export function changedField(data: unknown, field: unknown, ctx: ResolvedContext): boolean {
  if (!ctx.previous) return false;
  return !same(getDynamic(data, field, null), getDynamic(ctx.previous, field, null));
}
