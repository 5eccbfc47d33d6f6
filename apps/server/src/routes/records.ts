/**
 * Records of a published entity: list (JSON Logic filter run in SQL, sort, paging, search), create,
 * read, update with optimistic concurrency, soft delete. Scope (own / subtree / all) is enforced by
 * the store inside every query; a record outside it is simply RECORD_NOT_FOUND.
 */
import { API } from '@stagecraft/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fail } from '../errors/issues-error.js';
import { listQueryFromBody, listQueryFromString, withClock } from '../records/list-query.js';
import {
  createRecord,
  deleteRecord,
  getRecord,
  listRecords,
  updateRecord,
} from '../use-cases/record-use-cases.js';
import { entityRequest } from '../use-cases/request-context.js';
import { schemaOf } from './contract-schema.js';
import { ifMatchNumber } from './params.js';
import { recordExtraRoutes } from './record-extras.js';
import { withSlaFilter } from './transitions-sla.js';

/** Record route plugin. */
export const recordRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.stagecraft;
  const base = '/api/apps/:app/entities/:entity/records';

  app.get(
    base,
    {
      schema: schemaOf(API.records.listRecords),
    },
    async (request) => {
      const { app: appId, entity } = request.params;
      const req = await entityRequest(services, request, appId, entity);
      const query = withClock(
        withSlaFilter(listQueryFromString(request.query), req.pub, entity, request.query, req.now),
        req.timeZone,
        req.now,
      );
      return listRecords(req, query);
    },
  );

  app.post(
    `${base}/query`,
    {
      schema: schemaOf(API.records.queryRecords),
    },
    async (request) => {
      const { app: appId, entity } = request.params;
      const req = await entityRequest(services, request, appId, entity);
      return listRecords(req, withClock(listQueryFromBody(request.body), req.timeZone, req.now));
    },
  );

  app.post(
    base,
    {
      schema: schemaOf(API.records.createRecord),
    },
    async (request, reply) => {
      const { app: appId, entity } = request.params;
      const record = await createRecord(
        services,
        await entityRequest(services, request, appId, entity),
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
      const { app: appId, entity, id } = request.params;
      const record = await getRecord(await entityRequest(services, request, appId, entity), id);
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
      const req = await entityRequest(services, request, appId, entity);
      return updateRecord(services, req, id, expected, values);
    },
  );

  app.delete(
    `${base}/:id`,
    {
      schema: schemaOf(API.records.deleteRecord),
    },
    async (request) => {
      const { app: appId, entity, id } = request.params;
      const expected = request.query.version ?? ifMatchNumber(request.headers['if-match']);
      return deleteRecord(await entityRequest(services, request, appId, entity), id, expected);
    },
  );

  await app.register(recordExtraRoutes);
};
