import type { Migration } from './migration.js';
import { runStatements } from './statements.js';

/**
 * Sign-in protection shared by every server process: the failed sign-ins of the last window (per IP
 * and account, for the IP limit and spraying detection) and one lock row per account and per IP
 * (consecutive failures, locked until). Accounts are keyed by a hash of the lower-cased email, so
 * the table never holds typed emails of accounts that do not exist.
 */
export const migration: Migration = {
  up: (db) =>
    runStatements(db, [
      `create table sign_in_failures (
        id bigint generated always as identity primary key,
        ip text not null,
        account text not null,
        failed_at timestamptz not null
      )`,
      'create index sign_in_failures_ip_idx on sign_in_failures (ip, failed_at)',
      'create index sign_in_failures_at_idx on sign_in_failures (failed_at)',
      `create table sign_in_locks (
        scope text not null check (scope in ('account', 'ip')),
        key text not null,
        failures integer not null default 0,
        locked_until timestamptz,
        updated_at timestamptz not null,
        primary key (scope, key)
      )`,
      'create index sign_in_locks_updated_idx on sign_in_locks (updated_at)',
    ]),
};
