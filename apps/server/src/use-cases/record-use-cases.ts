/**
 * Record use cases: list, read, create, update and soft delete one entity's records, each on the
 * request's one context (./request-context.ts). Writes are validated against the cached published
 * version (engine validation: types, required fields, formulas, rules) before the store sees
 * them, and the store writes the row and its audit row in one statement.
 */
import { initialStageValues } from '@stagecraft/engine';
import type { ListQuery, ListResult, RecordData } from '@stagecraft/store';
import { fail, unwrap } from '../errors/issues-error.js';
import { resolveFileValues } from '../records/record-files.js';
import type { ServerServices } from '../services.js';
import { authorize } from './authorization.js';
import { type EntityRequest, ruleContextOf } from './request-context.js';

/** One page of records and the total the query matches. */
export async function listRecords(
  req: EntityRequest,
  query: ListQuery,
): Promise<ListResult & { limit: number; offset: number }> {
  authorize(req.ctx, 'read');
  // Soft-deleted records are listed for admins only (restores and audits), never for everyone.
  if (query.includeDeleted && !req.actor.roles.includes('admin')) fail('FORBIDDEN', '/query/includeDeleted');
  const result = unwrap(await req.records.list(query));
  return { ...result, limit: query.limit ?? 0, offset: query.offset ?? 0 };
}

/** One record in the actor's scope (RECORD_NOT_FOUND outside it). */
export async function getRecord(req: EntityRequest, id: string): Promise<RecordData> {
  authorize(req.ctx, 'read');
  return unwrap(await req.records.get(id));
}

/** Validates and creates a record. */
export async function createRecord(
  services: ServerServices,
  req: EntityRequest,
  values: Record<string, unknown>,
): Promise<RecordData> {
  authorize(req.ctx, 'create');
  const { actor, entity, now, pub } = req;
  const payload = unwrap(await resolveFileValues(services.store, actor, entity.fields, values));
  // A record of an entity with a stage machine starts in its initial stage. The validator sees it,
  // so formulas that read the stage (a weighted amount) are computed with it on create.
  const initial = initialStageValues(pub.definition, entity.id, now);
  const valid = unwrap(
    pub.validator.validate({
      entityId: entity.id,
      operation: 'create',
      values: payload,
      previous: null,
      system: initial,
      context: ruleContextOf(req),
    }),
  );
  // createdAt/updatedAt follow the server's clock like stageEnteredAt, so time triggers on them
  // and the runner agree on one clock; the audit row takes the same instant (the row's stamp).
  const at = now.toISOString();
  return unwrap(await req.records.create({ ...valid, ...initial, createdAt: at, updatedAt: at }));
}

/** Validates and updates a record at the version the caller read. */
export async function updateRecord(
  services: ServerServices,
  req: EntityRequest,
  id: string,
  expectedVersion: number,
  values: Record<string, unknown>,
): Promise<RecordData> {
  authorize(req.ctx, 'update');
  const { actor, entity, now, pub } = req;
  const previous = unwrap(await req.records.get(id));
  if (previous.deletedAt) fail('RECORD_NOT_FOUND');
  if (previous.version !== expectedVersion)
    fail('VERSION_CONFLICT', '/version', undefined, { current: previous.version });
  const payload = unwrap(await resolveFileValues(services.store, actor, entity.fields, values));
  const valid = unwrap(
    pub.validator.validate({
      entityId: entity.id,
      operation: 'update',
      values: payload,
      previous,
      context: ruleContextOf(req),
    }),
  );
  return unwrap(await req.records.update(id, expectedVersion, { ...valid, updatedAt: now.toISOString() }));
}

/** Soft-deletes a record (at the version read, when one is given). */
export async function deleteRecord(
  req: EntityRequest,
  id: string,
  expectedVersion: number | undefined,
): Promise<RecordData> {
  authorize(req.ctx, 'delete');
  return unwrap(await req.records.setDeleted(true, id, expectedVersion, { at: req.now.toISOString() }));
}
