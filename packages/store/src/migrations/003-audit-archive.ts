import type { Migration } from './migration.js';
import { runStatements } from './statements.js';

/** The append-only audit trail of record writes, and the archive of removed fields' values. */
export const migration: Migration = {
  up: (db) =>
    runStatements(db, [
      `create table audit_log (
        id bigserial primary key,
        workspace_id text not null,
        app_no integer not null references apps(no),
        entity_id text not null,
        record_id text not null,
        action text not null,
        actor_id text,
        at timestamptz not null default now(),
        definition_version integer not null,
        changes jsonb not null default '{}'
      )`,
      'create index audit_log_record_idx on audit_log (app_no, entity_id, record_id, id)',
      `create trigger audit_log_append_only before update or delete on audit_log
        for each row execute function forbid_change()`,
      `create table field_archive (
        id bigserial primary key,
        archive_id text not null,
        app_no integer not null references apps(no),
        entity_id text not null,
        table_name text not null,
        field_id text not null,
        field_type text not null,
        field_definition jsonb not null,
        record_id text not null,
        value jsonb not null,
        archived_at timestamptz not null default now(),
        definition_version integer not null,
        restored_at timestamptz
      )`,
      'create index field_archive_batch_idx on field_archive (archive_id)',
      'create index field_archive_field_idx on field_archive (app_no, entity_id, field_id)',
    ]),
};
