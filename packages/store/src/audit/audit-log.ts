import type { AuditEntry } from '../contract.js';
import type { Db } from '../db.js';

/** One audit row to append; the time is the database's `now()` of the writing transaction. */
export interface AuditAppend {
  workspaceId: string;
  appNo: number;
  entityId: string;
  recordId: string;
  action: AuditEntry['action'];
  actorId: string | null;
  definitionVersion: number;
  changes: AuditEntry['changes'];
}

/**
 * Appends to the audit trail. The trail is append-only: this module offers no update or delete,
 * and a trigger makes the database refuse them too. Call it in the transaction of the write.
 */
export async function appendAudit(db: Db, entry: AuditAppend): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      workspace_id: entry.workspaceId,
      app_no: entry.appNo,
      entity_id: entry.entityId,
      record_id: entry.recordId,
      action: entry.action,
      actor_id: entry.actorId,
      definition_version: entry.definitionVersion,
      changes: JSON.stringify(entry.changes),
    })
    .execute();
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
