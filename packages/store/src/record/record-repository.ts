import { issue } from '@stagecraft/schema';
import { type Expression, type SqlBool, sql } from 'kysely';
import { linkRecordFiles } from '../attachments/record-files.js';
import { readableAuditKeys } from '../audit/audit-access.js';
import { appendAudit, readAudit } from '../audit/audit-log.js';
import type { Actor, Issue, ListQuery, RecordData, RecordRepository, Result } from '../contract.js';
import type { Db } from '../db.js';
import { columnType } from '../ddl/column-types.js';
import { quoteId, sequenceName } from '../ddl/names.js';
import { MESSAGES, type RecordAction } from '../messages.js';
import { dataErrorsAsIssues, inTransaction, sqlState } from '../transaction.js';
import { type EntityContext, loadEntityContext } from './entity-context.js';
import { aggregateRecords } from './record-aggregate.js';
import { createArchiveMethods } from './record-archive.js';
import { checkOwnership } from './record-ownership.js';
import { and, orderBy, readConditions } from './record-query.js';
import { diffRecords, encodeValues, toRecord } from './record-values.js';

const MAX_LIMIT = 10_000;
const notFound = (): Result<never> => ({ ok: false, issues: [issue('RECORD_NOT_FOUND', '/id')] });
const forbidden = (action: RecordAction): Result<never> => ({
  ok: false,
  issues: [issue('FORBIDDEN', '', MESSAGES.forbidden(action))],
});

/** Which ownership keys a write sets explicitly. */
function ownershipKeys(values: Record<string, unknown>) {
  return { owner: Object.hasOwn(values, 'owner'), orgUnit: Object.hasOwn(values, 'orgUnit') };
}

/** Keys the audit trail compares: every field plus ownership, stage and deletion. */
function auditKeys(ctx: EntityContext): string[] {
  return ['owner', 'orgUnit', 'stage', 'deletedAt', ...ctx.entity.fields.map((f) => f.id)];
}

/** Where a write's files are linked: the entity's table in the actor's workspace. */
const fileTarget = (ctx: EntityContext) => ({
  workspaceId: ctx.workspaceId,
  appNo: ctx.appNo,
  entityId: ctx.entity.id,
  fields: ctx.entity.fields,
});

/** Reads one row of the entity under the actor's scope (optionally locking it for a write). */
export async function scopedRow(
  db: Db,
  ctx: EntityContext,
  id: string,
  options: { lock?: boolean; includeDeleted?: boolean } = {},
) {
  const { rows } = await sql<Record<string, unknown>>`
    select * from ${sql.id(ctx.table)}
    where id = ${id} and (${ctx.scope}) ${options.includeDeleted ? sql`` : sql`and deleted_at is null`}
    ${options.lock ? sql`for update` : sql``}`.execute(db);
  return rows[0];
}

/**
 * Records of published entities. Every method resolves the app inside the actor's workspace,
 * applies the actor's record scope inside its SQL (a record outside it is RECORD_NOT_FOUND) and
 * hides fields with access `none` (in the audit trail too, removed fields included); every write runs in one transaction with its audit row.
 */
export function createRecordRepository(db: Db, newId: () => string): RecordRepository {
  const context = (trx: Db, actor: Actor, appId: string, entityId: string) =>
    loadEntityContext(trx, actor, appId, entityId);

  /** Checks dedupe keys and unique fields among live rows; the unique indexes back this up. */
  async function duplicates(
    trx: Db,
    ctx: EntityContext,
    columns: Record<string, unknown>,
    exceptId?: string,
  ): Promise<Issue[]> {
    const jsonb = new Set(ctx.entity.fields.filter((f) => columnType(f) === 'jsonb').map((f) => f.id));
    // Keys over jsonb columns are left to the unique index alone (values are documents, not scalars).
    const keys = [
      ...(ctx.entity.dedupeKeys ?? []),
      ...ctx.entity.fields.filter((f) => f.unique).map((f) => [f.id]),
    ].filter((key) => !key.some((k) => jsonb.has(k)));
    const issues: Issue[] = [];
    for (const key of keys) {
      const values = key.map((k) => columns[k]);
      if (values.some((v) => v === null || v === undefined)) continue;
      const match = sql.join(
        key.map((k, i) => sql`${sql.id(k)} = ${values[i]}`),
        sql` and `,
      );
      const { rows } = await sql`select 1 from ${sql.id(ctx.table)} where deleted_at is null and ${match}
        ${exceptId ? sql`and id <> ${exceptId}` : sql``} limit 1`.execute(trx);
      if (rows.length) issues.push(issue('DUPLICATE_RECORD', `/${key[0]}`, undefined, { key }));
    }
    return issues;
  }

  const duplicateError = (error: unknown): Result<never> => {
    if (sqlState(error) === '23505') return { ok: false, issues: [issue('DUPLICATE_RECORD', '')] };
    if (sqlState(error)?.startsWith('22'))
      return { ok: false, issues: [issue('VALIDATION_FAILED', '', MESSAGES.valueDoesNotFit)] };
    throw error;
  };

  /** What a list query reads: the entity, its WHERE (scope, filter, search) and ORDER BY. */
  async function listPlan(
    actor: Actor,
    appId: string,
    entityId: string,
    query: Omit<ListQuery, 'limit' | 'offset'>,
  ): Promise<Result<{ ctx: EntityContext; where: Expression<SqlBool>; order: Expression<unknown> }>> {
    const loaded = await context(db, actor, appId, entityId);
    if (!loaded.ok) return loaded;
    const ctx = loaded.value;
    if (!ctx.permission.read) return forbidden('read');
    const conditions = readConditions(ctx, actor, query);
    if (!conditions.ok) return conditions;
    const order = orderBy(ctx, query.sort);
    if (!order.ok) return order;
    return { ok: true, value: { ctx, where: and(conditions.where), order: order.order } };
  }

  const list: RecordRepository['list'] = async (actor, appId, entityId, query) => {
    const plan = await listPlan(actor, appId, entityId, query);
    if (!plan.ok) return plan;
    const { ctx, where, order } = plan.value;
    const limit = Math.min(Math.max(Math.trunc(Number(query.limit ?? 50)) || 0, 0), MAX_LIMIT);
    const offset = Math.max(Math.trunc(Number(query.offset ?? 0)) || 0, 0);
    const table = sql.id(ctx.table);
    const { rows } = await sql<
      Record<string, unknown>
    >`select * from ${table} where ${where} order by ${order} limit ${limit} offset ${offset}`.execute(db);
    const { rows: counted } = await sql<{
      n: number;
    }>`select count(*)::int as n from ${table} where ${where}`.execute(db);
    return {
      ok: true,
      value: { records: rows.map((r) => toRecord(ctx, r)), total: Number(counted[0]?.n ?? 0) },
    };
  };

  /** Soft delete (`deleted`) or bring back: same rights (delete), same scope, audited. */
  const setDeleted =
    (deleted: boolean) =>
    (
      actor: Actor,
      appId: string,
      entityId: string,
      id: string,
      expectedVersion?: number,
    ): Promise<Result<RecordData>> =>
      inTransaction(db, async (trx) => {
        const loaded = await context(trx, actor, appId, entityId);
        if (!loaded.ok) return loaded;
        const ctx = loaded.value;
        if (!ctx.permission.delete) return forbidden(deleted ? 'delete' : 'restore');
        const current = await scopedRow(trx, ctx, id, { lock: true, includeDeleted: !deleted });
        if (!current || (!deleted && current.deleted_at === null)) return notFound();
        if (expectedVersion !== undefined && Number(current.version) !== expectedVersion) {
          const details = { currentVersion: Number(current.version) };
          return { ok: false, issues: [issue('VERSION_CONFLICT', '/version', undefined, details)] };
        }
        const row = await trx
          .updateTable(ctx.table)
          .set({
            deleted_at: deleted ? sql`now()` : null,
            version: sql`version + 1`,
            updated_at: sql`now()`,
            updated_by: actor.userId,
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, {
          workspaceId: ctx.workspaceId,
          appNo: ctx.appNo,
          entityId,
          recordId: id,
          action: deleted ? 'delete' : 'restore',
          actorId: actor.userId,
          definitionVersion: ctx.version,
          changes: diffRecords(toRecord(ctx, current, true), toRecord(ctx, row, true), auditKeys(ctx)),
        });
        return { ok: true, value: toRecord(ctx, row) };
      });

  const matchingIds: RecordRepository['matchingIds'] = async (actor, appId, entityId, query) => {
    const plan = await listPlan(actor, appId, entityId, query);
    if (!plan.ok) return plan;
    const { ctx, where, order } = plan.value;
    const { rows } = await sql<{ id: string }>`select id from ${sql.id(ctx.table)}
      where ${where} order by ${order}`.execute(db);
    return { ok: true, value: rows.map((r) => r.id) };
  };

  return {
    list: (actor, appId, entityId, query) =>
      dataErrorsAsIssues(list(actor, appId, entityId, query), '/filter'),

    matchingIds: (actor, appId, entityId, query) =>
      dataErrorsAsIssues(matchingIds(actor, appId, entityId, query), '/filter'),

    async getMany(actor, appId, entityId, ids) {
      const loaded = await context(db, actor, appId, entityId);
      if (!loaded.ok) return loaded;
      const ctx = loaded.value;
      if (!ctx.permission.read) return forbidden('read');
      if (ids.length === 0) return { ok: true, value: [] };
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.id(ctx.table)}
        where id = any(${[...ids]}::text[]) and deleted_at is null and (${ctx.scope})`.execute(db);
      const byId = new Map(rows.map((r) => [String(r.id), r]));
      const records: RecordData[] = [];
      for (const id of ids) {
        const row = byId.get(id);
        if (row) records.push(toRecord(ctx, row));
      }
      return { ok: true, value: records };
    },

    async get(actor, appId, entityId, id) {
      const loaded = await context(db, actor, appId, entityId);
      if (!loaded.ok) return loaded;
      if (!loaded.value.permission.read) return forbidden('read');
      const row = await scopedRow(db, loaded.value, id);
      return row ? { ok: true, value: toRecord(loaded.value, row) } : notFound();
    },

    async create(actor, appId, entityId, values) {
      return inTransaction(db, async (trx) => {
        const loaded = await context(trx, actor, appId, entityId);
        if (!loaded.ok) return loaded;
        const ctx = loaded.value;
        if (!ctx.permission.create) return forbidden('create');
        const encoded = encodeValues(ctx, values, 'create');
        if (!encoded.ok) return encoded;
        const columns: Record<string, unknown> = {
          owner_id: actor.userId,
          org_unit_id: actor.orgUnitId,
          ...encoded.columns,
        };
        const owned = await checkOwnership(trx, ctx, columns, ownershipKeys(values), 'create');
        if (owned.length) return { ok: false, issues: owned };
        for (const field of ctx.entity.fields) {
          if (field.type !== 'auto_number' || (columns[field.id] !== undefined && columns[field.id] !== null))
            continue;
          const { rows } = await sql<{
            n: number;
          }>`select nextval(${quoteId(sequenceName(ctx.table, field.id))})::int8 as n`.execute(trx);
          columns[field.id] = `${field.prefix ?? ''}${String(rows[0]?.n).padStart(field.digits ?? 1, '0')}`;
        }
        const dupes = await duplicates(trx, ctx, columns);
        if (dupes.length) return { ok: false, issues: dupes };
        columns.id = newId();
        if (columns.stage !== undefined && columns.stage !== null) columns.stage_entered_at ??= sql`now()`;
        else delete columns.stage_entered_at;
        columns.created_by = actor.userId;
        columns.updated_by = actor.userId;
        const row = await trx.insertInto(ctx.table).values(columns).returningAll().executeTakeFirstOrThrow();
        if (!(await scopedRow(trx, ctx, row.id))) return forbidden('createOutsideScope');
        await linkRecordFiles(trx, fileTarget(ctx), [{ id: row.id, values }]);
        const after = toRecord(ctx, row, true);
        await appendAudit(trx, {
          workspaceId: ctx.workspaceId,
          appNo: ctx.appNo,
          entityId,
          recordId: row.id,
          action: 'create',
          actorId: actor.userId,
          definitionVersion: ctx.version,
          changes: diffRecords(null, after, auditKeys(ctx)),
        });
        return { ok: true, value: toRecord(ctx, row) };
      }).catch(duplicateError);
    },

    async update(actor, appId, entityId, id, expectedVersion, values) {
      return inTransaction(db, async (trx) => {
        const loaded = await context(trx, actor, appId, entityId);
        if (!loaded.ok) return loaded;
        const ctx = loaded.value;
        if (!ctx.permission.update) return forbidden('update');
        const encoded = encodeValues(ctx, values, 'update');
        if (!encoded.ok) return encoded;
        const owned = await checkOwnership(trx, ctx, encoded.columns, ownershipKeys(values), 'update');
        if (owned.length) return { ok: false, issues: owned };
        const current = await scopedRow(trx, ctx, id, { lock: true });
        if (!current) return notFound();
        if (Number(current.version) !== expectedVersion)
          return {
            ok: false,
            issues: [
              issue('VERSION_CONFLICT', '/version', undefined, { currentVersion: Number(current.version) }),
            ],
          };
        const dupes = await duplicates(trx, ctx, { ...current, ...encoded.columns }, id);
        if (dupes.length) return { ok: false, issues: dupes };
        const row = await trx
          .updateTable(ctx.table)
          .set({
            version: sql`version + 1`,
            updated_at: sql`now()`,
            updated_by: actor.userId,
            // After the defaults: a server clock's updatedAt replaces now().
            ...encoded.columns,
          })
          .where('id', '=', id)
          .where('version', '=', expectedVersion)
          .returningAll()
          .executeTakeFirst();
        if (!row) return { ok: false, issues: [issue('VERSION_CONFLICT', '/version')] };
        if (!(await scopedRow(trx, ctx, id))) return forbidden('moveOutOfScope');
        await linkRecordFiles(trx, fileTarget(ctx), [{ id, values }]);
        await appendAudit(trx, {
          workspaceId: ctx.workspaceId,
          appNo: ctx.appNo,
          entityId,
          recordId: id,
          action: 'update',
          actorId: actor.userId,
          definitionVersion: ctx.version,
          changes: diffRecords(toRecord(ctx, current, true), toRecord(ctx, row, true), auditKeys(ctx)),
        });
        return { ok: true, value: toRecord(ctx, row) };
      }).catch(duplicateError);
    },

    softDelete: setDeleted(true),
    undelete: setDeleted(false),

    async aggregate(actor, appId, entityId, query) {
      const loaded = await context(db, actor, appId, entityId);
      if (!loaded.ok) return loaded;
      if (!loaded.value.permission.read) return forbidden('read');
      return dataErrorsAsIssues(aggregateRecords(db, loaded.value, actor, query), '/filter');
    },

    async audit(actor, appId, entityId, id) {
      const loaded = await context(db, actor, appId, entityId);
      if (!loaded.ok) return loaded;
      const ctx = loaded.value;
      if (!ctx.permission.read) return forbidden('read');
      if (!(await scopedRow(db, ctx, id, { includeDeleted: true }))) return notFound();
      const readable = (keys: string[]) => readableAuditKeys(db, ctx, actor, keys);
      return { ok: true, value: await readAudit(db, ctx.appNo, entityId, id, readable) };
    },
    ...createArchiveMethods(db),
  };
}
