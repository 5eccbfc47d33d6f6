import type { Migration } from './migration.js';
import { runStatements } from './statements.js';

/**
 * API tokens get a scope (read-only, read-write, or one app) and an optional expiry. Tokens made
 * before keep what they could do: read-write, no expiry.
 */
export const migration: Migration = {
  up: (db) =>
    runStatements(db, [
      "alter table api_tokens add column scope text not null default 'read-write'",
      'alter table api_tokens add column app_id text',
      'alter table api_tokens add column expires_at timestamptz',
      'create index api_tokens_user_idx on api_tokens (user_id)',
    ]),
};
