import type { Field } from '@stagecraft/schema';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db.js';
import { type ColumnType, columnType } from './column-types.js';

/** Which entity table and field an archive operation is about. */
export interface ArchiveTarget {
  appNo: number;
  entityId: string;
  table: string;
  field: Field;
}

/**
 * Copies every non-null value of a field into `field_archive` (one batch, `archiveId`), as jsonb
 * with the field's definition and the definition version that removed it. The caller drops the
 * column afterwards, in the same transaction.
 * @returns how many values were archived.
 */
export async function archiveColumn(
  db: Db,
  target: ArchiveTarget,
  archiveId: string,
  definitionVersion: number,
): Promise<number> {
  const col = sql.id(target.field.id);
  const result = await sql`
    insert into field_archive (archive_id, app_no, entity_id, table_name, field_id, field_type, field_definition, record_id, value, definition_version)
    select ${archiveId}, ${target.appNo}, ${target.entityId}, ${target.table}, ${target.field.id}, ${target.field.type},
           ${JSON.stringify(target.field)}::jsonb, id, to_jsonb(${col}), ${definitionVersion}
    from ${sql.id(target.table)} where ${col} is not null`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/** The expression turning an archived jsonb value back into a column of `to`, or null if it cannot. */
export function restoreExpression(
  archived: ColumnType,
  to: ColumnType,
  value: RawBuilder<unknown>,
): RawBuilder<unknown> | null {
  if (to === 'jsonb') return archived === 'jsonb' ? value : null;
  if (to === 'text') return archived === 'jsonb' ? sql`${value}::text` : sql`(${value} #>> '{}')`;
  if (archived !== to) return null;
  return sql`(${value} #>> '{}')::${sql.raw(to)}`;
}

/** One batch of archived values, as listed to admins. */
export interface ArchiveBatch {
  archiveId: string;
  field: string;
  fieldDefinition: Field;
  archivedAt: string;
  values: number;
  restoredAt: string | null;
}

/** The archive batches of one entity, newest first. */
export async function archiveBatches(
  db: Db,
  appNo: number,
  entityId: string,
  fieldId?: string,
): Promise<ArchiveBatch[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select archive_id, field_id, min(field_definition::text) as definition, min(archived_at) as archived_at,
           count(*)::int as n, max(restored_at) as restored_at
    from field_archive
    where app_no = ${appNo} and entity_id = ${entityId} ${fieldId === undefined ? sql`` : sql`and field_id = ${fieldId}`}
    group by archive_id, field_id
    order by min(id) desc`.execute(db);
  return rows.map((r) => ({
    archiveId: r.archive_id as string,
    field: r.field_id as string,
    fieldDefinition: JSON.parse(r.definition as string) as Field,
    archivedAt: r.archived_at as string,
    values: Number(r.n),
    restoredAt: (r.restored_at as string | null) ?? null,
  }));
}

/** Who restores, for the audit rows a restore writes. */
export interface RestoreAudit {
  workspaceId: string;
  appNo: number;
  entityId: string;
  actorId: string | null;
  definitionVersion: number;
}

/**
 * Puts a batch's values back into the field's (re-added) column, for records that still exist and
 * whose value is empty (a value written since is never overwritten), bumping each record's version
 * and appending a `restore` audit row per record, and marks the batch restored. The archive rows
 * stay: restoring twice is harmless.
 * @returns the number of values restored, or null when the column's type cannot take them.
 */
export async function restoreBatch(
  db: Db,
  table: string,
  field: Field,
  batch: ArchiveBatch,
  audit: RestoreAudit,
): Promise<number | null> {
  const expression = restoreExpression(columnType(batch.fieldDefinition), columnType(field), sql`a.value`);
  if (!expression) return null;
  const col = sql.id(field.id);
  const result = await sql`
    with restored as (
      update ${sql.id(table)} as t set ${col} = ${expression}, version = t.version + 1, updated_at = now(), updated_by = ${audit.actorId}
      from field_archive a
      where a.archive_id = ${batch.archiveId} and a.record_id = t.id and t.${col} is null
      returning t.id, to_jsonb(t.${col}) as v
    )
    insert into audit_log (workspace_id, app_no, entity_id, record_id, action, actor_id, definition_version, changes)
    select ${audit.workspaceId}, ${audit.appNo}, ${audit.entityId}, id, 'restore', ${audit.actorId}, ${audit.definitionVersion},
           jsonb_build_object(${field.id}::text, jsonb_build_object('from', null, 'to', v))
    from restored`.execute(db);
  await sql`update field_archive set restored_at = now() where archive_id = ${batch.archiveId} and restored_at is null`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0n);
}
