/**
 * Records of a published entity: list (JSON Logic filter run in SQL, sort, paging, search), create,
 * read, update with optimistic concurrency, soft delete. Scope (own / subtree / all) is enforced by
 * the store inside every query; a record outside it is simply RECORD_NOT_FOUND.
 */
import { API } from '@stagecraft/contract';
import type { Actor, ListQuery } from '@stagecraft/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../auth/request-context.js';
import { fail, unwrap } from '../errors/issues-error.js';
import { listQueryFromBody, listQueryFromString, withClock } from '../records/list-query.js';
import { entityOf } from '../records/published-apps.js';
import { createRecord, updateRecord } from '../records/record-writes.js';
import { zoneOf } from '../records/rule-context.js';
import { schemaOf } from './contract-schema.js';
import { ifMatchNumber } from './params.js';
import { recordExtraRoutes } from './record-extras.js';
import { withSlaFilter } from './transitions-sla.js';

/** Soft-deleted records are listed for admins only (restores and audits), never for everyone. */
function refuseDeletedForNonAdmins(query: ListQuery, actor: Actor): void {
  if (query.includeDeleted && !actor.roles.includes('admin')) fail('FORBIDDEN', '/query/includeDeleted');
}

/** Record route plugin. */
export const recordRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.stagecraft;
  const { store, published } = services;
  const base = '/api/apps/:app/entities/:entity/records';

  app.get(
    base,
    {
      schema: schemaOf(API.records.listRecords),
    },
    async (request) => {
      const actor = requireActor(request);
      const { app: appId, entity } = request.params;
      const pub = await published.latest(actor, appId);
      entityOf(pub, entity);
      const now = services.clock.now();
      const query = withClock(
        withSlaFilter(listQueryFromString(request.query), pub, entity, request.query, now),
        await zoneOf(services, actor, pub.definition),
        now,
      );
      refuseDeletedForNonAdmins(query, actor);
      const result = unwrap(await store.records.list(actor, appId, entity, query));
      return { ...result, limit: query.limit ?? 0, offset: query.offset ?? 0 };
    },
  );

  app.post(
    `${base}/query`,
    {
      schema: schemaOf(API.records.queryRecords),
    },
    async (request) => {
      const actor = requireActor(request);
      const { app: appId, entity } = request.params;
      const pub = await published.latest(actor, appId);
      entityOf(pub, entity);
      const query = withClock(
        listQueryFromBody(request.body),
        await zoneOf(services, actor, pub.definition),
        services.clock.now(),
      );
      refuseDeletedForNonAdmins(query, actor);
      const result = unwrap(await store.records.list(actor, appId, entity, query));
      return { ...result, limit: query.limit ?? 0, offset: query.offset ?? 0 };
    },
  );

  app.post(
    base,
    {
      schema: schemaOf(API.records.createRecord),
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const record = await createRecord(
        services,
        request,
        actor,
        request.params.app,
        request.params.entity,
        request.body,
      );
      reply.status(201);
      return record;
    },
  );

  app.get(
    `${base}/:id`,
    {
      schema: schemaOf(API.records.getRecord),
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { app: appId, entity, id } = request.params;
      entityOf(await published.latest(actor, appId), entity);
      const record = unwrap(await store.records.get(actor, appId, entity, id));
      reply.header('etag', `"${record.version}"`);
      return record;
    },
  );

  app.patch(
    `${base}/:id`,
    {
      schema: schemaOf(API.records.updateRecord),
    },
    async (request) => {
      const actor = requireActor(request);
      const { version, ...values } = request.body;
      if (
        version !== undefined &&
        (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1)
      ) {
        fail('VALIDATION_FAILED', '/version', { en: 'must be a positive integer', 'zh-CN': '必须是正整数' });
      }
      const expected = (version as number | undefined) ?? ifMatchNumber(request.headers['if-match']);
      if (expected === undefined)
        fail('VALIDATION_FAILED', '/version', {
          en: 'send the version you read, in the body or If-Match',
          'zh-CN': '请在请求体或 If-Match 中提供您读取时的版本号',
        });
      const { app: appId, entity, id } = request.params;
      return updateRecord(services, request, actor, { appId, entityId: entity, id }, expected, values);
    },
  );

  app.delete(
    `${base}/:id`,
    {
      schema: schemaOf(API.records.deleteRecord),
    },
    async (request) => {
      const actor = requireActor(request);
      const { app: appId, entity, id } = request.params;
      entityOf(await published.latest(actor, appId), entity);
      const expected = request.query.version ?? ifMatchNumber(request.headers['if-match']);
      return unwrap(await store.records.softDelete(actor, appId, entity, id, expected));
    },
  );

  await app.register(recordExtraRoutes);
};
