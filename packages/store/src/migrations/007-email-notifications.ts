import type { Migration } from './migration.js';
import { runStatements } from './statements.js';

/**
 * Each user's choice whether notifications also reach them by email (when the server has SMTP):
 * on by default, so an automation's reminder arrives without anyone opting in first.
 */
export const migration: Migration = {
  up: (db) =>
    runStatements(db, [`alter table users add column email_notifications boolean not null default true`]),
};
