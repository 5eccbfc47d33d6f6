import type { Migration } from './migration.js';
import { runStatements } from './statements.js';

/**
 * Stage history: one append-only row per transition (from, to, who, server time, time spent in the
 * previous stage, the definition version it ran under). Written in the same transaction as the
 * record's stage change, so neither exists without the other.
 */
export const migration: Migration = {
  up: (db) =>
    runStatements(db, [
      `create table stage_history (
        id bigserial primary key,
        workspace_id text not null,
        app_no integer not null references apps(no),
        entity_id text not null,
        record_id text not null,
        transition_id text not null,
        from_stage text,
        to_stage text not null,
        actor_id text,
        at timestamptz not null,
        dwell_ms bigint,
        definition_version integer not null,
        fields jsonb not null default '{}'
      )`,
      'create index stage_history_record_idx on stage_history (app_no, entity_id, record_id, id)',
      `create trigger stage_history_append_only before update or delete on stage_history
        for each row execute function forbid_change()`,
    ]),
};
