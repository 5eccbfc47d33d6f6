import type { Migration } from './migration.js';
import { runStatements } from './statements.js';

/**
 * The transaction of each audit row (`tx`, the writer's `pg_current_xact_id()`), so the outbox
 * reader hands out a row only once its transaction and every older one have finished: a row can
 * then never appear behind the reader's cursor, however late a transaction commits (the id window
 * of migration 201's reader could not promise that). Rows written before this migration committed
 * before it (the ALTER waits for them) and get `0`: a constant default, so the table is not
 * rewritten. The cursor moves from an audit id to `{ tx, id }`, starting in those old rows 200 ids
 * behind the old cursor (the window the old reader still re-read; job keys make a repeat harmless).
 */
export const migration: Migration = {
  up: (db) =>
    runStatements(db, [
      `alter table audit_log add column tx xid8 not null default '0'`,
      'alter table audit_log alter column tx set default pg_current_xact_id()',
      'create index audit_log_outbox_idx on audit_log (tx, id)',
      `update automation_cursors
        set value = jsonb_build_object('tx', '0', 'id', greatest(0, (value #>> '{}')::bigint - 200))
        where workspace_id = '*' and key = 'outbox:audit' and jsonb_typeof(value) = 'number'`,
    ]),
};
