import type { Migration } from './migration.js';
import { runStatements } from './statements.js';

/** Tenants, the org tree (materialised path), users, sessions and API tokens. */
export const migration: Migration = {
  up: (db) =>
    runStatements(db, [
      `create table workspaces (
        id text primary key,
        name text not null,
        time_zone text not null default 'Asia/Shanghai',
        created_at timestamptz not null default now()
      )`,
      `create table org_units (
        workspace_id text not null references workspaces(id),
        id text not null,
        parent_id text,
        name text not null,
        path text not null,
        level integer not null,
        created_at timestamptz not null default now(),
        primary key (workspace_id, id),
        foreign key (workspace_id, parent_id) references org_units(workspace_id, id)
      )`,
      'create index org_units_path_idx on org_units (workspace_id, path text_pattern_ops)',
      `create table users (
        id text primary key,
        workspace_id text not null references workspaces(id),
        email text not null,
        name text not null,
        password_hash text not null,
        roles jsonb not null default '[]',
        org_unit_id text,
        manager_id text references users(id),
        locale text not null default 'zh-CN',
        disabled boolean not null default false,
        created_at timestamptz not null default now(),
        foreign key (workspace_id, org_unit_id) references org_units(workspace_id, id)
      )`,
      'create unique index users_email_idx on users (lower(email))',
      'create index users_workspace_idx on users (workspace_id)',
      `create table sessions (
        token_hash text primary key,
        user_id text not null references users(id) on delete cascade,
        expires_at timestamptz not null,
        created_at timestamptz not null default now()
      )`,
      'create index sessions_user_idx on sessions (user_id)',
      `create table api_tokens (
        id text primary key,
        user_id text not null references users(id) on delete cascade,
        name text not null,
        token_hash text not null unique,
        created_at timestamptz not null default now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`,
    ]),
};
