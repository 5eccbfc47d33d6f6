/**
 * Record writes as the API does them: the payload is validated against the latest published version
 * (engine validation: types, required fields, formulas, validation rules) before the store sees it.
 * Files in the payload are first resolved to the server's own metadata (./record-files.ts).
 */
import { initialStageValues } from '@stagecraft/engine';
import type { Actor, RecordData } from '@stagecraft/store';
import type { FastifyRequest } from 'fastify';
import { fail, unwrap } from '../errors/issues-error.js';
import type { ServerServices } from '../services.js';
import { entityOf } from './published-apps.js';
import { resolveFileValues } from './record-files.js';
import { requestWriteContext } from './rule-context.js';

/** Validates and creates a record. */
export async function createRecord(
  services: ServerServices,
  request: FastifyRequest,
  actor: Actor,
  appId: string,
  entityId: string,
  values: Record<string, unknown>,
): Promise<RecordData> {
  const app = await services.published.latest(actor, appId);
  const entity = entityOf(app, entityId);
  const now = services.clock.now();
  const payload = unwrap(await resolveFileValues(services.store, actor, entity.fields, values));
  // A record of an entity with a stage machine starts in its initial stage. The validator sees it,
  // so formulas that read the stage (a weighted amount) are computed with it on create.
  const initial = initialStageValues(app.definition, entityId, now);
  const valid = unwrap(
    app.validator.validate({
      entityId,
      operation: 'create',
      values: payload,
      previous: null,
      system: initial,
      context: await requestWriteContext(services, request, actor, app.definition, now),
    }),
  );
  // createdAt/updatedAt follow the server's clock like stageEnteredAt, so time triggers on them
  // and the runner agree on one clock (the audit trail keeps the database's time).
  const at = now.toISOString();
  return unwrap(
    await services.store.records.create(actor, appId, entityId, {
      ...valid,
      ...initial,
      createdAt: at,
      updatedAt: at,
    }),
  );
}

/** Validates and updates a record at the version the caller read. */
export async function updateRecord(
  services: ServerServices,
  request: FastifyRequest,
  actor: Actor,
  ids: { appId: string; entityId: string; id: string },
  expectedVersion: number,
  values: Record<string, unknown>,
): Promise<RecordData> {
  const { appId, entityId, id } = ids;
  const app = await services.published.latest(actor, appId);
  const entity = entityOf(app, entityId);
  const now = services.clock.now();
  const previous = unwrap(await services.store.records.get(actor, appId, entityId, id));
  if (previous.deletedAt) fail('RECORD_NOT_FOUND');
  if (previous.version !== expectedVersion)
    fail('VERSION_CONFLICT', '/version', undefined, { current: previous.version });
  const payload = unwrap(await resolveFileValues(services.store, actor, entity.fields, values));
  const valid = unwrap(
    app.validator.validate({
      entityId,
      operation: 'update',
      values: payload,
      previous,
      context: await requestWriteContext(services, request, actor, app.definition, now),
    }),
  );
  const written = { ...valid, updatedAt: now.toISOString() };
  return unwrap(await services.store.records.update(actor, appId, entityId, id, expectedVersion, written));
}
