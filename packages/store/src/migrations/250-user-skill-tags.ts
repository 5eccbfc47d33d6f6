import type { Migration } from './migration.js';
import { runStatements } from './statements.js';

/**
 * Skill tags of users (e.g. an industry a rep knows): the `assign` action's pool and rules filter
 * on them (`skillTags`). A jsonb array of strings, empty by default.
 */
export const migration: Migration = {
  up: (db) => runStatements(db, [`alter table users add column skill_tags jsonb not null default '[]'`]),
};
