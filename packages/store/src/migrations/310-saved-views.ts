import type { Migration } from './migration.js';
import { runStatements } from './statements.js';

/**
 * Saved views of a list kept on the server (they lived in one browser's localStorage): a name, the
 * list state (filter, sort, search) as JSON, its owner, and whether everyone who may read the
 * view's entity sees it too (`shared`). A name is unique per owner and view.
 */
export const migration: Migration = {
  up: (db) =>
    runStatements(db, [
      `create table saved_views (
        id text primary key,
        workspace_id text not null,
        app_id text not null,
        view_id text not null,
        owner_id text not null,
        name text not null,
        shared boolean not null default false,
        state jsonb not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        unique (workspace_id, app_id, view_id, owner_id, name)
      )`,
      'create index saved_views_view_idx on saved_views (workspace_id, app_id, view_id)',
    ]),
};
