import type { Migration } from './migration.js';
import { runStatements } from './statements.js';

/**
 * Import jobs: one row per uploaded file being imported (docs/import-jobs.md). The file itself is
 * in blob storage under `file_key`; a runner claims a queued job (or one whose lease ran out: the
 * process died) and reads it from the start. `state` moves queued → running → done | failed |
 * cancelled; `done` is set in the same transaction as the records, so a job commits once.
 */
export const migration: Migration = {
  up: (db) =>
    runStatements(db, [
      `create table import_jobs (
        id text primary key,
        workspace_id text not null,
        user_id text not null,
        actor jsonb not null,
        app_id text not null,
        entity_id text not null,
        file_name text not null,
        file_key text,
        file_type text not null,
        mode text not null,
        dry_run boolean not null,
        encoding text,
        locale text not null,
        state text not null,
        phase text,
        bytes_total bigint not null default 0,
        bytes_read bigint not null default 0,
        rows_read integer not null default 0,
        rows_written integer not null default 0,
        rows_per_second double precision,
        eta_seconds double precision,
        report jsonb,
        issues jsonb,
        error jsonb,
        worker_id text,
        lease_until timestamptz,
        attempts integer not null default 0,
        created_at timestamptz not null,
        started_at timestamptz,
        finished_at timestamptz
      )`,
      "create index import_jobs_open_idx on import_jobs (created_at) where state in ('queued', 'running')",
      'create index import_jobs_user_idx on import_jobs (workspace_id, user_id, created_at)',
    ]),
};
