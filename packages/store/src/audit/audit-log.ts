import { type RawBuilder, sql } from 'kysely';
import type { AuditEntry } from '../contract.js';
import type { Db } from '../db.js';

/**
 * One audit row to append. `at` is the instant of the write: a record write passes the row's own
 * stamp (`w.updated_at`, SQL over the row source), so the trail and the record agree on one clock
 * reading, the request's; left out, the database's `now()` applies. `recordId`, `changes` and
 * `at` may be SQL over the row source of `auditInsert` (a CTE of the write), so the row is written
 * by the same statement as the record.
 */
export interface AuditAppend {
  workspaceId: string;
  appNo: number;
  entityId: string;
  recordId: string | RawBuilder<unknown>;
  action: AuditEntry['action'];
  actorId: string | null;
  definitionVersion: number;
  changes: AuditEntry['changes'] | RawBuilder<unknown>;
  at?: string | RawBuilder<unknown> | null;
}

/**
 * The one statement that writes audit rows: `insert into audit_log … select … [from source]`,
 * used alone (`appendAudit`) or as a CTE of a record write. The trail is append-only: this module
 * offers no update or delete, and a trigger makes the database refuse them too.
 */
export function auditInsert(entry: AuditAppend, source?: RawBuilder<unknown>): RawBuilder<unknown> {
  const changes =
    entry.changes instanceof Object && 'toOperationNode' in entry.changes
      ? (entry.changes as RawBuilder<unknown>)
      : sql`${JSON.stringify(entry.changes)}::jsonb`;
  return sql`insert into audit_log
    (workspace_id, app_no, entity_id, record_id, action, actor_id, at, definition_version, changes)
    select ${entry.workspaceId}::text, ${entry.appNo}::integer, ${entry.entityId}::text,
      ${entry.recordId}::text, ${entry.action}::text, ${entry.actorId}::text,
      coalesce(${entry.at ?? null}::timestamptz, now()), ${entry.definitionVersion}::integer, ${changes}
    ${source ? sql`from ${source}` : sql``}`;
}

/** Appends one audit row on its own; call it in the transaction of the write. */
export async function appendAudit(db: Db, entry: AuditAppend): Promise<void> {
  await auditInsert(entry).execute(db);
}

/**
 * A record's audit trail, oldest first, with only the changes whose key `readable` admits; the
 * keys are decided once for the whole trail (see `readableAuditKeys`).
 */
export async function readAudit(
  db: Db,
  appNo: number,
  entityId: string,
  recordId: string,
  readable: (keys: string[]) => Promise<ReadonlySet<string>>,
): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('app_no', '=', appNo)
    .where('entity_id', '=', entityId)
    .where('record_id', '=', recordId)
    .orderBy('id')
    .execute();
  const changesOf = (r: (typeof rows)[number]) => r.changes as AuditEntry['changes'];
  const shown = await readable(rows.flatMap((r) => Object.keys(changesOf(r))));
  return rows.map((r) => ({
    id: String(r.id),
    entity: r.entity_id,
    recordId: r.record_id,
    action: r.action,
    actor: r.actor_id ?? null,
    at: r.at,
    definitionVersion: Number(r.definition_version),
    changes: Object.fromEntries(Object.entries(changesOf(r)).filter(([key]) => shown.has(key))),
  }));
}
