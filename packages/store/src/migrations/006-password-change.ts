import type { Migration } from './migration.js';
import { runStatements } from './statements.js';

/**
 * A one-time password (an admin's reset, a new user's first password, the first start's generated
 * admin password) must be changed at the next sign-in: until then the user's sessions may only
 * change the password, read `me` and sign out (apps/server enforces it).
 */
export const migration: Migration = {
  up: (db) =>
    runStatements(db, [`alter table users add column must_change_password boolean not null default false`]),
};
