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
import { linkRecordFiles, linksFiles } from '../attachments/record-files.js';
import { readableAuditKeys } from '../audit/audit-access.js';
import { auditInsert } from '../audit/audit-log.js';
import type { Actor, RecordData, Result } from '../contract.js';
import { columnType } from '../ddl/column-types.js';
import { type EntityContext, loadEntityContext } from '../record/entity-context.js';
import { jsonValue } from '../record/record-snapshot.js';
import { toRecord } from '../record/record-values.js';
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
  /**
   * `apply` on an entity context the caller resolved: the lock, version check, update, history row
   * and audit row are one statement (evidence links follow, when there are any). Returns the moved
   * record as the actor may read it.
   */
  applyIn(
    ctx: EntityContext,
    input: Omit<ApplyTransitionInput, 'app' | 'entity' | 'definitionVersion'>,
  ): Promise<Result<{ version: number; history: StageHistoryEntry; record: RecordData }>>;
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

/** Links evidence attachments to a history row; refuses ids already used or on another record. */
async function linkEvidence(
  trx: Db,
  target: { workspaceId: string; appNo: number; entityId: string; recordId: string },
  historyId: unknown,
  transitionId: string,
  at: string,
  evidence: Record<string, string[]>,
): Promise<void> {
  for (const [requirement, ids] of Object.entries(evidence)) {
    if (ids.length === 0) continue;
    const linked = await trx
      .updateTable('attachments')
      .set({
        app_no: target.appNo,
        entity_id: target.entityId,
        record_id: target.recordId,
        history_id: historyId,
        transition_id: transitionId,
        requirement_id: requirement,
        linked_at: at,
      })
      .where('workspace_id', '=', target.workspaceId)
      .where('id', 'in', ids)
      .where('history_id', 'is', null)
      .where((eb) =>
        eb.or([
          eb('record_id', 'is', null),
          eb.and([
            eb('app_no', '=', target.appNo),
            eb('entity_id', '=', target.entityId),
            eb('record_id', '=', target.recordId),
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
          .map((id) => issue('ATTACHMENT_IN_USE', `/evidence/${requirement}`, undefined, { attachment: id })),
      );
    }
  }
}

/** Builds the repository over the store's database. */
export function createStageRepository(db: Db): StageRepository {
  const repository: StageRepository = {
    async applyIn(ctx, input) {
      const { actor, entity } = ctx;
      if (!ctx.permission.update) return { ok: false, issues: [issue('FORBIDDEN', '')] };
      const table = sql.id(ctx.table);
      const columns = changeColumns(entity, input.changes);
      const fields = Object.fromEntries(
        Object.entries(input.changes).filter(([k]) => k !== 'stage' && k !== 'stageEnteredAt'),
      );
      const before = sql`jsonb_build_object(${sql.join(
        Object.keys(fields).flatMap((key) => {
          const field = entity.fields.find((f) => f.id === key);
          return field ? [sql`${key}::text, ${jsonValue(columnType(field), sql.ref(key))}`] : [];
        }),
      )})`;
      const set = Object.entries({
        ...columns,
        version: sql`version + 1`,
        updated_at: input.history.at,
        updated_by: actor.userId,
      }).map(([k, v]) => sql`${sql.id(k)} = ${v}`);
      const changes = sql`jsonb_build_object(
          'stage', jsonb_build_object('from', o.o_stage_, 'to', ${input.history.to}::text),
          'stageEnteredAt', jsonb_build_object('from', o.o_entered_, 'to', ${input.history.at}::text),
          'transition', jsonb_build_object('from', null, 'to', ${input.history.transitionId}::text))
        || (select coalesce(jsonb_object_agg(e.key, jsonb_build_object('from',
              coalesce(o.o_fields_ -> e.key, 'null'::jsonb), 'to', e.value)), '{}'::jsonb)
            from jsonb_each(${JSON.stringify(fields)}::jsonb) e)`;
      // One statement unless evidence or files are linked: then BEGIN/COMMIT around it.
      const single =
        !Object.values(input.evidence).some((ids) => ids.length > 0) && !linksFiles(entity.fields, fields);
      const inOne = <T>(work: (trx: Db) => Promise<T>): Promise<T> =>
        single && !db.isTransaction ? work(db) : db.transaction().execute(work);
      try {
        const value = await inOne(async (trx) => {
          // Lock at the version read, move, history row, audit row: nothing is written on a refusal.
          const { rows } = await sql<Record<string, unknown>>`
            with o as (
              select id as o_id_, version as o_version_, stage as o_stage_,
                ${jsonValue('timestamptz', sql.ref('stage_entered_at'))} as o_entered_, ${before} as o_fields_
              from ${table} where id = ${input.recordId} and deleted_at is null and (${ctx.scope}) for update),
            w as (
              update ${table} set ${sql.join(set)} from o
              where ${table}.id = o.o_id_ and ${table}.version = ${input.expectedVersion}
              returning ${table}.*),
            h as (
              insert into stage_history (workspace_id, app_no, entity_id, record_id, transition_id,
                from_stage, to_stage, actor_id, at, dwell_ms, definition_version, fields)
              select ${ctx.workspaceId}::text, ${ctx.appNo}::integer, ${entity.id}::text, w.id,
                ${input.history.transitionId}::text, ${input.history.from}::text, ${input.history.to}::text,
                ${actor.userId}::text, ${input.history.at}::timestamptz, ${input.history.dwellMs}::bigint,
                ${ctx.version}::integer, ${JSON.stringify(fields)}::jsonb
              from w returning *),
            a as (${auditInsert(
              {
                workspaceId: ctx.workspaceId,
                appNo: ctx.appNo,
                entityId: entity.id,
                recordId: sql`w.id`,
                action: 'transition',
                actorId: actor.userId,
                definitionVersion: ctx.version,
                changes,
                at: input.history.at,
              },
              sql`w, o`,
            )})
            select o.o_version_, h.id as h_id_, h.transition_id as h_transition_id_,
              h.from_stage as h_from_stage_, h.to_stage as h_to_stage_, h.actor_id as h_actor_id_,
              h.at as h_at_, h.dwell_ms as h_dwell_ms_, h.definition_version as h_definition_version_,
              h.fields as h_fields_, w.*
            from o left join w on true left join h on true`.execute(trx);
          const row = rows[0];
          if (!row) throw new Refusal([issue('RECORD_NOT_FOUND', '')]);
          if (row.id === null || row.id === undefined)
            throw new Refusal([
              issue('VERSION_CONFLICT', '/version', undefined, {
                expected: input.expectedVersion,
                actual: Number(row.o_version_),
              }),
            ]);
          await linkRecordFiles(
            trx,
            { workspaceId: ctx.workspaceId, appNo: ctx.appNo, entityId: entity.id, fields: entity.fields },
            [{ id: input.recordId, values: fields }],
          );
          const target = {
            workspaceId: ctx.workspaceId,
            appNo: ctx.appNo,
            entityId: entity.id,
            recordId: input.recordId,
          };
          await linkEvidence(
            trx,
            target,
            row.h_id_,
            input.history.transitionId,
            input.history.at,
            input.evidence,
          );
          const history = Object.fromEntries(
            Object.entries(row)
              .filter(([k]) => k.startsWith('h_') && k.endsWith('_'))
              .map(([k, v]) => [k.slice(2, -1), v]),
          );
          return {
            version: Number(row.version),
            history: toHistoryEntry(history, input.evidence),
            record: toRecord(ctx, row),
          };
        });
        return { ok: true, value };
      } catch (error) {
        if (error instanceof Refusal) return { ok: false, issues: error.issues };
        throw error;
      }
    },

    async apply(actor, input) {
      const loaded = await loadEntityContext(db, actor, input.app, input.entity.id);
      if (!loaded.ok) return loaded;
      const applied = await repository.applyIn(loaded.value, input);
      return applied.ok
        ? { ok: true, value: { version: applied.value.version, history: applied.value.history } }
        : applied;
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
  return repository;
}
