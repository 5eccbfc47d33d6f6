import type { Migration } from './migration.js';
import { runStatements } from './statements.js';

/**
 * Which records hold a file in a field value (attachment, image, or inside a subtable row). A write
 * that references a file adds a row here in the write's transaction; reading the file is then
 * allowed to anyone who can read one of its records. Rows are never removed when a later write
 * drops the file, because the record's audit trail still shows it.
 */
export const migration: Migration = {
  up: (db) =>
    runStatements(db, [
      `create table attachment_links (
        attachment_id text not null references attachments(id),
        app_no integer not null references apps(no),
        entity_id text not null,
        record_id text not null,
        linked_at timestamptz not null default now(),
        primary key (attachment_id, app_no, entity_id, record_id)
      )`,
      'create index attachment_links_record_idx on attachment_links (app_no, entity_id, record_id)',
    ]),
};
