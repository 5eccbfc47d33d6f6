/**
 * Record events read from the audit trail. Every record write appends its audit row in the same
 * transaction as the write, so the audit trail is the outbox: an event cannot be lost between a
 * commit and a separate enqueue. Readers keep a cursor (the last audit id handled) and turn rows
 * into event jobs keyed by audit id, so two readers never enqueue one event twice.
 */
import { sql } from 'kysely';
import type { Db } from '../db.js';

/** One record write as the automation runner reads it. */
export interface OutboxEntry {
  id: number;
  workspaceId: string;
  appId: string;
  entityId: string;
  recordId: string;
  action: 'create' | 'update' | 'delete' | 'restore' | 'transition';
  actorId: string | null;
  at: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/**
 * Audit rows after `afterId`, oldest first, at most `limit`. Ids are taken at insert and rows become
 * visible at commit, so a reader re-reads a window behind its cursor (keys make that harmless).
 */
export async function readOutbox(db: Db, afterId: number, limit: number): Promise<OutboxEntry[]> {
  const rows = await sql<Record<string, unknown>>`
    select a.id, a.workspace_id, apps.id as app_id, a.entity_id, a.record_id, a.action, a.actor_id, a.at, a.changes
    from audit_log a join apps on apps.no = a.app_no
    where a.id > ${afterId}
    order by a.id
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({
    id: Number(r.id),
    workspaceId: String(r.workspace_id),
    appId: String(r.app_id),
    entityId: String(r.entity_id),
    recordId: String(r.record_id),
    action: r.action as OutboxEntry['action'],
    actorId: (r.actor_id as string | null) ?? null,
    at: String(r.at),
    changes: (r.changes ?? {}) as OutboxEntry['changes'],
  }));
}
