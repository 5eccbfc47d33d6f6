/**
 * A record's audited values as SQL, so a write can compute its audit row's `changes` in the same
 * statement as the write (a CTE) instead of reading the row back first. The values are rendered
 * as the API returns them (`toRecord` after the type parsers): timestamps ISO-8601 UTC with
 * milliseconds, dates `YYYY-MM-DD`, numbers as numbers; so `changes` are what `diffRecords` of the
 * two rows would give.
 */
import type { Field } from '@stagecraft/schema';
import { type RawBuilder, sql } from 'kysely';
import { type ColumnType, columnType } from '../ddl/column-types.js';
import type { EntityContext } from './entity-context.js';

/** jsonb_build_object takes at most 100 arguments: 50 key/value pairs per call. */
const PAIRS_PER_CALL = 50;

function columnOf(field: Field): ColumnType | null {
  try {
    return columnType(field);
  } catch {
    return null;
  }
}

/** One column's value as the jsonb the API shows for it (SQL NULL for a null column). */
export function jsonValue(type: ColumnType | 'timestamptz' | 'text', ref: RawBuilder<unknown>) {
  if (type === 'timestamptz')
    return sql`to_jsonb(to_char(${ref} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
  if (type === 'date') return sql`to_jsonb(to_char(${ref}, 'YYYY-MM-DD'))`;
  return sql`to_jsonb(${ref})`;
}

/** The same value as JSON text (`to_json`, no jsonb built), for JSON assembled as text. */
function jsonText(type: ColumnType | 'timestamptz' | 'text', ref: RawBuilder<unknown>) {
  if (type === 'timestamptz')
    return sql`to_json(to_char(${ref} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text`;
  if (type === 'date') return sql`to_json(to_char(${ref}, 'YYYY-MM-DD'))::text`;
  if (type === 'jsonb') return sql`${ref}::text`;
  return sql`to_json(${ref})::text`;
}

/** The audited keys (ownership, stage, deletion, every field) with their columns and types. */
function auditedColumns(ctx: EntityContext): [string, string, ColumnType | 'timestamptz' | 'text' | null][] {
  return [
    ['owner', 'owner_id', 'text'],
    ['orgUnit', 'org_unit_id', 'text'],
    ['stage', 'stage', 'text'],
    ['deletedAt', 'deleted_at', 'timestamptz'],
    ...ctx.entity.fields.map((f): [string, string, ColumnType | null] => [f.id, f.id, columnOf(f)]),
  ];
}

/** A name as a quoted SQL identifier, a text as a quoted SQL literal (standard strings). */
const identifier = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The same as `jsonValue`, as SQL text (the formats are constants, the column a quoted name). */
function jsonValueText(type: ColumnType | 'timestamptz' | 'text', ref: string): string {
  if (type === 'timestamptz')
    return `to_jsonb(to_char(${ref} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
  if (type === 'date') return `to_jsonb(to_char(${ref}, 'YYYY-MM-DD'))`;
  return `to_jsonb(${ref})`;
}

/** Snapshots per entity (definitions are immutable and cached) and row source: built once. */
const snapshots = new WeakMap<EntityContext['entity'], Map<string, RawBuilder<unknown>>>();

/**
 * The audited keys of a row as one jsonb object; `source` names the row source of the columns
 * (e.g. `w` for a CTE `w`), or is empty for bare columns inside the table's own query. It holds
 * no parameter, so it is SQL text built once per entity and source rather than on every write.
 */
export function snapshotSql(ctx: EntityContext, source = ''): RawBuilder<unknown> {
  let bySource = snapshots.get(ctx.entity);
  if (!bySource) {
    bySource = new Map();
    snapshots.set(ctx.entity, bySource);
  }
  const cached = bySource.get(source);
  if (cached) return cached;
  const prefix = source ? `${identifier(source)}.` : '';
  const pairs = auditedColumns(ctx).map(([key, name, type]) =>
    type === null
      ? `${literal(key)}::text, null::jsonb`
      : `${literal(key)}::text, ${jsonValueText(type, prefix + identifier(name))}`,
  );
  const calls: string[] = [];
  for (let i = 0; i < pairs.length; i += PAIRS_PER_CALL)
    calls.push(`jsonb_build_object(${pairs.slice(i, i + PAIRS_PER_CALL).join(', ')})`);
  const snapshot = sql.raw(`(${calls.join(' || ')})`);
  bySource.set(source, snapshot);
  return snapshot;
}

/**
 * The audit `changes` between two snapshots: `{ key: { from, to } }` for each key whose value
 * differs (`before` null = a new record: every non-null value, from null).
 */
export function changesSql(before: RawBuilder<unknown> | null, after: RawBuilder<unknown>) {
  const old = before ?? sql`'{}'::jsonb`;
  return sql`(select coalesce(jsonb_object_agg(n.key,
      jsonb_build_object('from', coalesce(b.value, 'null'::jsonb), 'to', n.value)), '{}'::jsonb)
    from jsonb_each(${after}) n left join jsonb_each(${old}) b on b.key = n.key
    where n.value is distinct from coalesce(b.value, 'null'::jsonb))`;
}

/**
 * `changesSql(null, snapshotSql(ctx, column))` for a new row, the same object computed cheaper:
 * the non-null keys' `{"from":null,"to":…}` pieces joined as JSON text and parsed once (no jsonb
 * per key, no `jsonb_each`). An import's commit computes it for a million rows.
 */
export function createdChangesSql(ctx: EntityContext, column: (name: string) => RawBuilder<unknown>) {
  const pieces = auditedColumns(ctx).flatMap(([key, name, type]) => {
    if (type === null) return [];
    const ref = column(name);
    const head = `${JSON.stringify(key)}:{"from":null,"to":`;
    return [sql`case when ${ref} is null then null else ${head}::text || ${jsonText(type, ref)} || '}' end`];
  });
  // concat_ws skips NULLs; it takes at most 100 arguments, so long lists are joined in groups
  const groups: RawBuilder<unknown>[] = [];
  for (let i = 0; i < pieces.length; i += PAIRS_PER_CALL)
    groups.push(sql`nullif(concat_ws(',', ${sql.join(pieces.slice(i, i + PAIRS_PER_CALL))}), '')`);
  const all = groups.length === 1 ? groups[0] : sql`concat_ws(',', ${sql.join(groups)})`;
  return sql`('{' || coalesce(${all}, '') || '}')::jsonb`;
}
