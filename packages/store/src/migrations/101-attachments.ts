import type { Migration } from './migration.js';
import { runStatements } from './statements.js';

/**
 * Uploaded files (the bytes live in blob storage under `storage_key`). Once a file is linked as
 * evidence of a transition (`history_id` set) the database refuses to change or delete its row,
 * so evidence cannot be swapped or relinked afterwards.
 */
export const migration: Migration = {
  up: (db) =>
    runStatements(db, [
      `create table attachments (
        id text primary key,
        workspace_id text not null references workspaces(id),
        sha256 text not null,
        size bigint not null,
        mime text not null,
        name text not null,
        storage_key text not null,
        uploaded_by text,
        created_at timestamptz not null,
        app_no integer references apps(no),
        entity_id text,
        record_id text,
        history_id bigint references stage_history(id),
        transition_id text,
        requirement_id text,
        linked_at timestamptz
      )`,
      'create index attachments_record_idx on attachments (workspace_id, app_no, entity_id, record_id)',
      'create index attachments_history_idx on attachments (history_id)',
      `create function attachments_evidence_frozen() returns trigger language plpgsql as $$
        begin
          if old.history_id is not null then
            raise exception 'attachment % is evidence of a transition and cannot change', old.id
              using errcode = 'raise_exception';
          end if;
          if tg_op = 'DELETE' then return old; end if;
          return new;
        end
      $$`,
      `create trigger attachments_evidence_frozen before update or delete on attachments
        for each row execute function attachments_evidence_frozen()`,
    ]),
};
