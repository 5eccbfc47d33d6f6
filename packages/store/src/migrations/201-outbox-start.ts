import type { Migration } from './migration.js';
import { runStatements } from './statements.js';

/**
 * Where the automation runner starts reading record events from the audit trail: after the rows
 * that exist when automations arrive, so a database that already holds history does not replay it
 * as new events. A fresh database starts at 0.
 */
export const migration: Migration = {
  up: (db) =>
    runStatements(db, [
      `insert into automation_cursors (workspace_id, key, value, updated_at)
        select '*', 'outbox:audit', to_jsonb(coalesce(max(id), 0)), now() from audit_log
        on conflict (workspace_id, key) do nothing`,
    ]),
};
