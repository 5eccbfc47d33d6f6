/**
 * Bulk import of historic records: many rows per statement, with the system fields the rows
 * carry (owner, org unit, stage, creation and stage-entry times), for data migrations, template
 * demo data and benchmarks. Values go through the same per-field checks as a single write; every
 * row gets an audit row (action `create`, written by the same statement) so the trail stays
 * complete. Rows travel as one JSON parameter per chunk, expanded by `jsonb_to_recordset`. Only an admin may import, and only into a published entity.
 */
import { type Field, issue } from '@stagecraft/schema';
import { type Kysely, sql } from 'kysely';
import { linkRecordFiles } from '../attachments/record-files.js';
import type { Actor, Issue, Result } from '../contract.js';
import { columnType } from '../ddl/column-types.js';
import { quoteId, sequenceName } from '../ddl/names.js';
import { MESSAGES } from '../messages.js';
import { inTransaction, sqlState } from '../transaction.js';
import { type EntityContext, loadEntityContext } from './entity-context.js';
import { encodeValues } from './record-values.js';

// biome-ignore lint/suspicious/noExplicitAny: entity tables are created at run time
type Db = Kysely<any>;

/** One row to import: field values plus the system fields history needs. */
export interface ImportRow {
  /** Kept when given (so rows can reference each other); generated otherwise. */
  id?: string;
  owner: string | null;
  orgUnit: string | null;
  stage?: string | null;
  stageEnteredAt?: string | null;
  createdAt?: string;
  updatedAt?: string;
  values: Record<string, unknown>;
}

/** One historic stage move to append to the stage history. */
export interface ImportStageMove {
  recordId: string;
  transitionId: string;
  from: string | null;
  to: string;
  at: string;
  actor: string | null;
  dwellMs?: number | null;
}

/** One row a user imports: validated values and, for an admin, the owner it goes to. */
export interface CreateManyRow {
  values: Record<string, unknown>;
  /** Only an admin may name another owner (with that owner's org unit); default: the importer. */
  owner?: string | null;
  orgUnit?: string | null;
  /** The initial stage of the entity's machine, when it has one. */
  stage?: string | null;
  stageEnteredAt?: string | null;
}

export interface RecordImporter {
  /**
   * A user's import (CSV, Excel): creates the rows in one transaction (all or nothing) with the
   * same rights as one create: `create` permission on the entity, field write access, owner the
   * importer (an admin may name owners). Unlike `insertMany` the audit rows carry the values, so
   * the rows are events (automations on create run for them). Values must be validated by the
   * caller (engine) first.
   */
  createMany(
    actor: Actor,
    appId: string,
    entityId: string,
    rows: readonly CreateManyRow[],
    options?: { at?: string },
  ): Promise<Result<{ inserted: number; ids: string[] }>>;
  /** Inserts the rows in one transaction (all or nothing); issues name the row: `/rows/12/amount`. */
  insertMany(
    actor: Actor,
    appId: string,
    entityId: string,
    rows: readonly ImportRow[],
  ): Promise<Result<{ inserted: number }>>;
  /** Appends historic stage moves of records of the entity (all or nothing). */
  appendStageHistory(
    actor: Actor,
    appId: string,
    entityId: string,
    moves: readonly ImportStageMove[],
  ): Promise<Result<{ inserted: number }>>;
}

/** Rows per INSERT statement; the rows travel as one JSON parameter, so this bounds memory only. */
const ROWS_PER_STATEMENT = 5_000;
const ISO = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));

async function adminContext(
  db: Db,
  actor: Actor,
  appId: string,
  entityId: string,
): Promise<Result<EntityContext>> {
  if (!actor.roles.includes('admin'))
    return {
      ok: false,
      issues: [
        issue('FORBIDDEN', '', {
          en: 'Only an admin may import records.',
          'zh-CN': '只有管理员可以导入记录。',
        }),
      ],
    };
  return loadEntityContext(db, actor, appId, entityId);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The system columns an import writes, with their SQL types. */
export const SYSTEM_TYPES: Record<string, string> = {
  id: 'text',
  owner_id: 'text',
  org_unit_id: 'text',
  stage: 'text',
  stage_entered_at: 'timestamptz',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
  created_by: 'text',
  updated_by: 'text',
};

/**
 * Checks every row with the single-write rules (unknown fields, field access, value shapes) and
 * turns it into a flat JSON object keyed by column; issues carry the row index: `/rows/12/amount`.
 */
export function checkRows(
  ctx: EntityContext,
  rows: readonly ImportRow[],
  newId: () => string,
): { objects: Record<string, unknown>[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const objects: Record<string, unknown>[] = [];
  // Every row of an import carries the same few times: each distinct text is parsed once.
  const parsed = new Map<unknown, boolean>();
  const iso = (v: unknown) => {
    let ok = parsed.get(v);
    if (ok === undefined) {
      ok = ISO(v);
      if (parsed.size < 64) parsed.set(v, ok);
    }
    return ok;
  };
  rows.forEach((row, index) => {
    const system = { owner: row.owner, orgUnit: row.orgUnit, ...(row.stage ? { stage: row.stage } : {}) };
    const checked = encodeValues(ctx, { ...row.values, ...system }, 'create');
    if (!checked.ok) {
      for (const i of checked.issues) issues.push({ ...i, path: `/rows/${index}${i.path}` });
      return;
    }
    for (const key of ['createdAt', 'updatedAt', 'stageEnteredAt'] as const) {
      if (row[key] !== undefined && row[key] !== null && !iso(row[key]))
        issues.push(issue('VALIDATION_FAILED', `/rows/${index}/${key}`, MESSAGES.expectedDateTime));
    }
    const created = row.createdAt ?? null;
    objects.push({
      ...row.values,
      id: row.id ?? newId(),
      owner_id: row.owner,
      org_unit_id: row.orgUnit,
      stage: row.stage ?? null,
      stage_entered_at: row.stage ? (row.stageEnteredAt ?? created) : null,
      created_at: created,
      updated_at: row.updatedAt ?? created,
      created_by: row.owner,
      updated_by: row.owner,
    });
  });
  return { objects, issues };
}

/**
 * One set-based statement per chunk: the rows arrive as a JSON array, `jsonb_to_recordset` types
 * them by the entity's columns, missing auto-numbers are drawn from their sequences, and the audit
 * rows are inserted from the same statement's RETURNING.
 */
function insertStatement(
  ctx: EntityContext,
  actor: Actor,
  objects: Record<string, unknown>[],
  changes?: Map<string, Record<string, unknown>>,
) {
  const fields = ctx.entity.fields;
  const typed = [
    ...Object.entries(SYSTEM_TYPES),
    ...fields.map((f) => [f.id, columnType(f)] as [string, string]),
  ];
  const definition = sql.join(typed.map(([name, type]) => sql`${sql.id(name)} ${sql.raw(type)}`));
  const select = typed.map(([name]) => {
    const col = sql.ref(`x.${name}`);
    if (name === 'created_at' || name === 'updated_at') return sql`coalesce(${col}, now())`;
    if (name === 'stage_entered_at')
      return sql`case when x.stage is null then null else coalesce(${col}, x.created_at, now()) end`;
    const field = fields.find((f) => f.id === name);
    if (field?.type === 'auto_number') {
      const n = sql.ref(`n_${name}.n`);
      return sql`coalesce(${col}, ${field.prefix ?? ''} || lpad(${n}::text, greatest(${field.digits ?? 1}, length(${n}::text)), '0'))`;
    }
    return sql`${col}`;
  });
  const numbers = autoNumberJoins(ctx.table, fields);
  return sql`
    with ins as (
      insert into ${sql.id(ctx.table)} (${sql.join(typed.map(([name]) => sql.id(name)))})
      select ${sql.join(select)} from jsonb_to_recordset(${JSON.stringify(objects)}::jsonb) as x(${definition}) ${numbers}
      returning id
    )
    insert into audit_log (workspace_id, app_no, entity_id, record_id, action, actor_id, definition_version, changes)
    ${
      changes
        ? sql`select ${ctx.workspaceId}, ${ctx.appNo}, ${ctx.entity.id}, ins.id, 'create', ${actor.userId}, ${ctx.version}, c.changes
    from ins join jsonb_each(${JSON.stringify(Object.fromEntries(changes))}::jsonb) as c(id, changes) on c.id = ins.id`
        : sql`select ${ctx.workspaceId}, ${ctx.appNo}, ${ctx.entity.id}, id, 'create', ${actor.userId}, ${ctx.version}, '{"imported":{"from":null,"to":true}}'::jsonb
    from ins`
    }`;
}

/** The audit changes of a created row: every set value and the ownership and stage it starts with. */
export function createdChanges(object: Record<string, unknown>, fieldIds: readonly string[]) {
  const changes: Record<string, { from: null; to: unknown }> = {};
  const system: [string, string][] = [
    ['owner', 'owner_id'],
    ['orgUnit', 'org_unit_id'],
    ['stage', 'stage'],
  ];
  for (const [key, column] of system)
    if (object[column] !== null && object[column] !== undefined)
      changes[key] = { from: null, to: object[column] };
  for (const id of fieldIds)
    if (object[id] !== null && object[id] !== undefined) changes[id] = { from: null, to: object[id] };
  return changes;
}

/** Links the files the inserted rows hold to their records (see ../attachments/record-files.ts). */
function linkFiles(trx: Db, ctx: EntityContext, objects: readonly Record<string, unknown>[]) {
  return linkRecordFiles(
    trx,
    { workspaceId: ctx.workspaceId, appNo: ctx.appNo, entityId: ctx.entity.id, fields: ctx.entity.fields },
    objects.map((o) => ({ id: String(o.id), values: o })),
  );
}

/** A constraint the rows break as a whole (a unique key, a value out of its column's range). */
function importError(error: unknown): Result<never> {
  if (sqlState(error) === '23505') return { ok: false, issues: [issue('DUPLICATE_RECORD', '/rows')] };
  if (sqlState(error)?.startsWith('22'))
    return { ok: false, issues: [issue('VALIDATION_FAILED', '/rows', MESSAGES.valueDoesNotFit)] };
  throw error;
}

/**
 * The importer over one database. Rows of one call share a column list (the union of what they
 * set; missing values are NULL), so each chunk is a single multi-row INSERT whose RETURNING feeds
 * the audit insert in the same statement.
 */
export function createRecordImporter(db: Db, newId: () => string): RecordImporter {
  return {
    async createMany(actor, appId, entityId, rows, options = {}) {
      if (rows.length === 0) return { ok: true, value: { inserted: 0, ids: [] } };
      return inTransaction(db, async (trx) => {
        const loaded = await loadEntityContext(trx, actor, appId, entityId);
        if (!loaded.ok) return loaded;
        const ctx = loaded.value;
        if (!ctx.permission.create)
          return { ok: false, issues: [issue('FORBIDDEN', '', MESSAGES.forbidden('create'))] };
        const admin = actor.roles.includes('admin');
        const importRows: ImportRow[] = [];
        for (const [index, row] of rows.entries()) {
          const owner = row.owner ?? actor.userId;
          const orgUnit = row.owner ? (row.orgUnit ?? null) : actor.orgUnitId;
          if (!admin && (owner !== actor.userId || orgUnit !== actor.orgUnitId))
            return {
              ok: false,
              issues: [
                issue('FORBIDDEN', `/rows/${index}/owner`, {
                  en: 'Only an admin may import records for others.',
                  'zh-CN': '只有管理员可以替他人导入记录。',
                }),
              ],
            };
          importRows.push({
            owner,
            orgUnit,
            stage: row.stage ?? null,
            stageEnteredAt: row.stageEnteredAt ?? options.at ?? null,
            ...(options.at ? { createdAt: options.at, updatedAt: options.at } : {}),
            values: row.values,
          });
        }
        const { objects, issues } = checkRows(ctx, importRows, newId);
        if (issues.length) return { ok: false, issues: issues.slice(0, 100) };
        const fieldIds = ctx.entity.fields.map((f) => f.id);
        for (const o of objects) {
          o.created_by = actor.userId;
          o.updated_by = actor.userId;
        }
        for (const chunk of chunks(objects, ROWS_PER_STATEMENT)) {
          const changes = new Map(chunk.map((o) => [String(o.id), createdChanges(o, fieldIds)]));
          await insertStatement(ctx, actor, chunk, changes).execute(trx);
        }
        await linkFiles(trx, ctx, objects);
        return { ok: true, value: { inserted: objects.length, ids: objects.map((o) => String(o.id)) } };
      }).catch(importError);
    },

    async insertMany(actor, appId, entityId, rows) {
      if (rows.length === 0) return { ok: true, value: { inserted: 0 } };
      return inTransaction(db, async (trx) => {
        const loaded = await adminContext(trx, actor, appId, entityId);
        if (!loaded.ok) return loaded;
        const ctx = loaded.value;
        const { objects, issues } = checkRows(ctx, rows, newId);
        if (issues.length) return { ok: false, issues: issues.slice(0, 100) };
        let inserted = 0;
        for (const chunk of chunks(objects, ROWS_PER_STATEMENT)) {
          const result = await insertStatement(ctx, actor, chunk).execute(trx);
          inserted += Number(result.numAffectedRows ?? chunk.length);
        }
        await linkFiles(trx, ctx, objects);
        return { ok: true, value: { inserted } };
      }).catch(importError);
    },

    async appendStageHistory(actor, appId, entityId, moves) {
      if (moves.length === 0) return { ok: true, value: { inserted: 0 } };
      return inTransaction(db, async (trx) => {
        const loaded = await adminContext(trx, actor, appId, entityId);
        if (!loaded.ok) return loaded;
        const ctx = loaded.value;
        const bad = moves.findIndex(
          (m) => !ISO(m.at) || typeof m.recordId !== 'string' || typeof m.to !== 'string',
        );
        if (bad >= 0)
          return {
            ok: false,
            issues: [
              issue('VALIDATION_FAILED', `/moves/${bad}`, {
                en: 'Expected recordId, to and an ISO-8601 `at`.',
                'zh-CN': '应包含 recordId、to 和 ISO-8601 格式的 `at`。',
              }),
            ],
          };
        let inserted = 0;
        for (const chunk of chunks(moves, ROWS_PER_STATEMENT * 2)) {
          const rows = chunk.map((m) => ({
            record_id: m.recordId,
            transition_id: m.transitionId,
            from_stage: m.from,
            to_stage: m.to,
            actor_id: m.actor,
            at: m.at,
            dwell_ms: m.dwellMs ?? null,
          }));
          const result = await sql`insert into stage_history
            (workspace_id, app_no, entity_id, record_id, transition_id, from_stage, to_stage, actor_id, at, dwell_ms, definition_version)
            select ${ctx.workspaceId}, ${ctx.appNo}, ${entityId}, x.record_id, x.transition_id, x.from_stage, x.to_stage, x.actor_id, x.at, x.dwell_ms, ${ctx.version}
            from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
              as x(record_id text, transition_id text, from_stage text, to_stage text, actor_id text, at timestamptz, dwell_ms bigint)`.execute(
            trx,
          );
          inserted += Number(result.numAffectedRows ?? chunk.length);
        }
        return { ok: true, value: { inserted } };
      });
    },
  };
}

/**
 * One sequence draw per row of `x` that has no number yet, for each auto-number field (the lateral
 * refers to x, so it runs per row); the drawn number is `n_<field>.n`.
 */
export function autoNumberJoins(table: string, fields: readonly Field[]) {
  return sql.join(
    fields
      .filter((f) => f.type === 'auto_number')
      .map(
        (f) =>
          sql`cross join lateral (select case when ${sql.ref(`x.${f.id}`)} is null then nextval(${quoteId(sequenceName(table, f.id))}) end as n) as ${sql.id(`n_${f.id}`)}`,
      ),
    sql` `,
  );
}
