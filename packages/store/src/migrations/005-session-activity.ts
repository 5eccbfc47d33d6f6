import type { Migration } from './migration.js';
import { runStatements } from './statements.js';

/**
 * Sessions get a public id (to list and end them without exposing the token hash), the time they
 * were last used (idle timeout) and where they were opened from (IP, user agent).
 */
export const migration: Migration = {
  up: (db) =>
    runStatements(db, [
      'alter table sessions add column id text',
      'update sessions set id = gen_random_uuid()::text',
      'alter table sessions alter column id set not null',
      'create unique index sessions_id_idx on sessions (id)',
      'alter table sessions add column last_seen_at timestamptz',
      'update sessions set last_seen_at = created_at',
      'alter table sessions alter column last_seen_at set not null',
      'alter table sessions add column ip text',
      'alter table sessions add column user_agent text',
      'create index sessions_expires_idx on sessions (expires_at)',
    ]),
};
