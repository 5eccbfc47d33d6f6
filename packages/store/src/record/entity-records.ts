/**
 * Record operations on an entity context the caller already resolved (the server builds it once
 * per request from its cached published app): no app or table lookup, and each write is one
 * statement inside BEGIN/COMMIT: the record, its scope check and its audit row in one CTE.
 * Uniqueness (unique fields, dedupe keys) is the partial unique indexes' job; a violation is
 * reported as DUPLICATE_RECORD at the key's first field, as the pre-checks did.
 */
import { issue } from '@stagecraft/schema';
import { type RawBuilder, sql } from 'kysely';
import { linkRecordFiles, linksFiles } from '../attachments/record-files.js';
import { appendAudit, auditInsert } from '../audit/audit-log.js';
import type { EntityContext, EntityRecords, Result } from '../contract.js';
import type { Db } from '../db.js';
import { entityIndexes } from '../ddl/entity-indexes.js';
import { quoteId, sequenceName } from '../ddl/names.js';
import { MESSAGES, type RecordAction } from '../messages.js';
import { inTransaction, inTransactionIf, sqlState } from '../transaction.js';
import { checkOwnership } from './record-ownership.js';
import { and, orderBy, readConditions } from './record-query.js';
import { changesSql, snapshotSql } from './record-snapshot.js';
import { diffRecords, encodeValues, toRecord } from './record-values.js';

const MAX_LIMIT = 10_000;

/** RECORD_NOT_FOUND at /id. */
export const notFound = (): Result<never> => ({ ok: false, issues: [issue('RECORD_NOT_FOUND', '/id')] });
/** FORBIDDEN with the action's message. */
export const forbidden = (action: RecordAction): Result<never> => ({
  ok: false,
  issues: [issue('FORBIDDEN', '', MESSAGES.forbidden(action))],
});

export type { EntityRecords, WriteOptions } from '../contract.js';

/** Which ownership keys a write sets explicitly. */
function ownershipKeys(values: Record<string, unknown>) {
  return { owner: Object.hasOwn(values, 'owner'), orgUnit: Object.hasOwn(values, 'orgUnit') };
}

/** Where a write's files are linked: the entity's table in the actor's workspace. */
export const fileTarget = (ctx: EntityContext) => ({
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
 * A unique-index violation of the entity's table as the issue the pre-checks gave: DUPLICATE_RECORD
 * at the key's first field with the key; a value that does not fit its column is VALIDATION_FAILED.
 */
export function writeError(ctx: EntityContext, error: unknown): Result<never> {
  if (sqlState(error) === '23505') {
    const name = (error as { constraint?: string }).constraint;
    const spec = entityIndexes(ctx.table, ctx.entity, 0).find((s) => s.unique && s.name === name);
    const key = spec?.columns;
    return {
      ok: false,
      issues: [issue('DUPLICATE_RECORD', key ? `/${key[0]}` : '', undefined, key ? { key } : undefined)],
    };
  }
  if (sqlState(error)?.startsWith('22'))
    return { ok: false, issues: [issue('VALIDATION_FAILED', '', MESSAGES.valueDoesNotFit)] };
  throw error;
}

/** `insert … values (…)` of a column map (SQL fragments are embedded, other values bound). */
function insertRow(table: string, columns: Record<string, unknown>): RawBuilder<unknown> {
  const keys = Object.keys(columns).filter((k) => columns[k] !== undefined);
  return sql`insert into ${sql.id(table)} (${sql.join(keys.map((k) => sql.id(k)))})
    values (${sql.join(keys.map((k) => columns[k]))})`;
}

/**
 * An auto-number's next value as SQL, so the insert stays one statement: the sequence's next
 * value, left-padded with zeros to the field's digits (never cut), after its prefix.
 */
function autoNumber(table: string, field: { id: string; prefix?: string; digits?: number }) {
  const digits = field.digits ?? 1;
  return sql`(select ${field.prefix ?? ''}::text || case when length(s.n) >= ${digits}::int then s.n
    else lpad(s.n, ${digits}::int, '0') end
    from (select nextval(${quoteId(sequenceName(table, field.id))})::text as n) s)`;
}

/** Binds the record operations to one resolved entity context. */
export function entityRecords(db: Db, ctx: EntityContext, newId: () => string): EntityRecords {
  const { actor } = ctx;
  const table = sql.id(ctx.table);
  // The audit row takes the written row's own stamp: one instant for the record and its trail.
  const audit = (action: 'create' | 'update', changes: RawBuilder<unknown>) => ({
    workspaceId: ctx.workspaceId,
    appNo: ctx.appNo,
    entityId: ctx.entity.id,
    recordId: sql`w.id`,
    action,
    actorId: actor.userId,
    definitionVersion: ctx.version,
    changes,
    at: sql`w.updated_at`,
  });
  const written = (ref: string) => snapshotSql(ctx, ref);

  return {
    async list(query) {
      if (!ctx.permission.read) return forbidden('read');
      const conditions = readConditions(ctx, actor, query);
      if (!conditions.ok) return conditions;
      const order = orderBy(ctx, query.sort);
      if (!order.ok) return order;
      const where = and(conditions.where);
      const limit = Math.min(Math.max(Math.trunc(Number(query.limit ?? 50)) || 0, 0), MAX_LIMIT);
      const offset = Math.max(Math.trunc(Number(query.offset ?? 0)) || 0, 0);
      const { rows } = await sql<Record<string, unknown>>`select * from ${table} where ${where}
        order by ${order.order} limit ${limit} offset ${offset}`.execute(db);
      const { rows: counted } = await sql<{
        n: number;
      }>`select count(*)::int as n from ${table} where ${where}`.execute(db);
      return {
        ok: true,
        value: { records: rows.map((r) => toRecord(ctx, r)), total: Number(counted[0]?.n ?? 0) },
      };
    },

    async get(id) {
      if (!ctx.permission.read) return forbidden('read');
      const row = await scopedRow(db, ctx, id);
      return row ? { ok: true, value: toRecord(ctx, row) } : notFound();
    },

    async create(values, options = {}) {
      if (!ctx.permission.create) return forbidden('create');
      const encoded = encodeValues(ctx, values, 'create');
      if (!encoded.ok) return encoded;
      const columns: Record<string, unknown> = {
        owner_id: actor.userId,
        org_unit_id: actor.orgUnitId,
        ...encoded.columns,
      };
      const explicit = ownershipKeys(values);
      for (const field of ctx.entity.fields) {
        if (field.type !== 'auto_number' || (columns[field.id] !== undefined && columns[field.id] !== null))
          continue;
        columns[field.id] = autoNumber(ctx.table, field);
      }
      columns.id = newId();
      if (columns.stage !== undefined && columns.stage !== null)
        columns.stage_entered_at ??= options.at ?? sql`now()`;
      else delete columns.stage_entered_at;
      columns.created_by = actor.userId;
      columns.updated_by = actor.userId;
      // One statement unless the owner/org unit must be checked or files linked. Left to its
      // default, the owner is the actor, whom every scope admits (scopePredicate), so the
      // single statement never writes a row outside the actor's scope.
      const single = !explicit.owner && !explicit.orgUnit && !linksFiles(ctx.entity.fields, values);
      return inTransactionIf(!single, db, async (trx) => {
        const owned = await checkOwnership(trx, ctx, columns, explicit, 'create');
        if (owned.length) return { ok: false, issues: owned };
        // The row, whether the actor's scope still holds it, and its audit row.
        const { rows } = await sql<Record<string, unknown>>`
          with w as (${insertRow(ctx.table, columns)} returning *, (${ctx.scope}) as in_scope_),
          a as (${auditInsert(audit('create', changesSql(null, written('w'))), sql`w`)})
          select * from w`.execute(trx);
        const row = rows[0];
        if (!row) throw new Error('insert returned no row');
        if (!row.in_scope_) {
          if (single) throw new Error('a record owned by the actor fell outside their scope');
          return forbidden('createOutsideScope');
        }
        await linkRecordFiles(trx, fileTarget(ctx), [{ id: String(row.id), values }]);
        return { ok: true, value: toRecord(ctx, row) };
      }).catch((error: unknown) => writeError(ctx, error));
    },

    async update(id, expectedVersion, values, options = {}) {
      if (!ctx.permission.update) return forbidden('update');
      const encoded = encodeValues(ctx, values, 'update');
      if (!encoded.ok) return encoded;
      const explicit = ownershipKeys(values);
      // One statement unless the owner/org unit must be checked or files linked. With ownership
      // unchanged, the row read in scope stays in scope, so nothing is written outside it.
      const single = !explicit.owner && !explicit.orgUnit && !linksFiles(ctx.entity.fields, values);
      return inTransactionIf(!single, db, async (trx) => {
        const owned = await checkOwnership(trx, ctx, encoded.columns, explicit, 'update');
        if (owned.length) return { ok: false, issues: owned };
        const set: [string, unknown][] = Object.entries({
          version: sql`version + 1`,
          updated_at: options.at ?? sql`now()`,
          updated_by: actor.userId,
          // After the defaults: a server clock's updatedAt replaces now().
          ...encoded.columns,
        });
        // One statement: lock the row in scope, update it at the version read, audit the difference.
        const { rows } = await sql<Record<string, unknown>>`
          with o as (
            select id as o_id_, version as o_version_, ${snapshotSql(ctx)} as o_snap_
            from ${table} where id = ${id} and deleted_at is null and (${ctx.scope}) for update),
          w as (
            update ${table} set ${sql.join(set.map(([k, v]) => sql`${sql.id(k)} = ${v}`))}
            from o where ${table}.id = o.o_id_ and ${table}.version = ${expectedVersion}
            returning ${table}.*, (${ctx.scope}) as in_scope_),
          a as (${auditInsert(audit('update', changesSql(sql`o.o_snap_`, written('w'))), sql`w, o`)})
          select o.o_version_, w.* from o left join w on true`.execute(trx);
        const row = rows[0];
        if (!row) return notFound();
        if (row.id === null || row.id === undefined) {
          const details = { currentVersion: Number(row.o_version_) };
          return { ok: false, issues: [issue('VERSION_CONFLICT', '/version', undefined, details)] };
        }
        if (!row.in_scope_) {
          if (single) throw new Error('a record whose owner did not change fell outside the scope');
          return forbidden('moveOutOfScope');
        }
        await linkRecordFiles(trx, fileTarget(ctx), [{ id, values }]);
        return { ok: true, value: toRecord(ctx, row) };
      }).catch((error: unknown) => writeError(ctx, error));
    },

    setDeleted: (deleted, id, expectedVersion, options = {}) =>
      inTransaction(db, async (trx) => {
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
            deleted_at: deleted ? (options.at ?? sql`now()`) : null,
            version: sql`version + 1`,
            updated_at: options.at ?? sql`now()`,
            updated_by: actor.userId,
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, {
          workspaceId: ctx.workspaceId,
          appNo: ctx.appNo,
          entityId: ctx.entity.id,
          recordId: id,
          action: deleted ? 'delete' : 'restore',
          actorId: actor.userId,
          definitionVersion: ctx.version,
          changes: diffRecords(toRecord(ctx, current, true), toRecord(ctx, row, true), auditKeys(ctx)),
          at: options.at ?? null, // else now(): the same instant as updated_at, one transaction
        });
        return { ok: true, value: toRecord(ctx, row) };
      }),
  };
}

/** Keys the audit trail compares: every field plus ownership, stage and deletion. */
export function auditKeys(ctx: EntityContext): string[] {
  return ['owner', 'orgUnit', 'stage', 'deletedAt', ...ctx.entity.fields.map((f) => f.id)];
}
