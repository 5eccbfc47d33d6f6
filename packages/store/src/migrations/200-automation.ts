import type { Migration } from './migration.js';
import { runStatements } from './statements.js';

/**
 * Automations, approvals and the inbox. `jobs` is the durable queue (claimed with FOR UPDATE SKIP
 * LOCKED, leased, retried with backoff, dead after max attempts; `key` is the idempotency key, so one
 * action runs once per event × automation × action). `automation_runs` is the run log (one row per
 * firing, unique key). Notifications are deduplicated per job and user; approval decisions are
 * append-only history.
 */
export const migration: Migration = {
  up: (db) =>
    runStatements(db, [
      `create table jobs (
        id bigserial primary key,
        workspace_id text not null,
        kind text not null,
        key text not null unique,
        payload jsonb not null default '{}',
        status text not null default 'pending' check (status in ('pending', 'running', 'done', 'dead')),
        attempts integer not null default 0,
        max_attempts integer not null default 5,
        run_at timestamptz not null,
        locked_by text,
        locked_until timestamptz,
        last_error text,
        created_at timestamptz not null,
        finished_at timestamptz
      )`,
      `create index jobs_due_idx on jobs (run_at) where status in ('pending', 'running')`,
      'create index jobs_workspace_status_idx on jobs (workspace_id, status, id)',
      `create table automation_runs (
        id bigserial primary key,
        workspace_id text not null,
        app_id text not null,
        automation_id text not null,
        entity_id text not null,
        record_id text,
        trigger text not null,
        key text not null unique,
        condition boolean,
        jobs jsonb not null default '[]',
        error text,
        at timestamptz not null
      )`,
      'create index automation_runs_workspace_idx on automation_runs (workspace_id, id desc)',
      `create table automation_cursors (
        workspace_id text not null,
        key text not null,
        value jsonb not null,
        updated_at timestamptz not null,
        primary key (workspace_id, key)
      )`,
      `create table notifications (
        id bigserial primary key,
        workspace_id text not null,
        user_id text not null,
        key text not null unique,
        kind text not null,
        app_id text,
        entity_id text,
        record_id text,
        title jsonb not null,
        message jsonb,
        created_at timestamptz not null,
        read_at timestamptz
      )`,
      'create index notifications_user_idx on notifications (workspace_id, user_id, id desc)',
      `create table automation_tasks (
        id bigserial primary key,
        workspace_id text not null,
        key text not null unique,
        app_id text not null,
        entity_id text not null,
        record_id text,
        assignee text,
        title text,
        due_at timestamptz,
        created_at timestamptz not null
      )`,
      'create index automation_tasks_assignee_idx on automation_tasks (workspace_id, assignee, due_at)',
      `create table webhook_deliveries (
        id bigserial primary key,
        workspace_id text not null,
        job_key text not null,
        url text not null,
        attempt integer not null,
        status integer,
        error text,
        duration_ms integer not null,
        at timestamptz not null
      )`,
      'create index webhook_deliveries_workspace_idx on webhook_deliveries (workspace_id, id desc)',
      `create table approval_instances (
        id text primary key,
        workspace_id text not null,
        app_id text not null,
        entity_id text not null,
        record_id text not null,
        approval_id text not null,
        status text not null check (status in ('pending', 'approved', 'rejected')),
        state jsonb not null,
        version integer not null default 1,
        started_by text,
        started_at timestamptz not null,
        finished_at timestamptz
      )`,
      'create index approval_instances_record_idx on approval_instances (workspace_id, app_id, entity_id, record_id)',
      `create unique index approval_instances_one_pending on approval_instances
        (workspace_id, app_id, entity_id, record_id, approval_id) where status = 'pending'`,
      `create table approval_decisions (
        id bigserial primary key,
        instance_id text not null references approval_instances(id),
        step text not null,
        branch text not null,
        user_id text not null,
        decision text not null check (decision in ('approve', 'reject')),
        comment text,
        at timestamptz not null
      )`,
      `create trigger approval_decisions_append_only before update or delete on approval_decisions
        for each row execute function forbid_change()`,
    ]),
};
