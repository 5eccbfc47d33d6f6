import { type Expression, type SqlBool, sql } from 'kysely';
import { readableAuditKeys } from '../audit/audit-access.js';
import { readAudit } from '../audit/audit-log.js';
import type { Actor, ListQuery, RecordData, RecordRepository, Result } from '../contract.js';
import type { Db } from '../db.js';
import { dataErrorsAsIssues } from '../transaction.js';
import { type EntityContext, loadEntityContext } from './entity-context.js';
import { entityRecords, forbidden, notFound, scopedRow } from './entity-records.js';
import { aggregateRecords } from './record-aggregate.js';
import { createArchiveMethods } from './record-archive.js';
import { and, orderBy, readConditions } from './record-query.js';
import { toRecord } from './record-values.js';

/**
 * Records of published entities. Every method resolves the app inside the actor's workspace,
 * applies the actor's record scope inside its SQL (a record outside it is RECORD_NOT_FOUND) and
 * hides fields with access `none` (in the audit trail too, removed fields included); every write runs in one transaction with its audit row.
 */
export function createRecordRepository(db: Db, newId: () => string): RecordRepository {
  const context = (trx: Db, actor: Actor, appId: string, entityId: string) =>
    loadEntityContext(trx, actor, appId, entityId);

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

  /** The operations bound to a context loaded for this call. */
  const bound = async (actor: Actor, appId: string, entityId: string) => {
    const loaded = await context(db, actor, appId, entityId);
    return loaded.ok ? { ok: true as const, value: entityRecords(db, loaded.value, newId) } : loaded;
  };

  /** Soft delete (`deleted`) or bring back, on a context loaded for this call. */
  const setDeleted =
    (deleted: boolean) =>
    async (actor: Actor, appId: string, entityId: string, id: string, expectedVersion?: number) => {
      const records = await bound(actor, appId, entityId);
      return records.ok ? records.value.setDeleted(deleted, id, expectedVersion) : records;
    };

  const matchingIds: RecordRepository['matchingIds'] = async (actor, appId, entityId, query) => {
    const plan = await listPlan(actor, appId, entityId, query);
    if (!plan.ok) return plan;
    const { ctx, where, order } = plan.value;
    const { rows } = await sql<{ id: string }>`select id from ${sql.id(ctx.table)}
      where ${where} order by ${order}`.execute(db);
    return { ok: true, value: rows.map((r) => r.id) };
  };

  return {
    in: (ctx) => {
      const records = entityRecords(db, ctx, newId);
      return { ...records, list: (query) => dataErrorsAsIssues(records.list(query), '/filter') };
    },

    async list(actor, appId, entityId, query) {
      const records = await bound(actor, appId, entityId);
      return records.ok ? dataErrorsAsIssues(records.value.list(query), '/filter') : records;
    },

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
      const records = await bound(actor, appId, entityId);
      return records.ok ? records.value.get(id) : records;
    },

    async create(actor, appId, entityId, values) {
      const records = await bound(actor, appId, entityId);
      return records.ok ? records.value.create(values) : records;
    },

    async update(actor, appId, entityId, id, expectedVersion, values) {
      const records = await bound(actor, appId, entityId);
      return records.ok ? records.value.update(id, expectedVersion, values) : records;
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
