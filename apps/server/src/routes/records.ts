/**
 * Records of a published entity: list (JSON Logic filter run in SQL, sort, paging, search), create,
 * read, update with optimistic concurrency, soft delete. Scope (own / subtree / all) is enforced by
 * the store inside every query; a record outside it is simply RECORD_NOT_FOUND.
 */
import type { Actor, ListQuery } from '@stagecraft/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../auth/request-context.js';
import { fail, unwrap } from '../errors/issues-error.js';
import {
  ListQueryBody,
  ListQueryString,
  listQueryFromBody,
  listQueryFromString,
  withClock,
} from '../records/list-query.js';
import { entityOf } from '../records/published-apps.js';
import { createRecord, updateRecord } from '../records/record-writes.js';
import { zoneOf } from '../records/rule-context.js';
import { EntityParams, ifMatchNumber, JsonObject, RecordParams } from './params.js';
import { recordExtraRoutes } from './record-extras.js';
import { withSlaFilter } from './transitions-sla.js';

const RecordOut = z
  .record(z.string(), z.unknown())
  .describe('A record: system fields plus one key per field id');
const ListOut = z.object({
  records: z.array(RecordOut),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
});
const Version = z
  .object({ version: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional() })
  .strict();

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
      schema: {
        tags: ['records'],
        summary: 'List records: filter (JSON Logic as JSON), sort=a,-b, limit, offset, search',
        params: EntityParams,
        querystring: ListQueryString,
        response: { 200: ListOut },
      },
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
      schema: {
        tags: ['records'],
        summary: 'List records with the query in the body',
        params: EntityParams,
        body: ListQueryBody,
        response: { 200: ListOut },
      },
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
      schema: {
        tags: ['records'],
        summary: 'Create a record (field values by field id)',
        params: EntityParams,
        body: JsonObject,
        response: { 201: RecordOut },
      },
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
      schema: {
        tags: ['records'],
        summary: 'One record',
        params: RecordParams,
        response: { 200: RecordOut },
      },
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
      schema: {
        tags: ['records'],
        summary: 'Update fields; `version` in the body or `If-Match` must be the version read (else 409)',
        params: RecordParams,
        body: JsonObject,
        response: { 200: RecordOut },
      },
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
      schema: {
        tags: ['records'],
        summary: 'Soft-delete a record (optionally at a version: `?version=` or If-Match)',
        params: RecordParams,
        querystring: Version,
        response: { 200: RecordOut },
      },
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
