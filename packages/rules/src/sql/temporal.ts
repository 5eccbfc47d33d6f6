import { type RawBuilder, sql } from 'kysely';
import { childPath } from '../rule-error.js';
import { formatDate, parseTemporal, wallTime } from '../time-zone.js';
import { float } from './coerce.js';
import { NotTranslatable, type SqlTranslation, type SqlValue } from './sql-value.js';

/**
 * Calendar operators in SQL: arguments must be date/datetime columns or values known when the query
 * is built (literals, `today`, `now`), which are computed here exactly as in memory and bound.
 */

function argument(node: unknown, path: string, t: SqlTranslation): SqlValue {
  const v = t.value(node ?? null, path);
  if (v.temporal || v.literal) return v;
  throw new NotTranslatable(path, {
    en: 'In the database, date operators take date fields, dates written in the rule, today or now.',
    'zh-CN': '在数据库中，日期运算符只接受日期字段、规则中写明的日期、today 或 now。',
  });
}

function calendarDay(v: SqlValue, t: SqlTranslation): RawBuilder<unknown> {
  const tz = t.context.timeZone;
  if (v.temporal)
    return v.temporal.type === 'date'
      ? v.temporal.column
      : sql`CAST((${v.temporal.column} AT TIME ZONE ${tz}) AS date)`;
  const parsed = parseTemporal(v.literal?.value, tz);
  return parsed ? sql`CAST(${formatDate(wallTime(parsed.ms, tz))} AS date)` : sql`CAST(NULL AS date)`;
}

/** Milliseconds since the epoch, truncated as records carry datetimes (`toISOString()` drops microseconds). */
function epochMs(v: SqlValue, t: SqlTranslation): RawBuilder<unknown> {
  const tz = t.context.timeZone;
  if (v.temporal)
    return v.temporal.type === 'datetime'
      ? sql`floor(EXTRACT(EPOCH FROM ${v.temporal.column}) * 1000)`
      : sql`(EXTRACT(EPOCH FROM (CAST(${v.temporal.column} AS timestamp) AT TIME ZONE ${tz})) * 1000)`;
  const parsed = parseTemporal(v.literal?.value, tz);
  return parsed ? sql`CAST(${parsed.ms} AS numeric)` : sql`CAST(NULL AS numeric)`;
}

/** `days_between`: difference of calendar dates in the context's zone. */
export function daysBetweenSql(args: unknown[], path: string, t: SqlTranslation): SqlValue {
  const a = calendarDay(argument(args[0], childPath(path, 0), t), t);
  const b = calendarDay(argument(args[1], childPath(path, 1), t), t);
  return { kind: 'num', sql: sql`CAST((${b} - ${a}) AS double precision)` };
}

/** `hours_between`: milliseconds between instants over 3,600,000, the same float division as in memory. */
export function hoursBetweenSql(args: unknown[], path: string, t: SqlTranslation): SqlValue {
  const a = epochMs(argument(args[0], childPath(path, 0), t), t);
  const b = epochMs(argument(args[1], childPath(path, 1), t), t);
  return { kind: 'num', sql: sql`(CAST((${b} - ${a}) AS double precision) / ${float(3_600_000)})` };
}
