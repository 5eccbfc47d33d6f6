import { type Bilingual, type Field, type Issue, issue, SYSTEM_FIELDS } from '@stagecraft/schema';
import { sql } from 'kysely';
import { withFileUrls } from '../attachments/record-files.js';
import type { RecordData } from '../contract.js';
import { columnType } from '../ddl/column-types.js';
import { SYSTEM_COLUMNS } from '../ddl/system-columns.js';
import { MESSAGES } from '../messages.js';
import type { EntityContext } from './entity-context.js';

// biome-ignore lint/suspicious/noExplicitAny: rows come untyped from dynamic SQL
type Row = Record<string, any>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Maps a table row to the API's record, leaving out fields the actor may not see (`all` keeps
 * every field: for the audit trail, whose reader filters hidden fields itself). Files in the
 * record's values get their content `url` (not for `all`: the trail keeps values as stored).
 */
export function toRecord(ctx: EntityContext, row: Row, all = false): RecordData {
  const record: RecordData = {
    id: row.id,
    version: Number(row.version),
    owner: row.owner_id ?? null,
    orgUnit: row.org_unit_id ?? null,
    stage: row.stage ?? null,
    stageEnteredAt: row.stage_entered_at ?? null,
    createdAt: row.created_at,
    createdBy: row.created_by ?? null,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by ?? null,
    deletedAt: row.deleted_at ?? null,
  };
  for (const field of all ? ctx.entity.fields : ctx.visible.values())
    record[field.id] = row[field.id] ?? null;
  return all ? record : (withFileUrls(ctx.entity.fields, record) as RecordData);
}

/** What a value of each column kind must be. */
const EXPECTED = {
  string: { en: 'Expected a string.', 'zh-CN': '应为文本。' },
  noNul: { en: 'Expected text without NUL characters.', 'zh-CN': '文本不能包含 NUL 字符。' },
  finite: { en: 'Expected a finite number.', 'zh-CN': '应为有限的数字。' },
  amount: { en: 'Expected an amount below 10^18.', 'zh-CN': '金额应小于 10^18。' },
  boolean: { en: 'Expected true or false.', 'zh-CN': '应为 true 或 false。' },
  date: { en: 'Expected a date YYYY-MM-DD.', 'zh-CN': '应为 YYYY-MM-DD 格式的日期。' },
  dateTime: MESSAGES.expectedDateTime,
} as const satisfies Record<string, Bilingual>;

/** A column's value check: what the value should have been, or null when it fits. */
export type ColumnCheck = (value: unknown) => keyof typeof EXPECTED | null;

const CHECKS: Record<string, ColumnCheck> = {
  // PostgreSQL text cannot hold NUL; refusing it here keeps it a caller error, not a crash.
  text: (v) => (typeof v !== 'string' ? 'string' : v.includes('\u0000') ? 'noNul' : null),
  'double precision': (v) => (typeof v === 'number' && Number.isFinite(v) ? null : 'finite'),
  'numeric(20,2)': (v) =>
    typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e18 ? null : 'amount',
  boolean: (v) => (typeof v === 'boolean' ? null : 'boolean'),
  date: (v) => (typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(v)) ? null : 'date'),
  timestamptz: (v) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? null : 'dateTime'),
  jsonb: () => null,
};

/**
 * The check of a field's column (non-null values): one function per column type, chosen once, so
 * a bulk path (an import's staging) checks a million values with the same rules as one write.
 */
export function columnCheck(field: Field): ColumnCheck {
  return CHECKS[columnType(field)] as ColumnCheck;
}

/** The issue of a value that failed its column's check. */
export function valueIssue(path: string, what: keyof typeof EXPECTED): Issue {
  return issue('VALIDATION_FAILED', path, EXPECTED[what]);
}

/** Checks one value against the column it goes to and returns the SQL value to write. */
function encode(
  field: Field,
  value: unknown,
  path: string,
): { ok: true; value: unknown } | { ok: false; issue: Issue } {
  if (value === null || value === undefined) return { ok: true, value: null };
  const bad = columnCheck(field)(value);
  if (bad) return { ok: false, issue: valueIssue(path, bad) };
  return columnType(field) === 'jsonb'
    ? { ok: true, value: sql`${JSON.stringify(value)}::jsonb` }
    : { ok: true, value };
}

/**
 * System keys a write may set: ownership always, the stage only when a record is created (with the
 * server clock's entry time, so dwell times follow the same clock as transitions), and the
 * server clock's `createdAt` / `updatedAt` (time triggers and the runner read that clock; the
 * audit trail keeps the database's time). Left out, the database's `now()` applies.
 */
const WRITABLE_SYSTEM = {
  create: new Set(['owner', 'orgUnit', 'stage', 'stageEnteredAt', 'createdAt', 'updatedAt']),
  update: new Set(['owner', 'orgUnit', 'updatedAt']),
};
/** System keys holding a date-time. */
const TIME_KEYS = new Set(['stageEnteredAt', 'createdAt', 'updatedAt']);

/** The fields by id, built once per entity definition (an import checks a million rows). */
const byId = new WeakMap<readonly Field[], Map<string, Field>>();
function fieldsById(fields: readonly Field[]): Map<string, Field> {
  let map = byId.get(fields);
  if (!map) {
    map = new Map(fields.map((f) => [f.id, f]));
    byId.set(fields, map);
  }
  return map;
}

/**
 * Turns a write's values into column values, refusing unknown fields (UNKNOWN_FIELD), fields the
 * actor may not write (FORBIDDEN), read-only system fields and values of the wrong shape.
 */
export function encodeValues(
  ctx: EntityContext,
  values: Record<string, unknown>,
  mode: 'create' | 'update',
): { ok: true; columns: Record<string, unknown> } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const columns: Record<string, unknown> = {};
  const fields = fieldsById(ctx.entity.fields);
  for (const [key, value] of Object.entries(values)) {
    const path = `/${key}`;
    if (Object.hasOwn(SYSTEM_FIELDS, key)) {
      if (key === 'stage' && mode === 'update') issues.push(issue('STAGE_READ_ONLY', path));
      else if (!WRITABLE_SYSTEM[mode].has(key))
        issues.push(
          issue('VALIDATION_FAILED', path, {
            en: `"${key}" is set by the server.`,
            'zh-CN': `「${key}」由服务器设置。`,
          }),
        );
      else if (TIME_KEYS.has(key) && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) {
        issues.push(issue('VALIDATION_FAILED', path, MESSAGES.expectedDateTime));
      } else if (value !== null && typeof value !== 'string')
        issues.push(
          issue('VALIDATION_FAILED', path, { en: 'Expected a string id.', 'zh-CN': '应为文本形式的标识。' }),
        );
      else columns[SYSTEM_COLUMNS[key as keyof typeof SYSTEM_COLUMNS]] = value;
      continue;
    }
    const field = fields.get(key);
    if (!field || !Object.hasOwn(values, key)) {
      issues.push(issue('UNKNOWN_FIELD', path, MESSAGES.unknownField(key)));
      continue;
    }
    if (ctx.permission.fieldAccess[key] !== 'write') {
      issues.push(issue(ctx.visible.has(key) ? 'FORBIDDEN' : 'UNKNOWN_FIELD', path));
      continue;
    }
    const encoded = encode(field, value, path);
    if (encoded.ok) columns[key] = encoded.value;
    else issues.push(encoded.issue);
  }
  return issues.length ? { ok: false, issues } : { ok: true, columns };
}

/** The field-level differences between two versions of a record, for the audit trail. */
export function diffRecords(
  before: RecordData | null,
  after: RecordData,
  keys: string[],
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of keys) {
    const from = before ? (before[key] ?? null) : null;
    const to = after[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}
