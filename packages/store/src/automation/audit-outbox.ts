/**
 * Record events read from the audit trail. Every record write appends its audit row in the same
 * transaction as the write, so the audit trail is the outbox: an event cannot be lost between a
 * commit and a separate enqueue. Readers keep a cursor (the last row handled, in transaction × id
 * order) and turn rows into event jobs keyed by audit id, so two readers never enqueue one event
 * twice.
 */
import { sql } from 'kysely';
import type { Db } from '../db.js';

/** One record write as the automation runner reads it. */
export interface OutboxEntry {
  id: number;
  /** The writing transaction (`xid8` as decimal text); rows are handed out in (tx, id) order. */
  tx: string;
  workspaceId: string;
  appId: string;
  entityId: string;
  recordId: string;
  action: 'create' | 'update' | 'delete' | 'restore' | 'transition';
  actorId: string | null;
  at: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** Where a reader of the outbox stands: the last row it handed out. */
export interface OutboxCursor {
  tx: string;
  id: number;
}

/** The cursor before the first row. */
export const OUTBOX_START: OutboxCursor = { tx: '0', id: 0 };

/** The later of two cursors (two readers may move the shared one concurrently). */
export function laterCursor(a: OutboxCursor, b: OutboxCursor): OutboxCursor {
  const ta = BigInt(a.tx);
  const tb = BigInt(b.tx);
  if (ta !== tb) return ta > tb ? a : b;
  return a.id >= b.id ? a : b;
}

/**
 * Audit rows after `after` in (tx, id) order, at most `limit`, and only rows whose transaction is
 * below the horizon: the oldest transaction of this database still running (or, when none is, the
 * next transaction id). Every transaction below it has finished and none can start below it, so no
 * row can ever turn up behind a cursor that only moves over rows read here: a transaction that took
 * low audit ids and commits late (a large import while others write) is read when it commits, not
 * skipped. The price: while a write transaction stays open, rows of newer ones wait for it.
 *
 * The horizon is the statement snapshot's (pg_current_snapshot()) oldest running transaction,
 * skipping those pg_stat_activity shows running in another database of the cluster (they cannot
 * write this audit trail, and would otherwise hold it back); a transaction unknown there (it ended
 * after the snapshot, or is prepared) counts, which errs on the side of waiting.
 */
export async function readOutbox(db: Db, after: OutboxCursor, limit: number): Promise<OutboxEntry[]> {
  const rows = await sql<Record<string, unknown>>`
    with horizon as materialized (
      select coalesce(
        (select min(x) from pg_snapshot_xip(pg_current_snapshot()) x
          where not exists (
            select 1 from pg_stat_activity o
            where o.datid is distinct from (select oid from pg_database where datname = current_database())
              and o.backend_xid::text = (x::text::numeric % 4294967296)::text)),
        pg_snapshot_xmax(pg_current_snapshot())) as tx
    )
    select a.id, a.tx::text as tx, a.workspace_id, apps.id as app_id, a.entity_id, a.record_id, a.action,
      a.actor_id, a.at, a.changes
    from audit_log a join apps on apps.no = a.app_no, horizon h
    where (a.tx, a.id) > (${after.tx}::xid8, ${after.id}) and a.tx < h.tx
    order by a.tx, a.id
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({
    id: Number(r.id),
    tx: String(r.tx),
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
