import { type RawBuilder, sql } from 'kysely';
import { NotTranslatable, type SqlValue } from './sql-value.js';

/**
 * JavaScript's coercions (ToNumber, parseFloat, truthiness, ==, ===, <) written in SQL for each
 * kind of value. Every regular expression below is ours; rule values are always bound parameters.
 */

/** StrWhiteSpaceChar of ECMAScript (what Number(), parseFloat() and trim() skip). */
const WS = '[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';
const DECIMAL = '[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?';
const lit = (s: string) => sql.raw(`'${s.replace(/'/g, "''")}'`);

const BLANK = lit(`^${WS}*$`);
const NUMERIC = lit(`^${WS}*${DECIMAL}${WS}*$`);
const INFINITY = lit(`^${WS}*[+]?Infinity${WS}*$`);
const MINUS_INFINITY = lit(`^${WS}*-Infinity${WS}*$`);
const HEX = lit(`^${WS}*0[xX][0-9a-fA-F]{1,13}${WS}*$`);
const EDGES = lit(`^${WS}+|${WS}+$`);
const LEADING = lit(`^${WS}+`);
const FLOAT_PREFIX = lit(`^(${DECIMAL})`);
const INFINITY_PREFIX = lit('^[+]?Infinity');
const MINUS_INFINITY_PREFIX = lit('^-Infinity');

export const float = (x: RawBuilder<unknown> | number) =>
  sql`CAST(${typeof x === 'number' ? sql.lit(x) : x} AS double precision)`;

/** `trim()` of JavaScript: removes ECMAScript white space at both ends. */
export const jsTrim = (s: RawBuilder<unknown>) => sql`regexp_replace(${s}, ${EDGES}, '', 'g')`;

/** Number(s) of a non-null text; NULL when NaN. */
function textToNumber(s: RawBuilder<unknown>): RawBuilder<unknown> {
  const hex = sql`CAST(CAST(CAST(('x' || lpad(substring(${jsTrim(s)} from 3), 16, '0')) AS bit(64)) AS bigint) AS double precision)`;
  return sql`(CASE WHEN ${s} ~ ${BLANK} THEN ${float(0)} WHEN ${s} ~ ${NUMERIC} THEN CAST(${jsTrim(s)} AS double precision) WHEN ${s} ~ ${HEX} THEN ${hex} WHEN ${s} ~ ${INFINITY} THEN CAST('Infinity' AS double precision) WHEN ${s} ~ ${MINUS_INFINITY} THEN CAST('-Infinity' AS double precision) END)`;
}

/** parseFloat(s) of a non-null text; NULL when NaN. */
function textParseFloat(s: RawBuilder<unknown>): RawBuilder<unknown> {
  const t = sql`regexp_replace(${s}, ${LEADING}, '')`;
  return sql`(CASE WHEN ${t} ~ ${FLOAT_PREFIX} THEN CAST(substring(${t} from ${FLOAT_PREFIX}) AS double precision) WHEN ${t} ~ ${INFINITY_PREFIX} THEN CAST('Infinity' AS double precision) WHEN ${t} ~ ${MINUS_INFINITY_PREFIX} THEN CAST('-Infinity' AS double precision) END)`;
}

/** Whether the value is JavaScript null. */
export function isNull(v: SqlValue): RawBuilder<unknown> {
  if (v.kind === 'null') return sql`TRUE`;
  if (v.kind === 'nan') return sql`FALSE`;
  if (v.kind === 'json') return sql`(${v.sql} IS NULL OR jsonb_typeof(${v.sql}) = 'null')`;
  return sql`(${v.sql} IS NULL)`;
}

/** ToNumber (what -, /, <, == apply); NULL means NaN. */
export function toNumber(v: SqlValue): RawBuilder<unknown> {
  switch (v.kind) {
    case 'num':
      return sql`COALESCE(${v.sql}, ${float(0)})`;
    case 'nan':
      return v.sql;
    case 'null':
      return float(0);
    case 'bool':
      return sql`(CASE WHEN ${v.sql} THEN ${float(1)} ELSE ${float(0)} END)`;
    case 'json':
      throw new Error('jsonb values are refused before they reach arithmetic');
    case 'str':
      return sql`(CASE WHEN ${v.sql} IS NULL THEN ${float(0)} ELSE ${textToNumber(v.sql)} END)`;
  }
}

/** parseFloat (what + and * apply); NULL means NaN. */
export function parseFloatOf(v: SqlValue): RawBuilder<unknown> {
  switch (v.kind) {
    case 'num':
    case 'nan':
      return v.sql;
    case 'null':
    case 'bool':
      return sql`CAST(NULL AS double precision)`;
    case 'json':
      throw new Error('jsonb values are refused before they reach arithmetic');
    case 'str':
      return textParseFloat(v.sql);
  }
}

/** JSON Logic truthiness as a non-null boolean. */
export function truthy(v: SqlValue): RawBuilder<unknown> {
  switch (v.kind) {
    case 'num':
      return sql`COALESCE(${v.sql} <> 0, FALSE)`;
    case 'nan':
      return sql`COALESCE(${v.sql} <> 0 AND ${v.sql} <> CAST('NaN' AS double precision), FALSE)`;
    case 'str':
      return sql`COALESCE(${v.sql} <> '', FALSE)`;
    case 'bool':
      return sql`COALESCE(${v.sql}, FALSE)`;
    case 'null':
      return sql`FALSE`;
    case 'json':
      return sql`COALESCE(CASE jsonb_typeof(${v.sql}) WHEN 'array' THEN jsonb_array_length(${v.sql}) > 0 WHEN 'object' THEN TRUE WHEN 'string' THEN ${v.sql} <> '""'::jsonb WHEN 'number' THEN ${v.sql} <> '0'::jsonb WHEN 'boolean' THEN ${v.sql} = 'true'::jsonb ELSE FALSE END, FALSE)`;
  }
}

const same = (a: SqlValue, b: SqlValue) => sql`(${a.sql} IS NOT DISTINCT FROM ${b.sql})`;

/** JavaScript `a == b` for scalars: null equals only null; two texts compare as text; else as numbers. */
export function looseEquals(a: SqlValue, b: SqlValue): RawBuilder<unknown> {
  if (a.kind === 'null' && b.kind === 'null') return sql`TRUE`;
  if (a.kind === 'null') return isNull(b);
  if (b.kind === 'null') return isNull(a);
  if (a.kind === b.kind && a.kind !== 'nan') return same(a, b);
  return sql`(CASE WHEN ${isNull(a)} OR ${isNull(b)} THEN ${isNull(a)} AND ${isNull(b)} ELSE COALESCE(${toNumber(a)} = ${toNumber(b)}, FALSE) END)`;
}

/** JavaScript `a === b` for scalars. */
export function strictEquals(a: SqlValue, b: SqlValue): RawBuilder<unknown> {
  if (a.kind === 'null' && b.kind === 'null') return sql`TRUE`;
  if (a.kind === 'null') return isNull(b);
  if (b.kind === 'null') return isNull(a);
  if (a.kind === b.kind && a.kind !== 'nan') return same(a, b);
  const numeric = (k: string) => k === 'num' || k === 'nan';
  if (numeric(a.kind) && numeric(b.kind)) return sql`COALESCE(${a.sql} = ${b.sql}, FALSE)`;
  return sql`(${isNull(a)} AND ${isNull(b)})`;
}

/** JavaScript `<`, `>`, `<=`, `>=`: two texts compare by code point, anything else as numbers. */
export function compare(op: '<' | '>' | '<=' | '>=', a: SqlValue, b: SqlValue): RawBuilder<unknown> {
  const o = sql.raw(op);
  const numeric = sql`COALESCE(${toNumber(a)} ${o} ${toNumber(b)}, FALSE)`;
  if (a.kind === 'str' && b.kind === 'str')
    return sql`(CASE WHEN ${a.sql} IS NOT NULL AND ${b.sql} IS NOT NULL THEN ${a.sql} COLLATE "C" ${o} ${b.sql} COLLATE "C" ELSE ${numeric} END)`;
  return numeric;
}

/** String(v) for `in` over a text and for `cat`; numbers other than literals are refused (formatting differs). */
export function toText(v: SqlValue, path: string, nullText: 'null' | ''): RawBuilder<unknown> {
  if (v.literal) return sql`CAST(${v.literal.value === null ? nullText : String(v.literal.value)} AS text)`;
  switch (v.kind) {
    case 'str':
      return sql`COALESCE(${v.sql}, ${nullText})`;
    case 'bool':
      return sql`(CASE WHEN ${v.sql} IS NULL THEN ${nullText} WHEN ${v.sql} THEN 'true' ELSE 'false' END)`;
    case 'null':
      return sql`CAST(${nullText} AS text)`;
    default:
      throw new NotTranslatable(path, {
        en: 'Numbers computed in the rule cannot be turned into text in the database the way JavaScript formats them.',
        'zh-CN': '数据库无法按 JavaScript 的格式把规则中计算出的数字转为文本。',
      });
  }
}
