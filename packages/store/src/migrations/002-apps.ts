import type { Migration } from './migration.js';
import { runStatements } from './statements.js';

/**
 * Apps (their serial `no` names the entity tables), drafts with a revision for conflict checks,
 * immutable numbered versions, and the entity tables as they currently stand.
 */
export const migration: Migration = {
  up: (db) =>
    runStatements(db, [
      `create table apps (
        no serial primary key,
        workspace_id text not null references workspaces(id),
        id text not null,
        label jsonb not null,
        published_version integer,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (workspace_id, id)
      )`,
      `create table app_drafts (
        app_no integer primary key references apps(no),
        revision integer not null,
        definition jsonb not null,
        updated_at timestamptz not null default now(),
        updated_by text
      )`,
      `create table app_versions (
        app_no integer not null references apps(no),
        version integer not null,
        definition jsonb not null,
        published_at timestamptz not null default now(),
        published_by text,
        note text,
        primary key (app_no, version)
      )`,
      // Published versions are history: the database itself refuses to rewrite or remove them.
      `create function forbid_change() returns trigger language plpgsql as $$
        begin
          raise exception '% is append-only', tg_table_name using errcode = 'raise_exception';
        end
      $$`,
      `create trigger app_versions_immutable before update or delete on app_versions
        for each row execute function forbid_change()`,
      `create table entity_tables (
        app_no integer not null references apps(no),
        entity_id text not null,
        table_name text not null unique,
        definition jsonb not null,
        indexes jsonb not null default '[]',
        definition_version integer not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (app_no, entity_id)
      )`,
    ]),
};
