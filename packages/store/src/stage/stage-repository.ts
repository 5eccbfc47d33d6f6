/**
 * Applies a transition the engine allowed, in one transaction: the record's stage, entry time and
 * transition fields with `version + 1` only if the version is still the one read (else
 * VERSION_CONFLICT), one stage-history row, the evidence links, and an audit row. Either all of it
 * is written or none. Also reads a record's stage history (transition field values the reader may
 * not read left out, as in the audit trail).
 *
 * Record scope is not re-checked here: callers read the record through the record repository
 * (which applies scope) before running the step and calling `apply`.
 */
import type { Entity, Issue } from '@stagecraft/schema';
import { issue } from '@stagecraft/schema';
import { type Kysely, sql } from 'kysely';
import { linkRecordFiles } from '../attachments/record-files.js';
import { readableAuditKeys } from '../audit/audit-access.js';
import type { Actor, Result } from '../contract.js';
import { entityTableName } from '../ddl/names.js';
import { loadEntityContext } from '../record/entity-context.js';
import { changeColumns, type StageHistoryEntry, toHistoryEntry } from './stage-rows.js';

/** What the step produced, plus what the store needs to write it. */
export interface ApplyTransitionInput {
  app: string;
  entity: Entity;
  recordId: string;
  /** The version the step ran against; another write since then makes this a VERSION_CONFLICT. */
  expectedVersion: number;
  /** The step's `changes`: stage, stageEnteredAt and the transition's field values. */
  changes: Record<string, unknown>;
  /** The step's history entry (server time and dwell already computed). */
  history: {
    from: string | null;
    to: string;
    transitionId: string;
    actor: string;
    at: string;
    dwellMs: number | null;
  };
  /** Attachment ids per evidence requirement, linked to the history row. */
  evidence: Record<string, string[]>;
  /** The published definition version the step ran under. */
  definitionVersion: number;
}

export interface StageRepository {
  apply(
    actor: Actor,
    input: ApplyTransitionInput,
  ): Promise<Result<{ version: number; history: StageHistoryEntry }>>;
  /** The record's stage history, oldest first. */
  history(
    actor: Actor,
    app: string,
    entityId: string,
    recordId: string,
  ): Promise<Result<StageHistoryEntry[]>>;
}

/** Aborts the transaction with issues instead of an exception escaping to the caller. */
class Refusal extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map((i) => i.code).join(', '));
  }
}

// biome-ignore lint/suspicious/noExplicitAny: entity tables are created at run time
type Db = Kysely<any>;

async function appNoOf(db: Db, actor: Actor, app: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('apps')
    .select('no')
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', app)
    .executeTakeFirst();
  return row ? Number(row.no) : undefined;
}

async function tableOf(db: Db, appNo: number, entityId: string): Promise<string> {
  const row = await db
    .selectFrom('entity_tables')
    .select('table_name')
    .where('app_no', '=', appNo)
    .where('entity_id', '=', entityId)
    .executeTakeFirst();
  return row ? String(row.table_name) : entityTableName(appNo, entityId);
}

/** Builds the repository over the store's database. */
export function createStageRepository(db: Db): StageRepository {
  return {
    async apply(actor, input) {
      const appNo = await appNoOf(db, actor, input.app);
      if (appNo === undefined) return { ok: false, issues: [issue('APP_NOT_FOUND', '')] };
      const table = await tableOf(db, appNo, input.entity.id);
      const columns = changeColumns(input.entity, input.changes);
      try {
        const value = await db.transaction().execute(async (trx) => {
          const before = await trx
            .selectFrom(table)
            .select([
              'version',
              'stage',
              'stage_entered_at',
              ...Object.keys(columns).filter((c) => c !== 'stage' && c !== 'stage_entered_at'),
            ])
            .where('id', '=', input.recordId)
            .where('deleted_at', 'is', null)
            .forUpdate()
            .executeTakeFirst();
          if (!before) throw new Refusal([issue('RECORD_NOT_FOUND', '')]);
          if (Number(before.version) !== input.expectedVersion) {
            throw new Refusal([
              issue('VERSION_CONFLICT', '/version', undefined, {
                expected: input.expectedVersion,
                actual: Number(before.version),
              }),
            ]);
          }
          const updated = await trx
            .updateTable(table)
            .set({
              ...columns,
              version: sql`version + 1`,
              updated_at: input.history.at,
              updated_by: actor.userId,
            })
            .where('id', '=', input.recordId)
            .where('version', '=', input.expectedVersion)
            .returning('version')
            .executeTakeFirst();
          if (!updated) throw new Refusal([issue('VERSION_CONFLICT', '/version')]);

          const fields = Object.fromEntries(
            Object.entries(input.changes).filter(([k]) => k !== 'stage' && k !== 'stageEnteredAt'),
          );
          await linkRecordFiles(
            trx,
            { workspaceId: actor.workspaceId, appNo, entityId: input.entity.id, fields: input.entity.fields },
            [{ id: input.recordId, values: fields }],
          );
          const history = await trx
            .insertInto('stage_history')
            .values({
              workspace_id: actor.workspaceId,
              app_no: appNo,
              entity_id: input.entity.id,
              record_id: input.recordId,
              transition_id: input.history.transitionId,
              from_stage: input.history.from,
              to_stage: input.history.to,
              actor_id: actor.userId,
              at: input.history.at,
              dwell_ms: input.history.dwellMs,
              definition_version: input.definitionVersion,
              fields: JSON.stringify(fields),
            })
            .returningAll()
            .executeTakeFirstOrThrow();

          for (const [requirement, ids] of Object.entries(input.evidence)) {
            if (ids.length === 0) continue;
            const linked = await trx
              .updateTable('attachments')
              .set({
                app_no: appNo,
                entity_id: input.entity.id,
                record_id: input.recordId,
                history_id: history.id,
                transition_id: input.history.transitionId,
                requirement_id: requirement,
                linked_at: input.history.at,
              })
              .where('workspace_id', '=', actor.workspaceId)
              .where('id', 'in', ids)
              .where('history_id', 'is', null)
              .where((eb) =>
                eb.or([
                  eb('record_id', 'is', null),
                  eb.and([
                    eb('app_no', '=', appNo),
                    eb('entity_id', '=', input.entity.id),
                    eb('record_id', '=', input.recordId),
                  ]),
                ]),
              )
              .returning('id')
              .execute();
            if (linked.length !== new Set(ids).size) {
              const ok = new Set(linked.map((r) => r.id));
              throw new Refusal(
                ids
                  .filter((id) => !ok.has(id))
                  .map((id) =>
                    issue('ATTACHMENT_IN_USE', `/evidence/${requirement}`, undefined, { attachment: id }),
                  ),
              );
            }
          }

          const changes: Record<string, { from: unknown; to: unknown }> = {
            stage: { from: before.stage ?? null, to: input.history.to },
            stageEnteredAt: { from: before.stage_entered_at ?? null, to: input.history.at },
          };
          for (const [key, to] of Object.entries(fields)) changes[key] = { from: before[key] ?? null, to };
          await trx
            .insertInto('audit_log')
            .values({
              workspace_id: actor.workspaceId,
              app_no: appNo,
              entity_id: input.entity.id,
              record_id: input.recordId,
              action: 'transition',
              actor_id: actor.userId,
              at: input.history.at,
              definition_version: input.definitionVersion,
              changes: JSON.stringify({
                ...changes,
                transition: { from: null, to: input.history.transitionId },
              }),
            })
            .execute();
          return { version: Number(updated.version), history: toHistoryEntry(history, input.evidence) };
        });
        return { ok: true, value };
      } catch (error) {
        if (error instanceof Refusal) return { ok: false, issues: error.issues };
        throw error;
      }
    },

    async history(actor, app, entityId, recordId) {
      const appNo = await appNoOf(db, actor, app);
      if (appNo === undefined) return { ok: false, issues: [issue('APP_NOT_FOUND', '')] };
      const rows = await db
        .selectFrom('stage_history')
        .selectAll()
        .where('workspace_id', '=', actor.workspaceId)
        .where('app_no', '=', appNo)
        .where('entity_id', '=', entityId)
        .where('record_id', '=', recordId)
        .orderBy('id')
        .execute();
      const ids = rows.map((r) => r.id);
      const links =
        ids.length === 0
          ? []
          : await db
              .selectFrom('attachments')
              .select(['id', 'history_id', 'requirement_id'])
              .where('history_id', 'in', ids)
              .orderBy('id')
              .execute();
      const evidenceOf = (historyId: unknown) => {
        const out: Record<string, string[]> = {};
        for (const l of links) {
          if (String(l.history_id) !== String(historyId)) continue;
          const list = out[l.requirement_id] ?? [];
          list.push(l.id);
          out[l.requirement_id] = list;
        }
        return out;
      };
      // The transition's field values follow the audit trail's rule: only fields the actor may read.
      const loaded = await loadEntityContext(db, actor, app, entityId);
      if (!loaded.ok) return loaded;
      const fieldsOf = (r: (typeof rows)[number]) => (r.fields ?? {}) as Record<string, unknown>;
      const readable = await readableAuditKeys(
        db,
        loaded.value,
        actor,
        rows.flatMap((r) => Object.keys(fieldsOf(r))),
      );
      return {
        ok: true,
        value: rows.map((r) => ({
          ...toHistoryEntry(r, evidenceOf(r.id)),
          fields: Object.fromEntries(Object.entries(fieldsOf(r)).filter(([key]) => readable.has(key))),
        })),
      };
    },
  };
}
