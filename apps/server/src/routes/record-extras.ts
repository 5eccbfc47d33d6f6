/**
 * Read-mostly record routes beside CRUD: aggregates under the list's scope, a record's audit trail
 * (read-only: no route can change it), and archived field values of removed fields with restore.
 */
import { API } from '@stagecraft/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor, requireAdmin } from '../auth/request-context.js';
import { unwrap } from '../errors/issues-error.js';
import { parseFilter, parseMeasures, withClock } from '../records/list-query.js';
import { entityOf } from '../records/published-apps.js';
import { entityRequest } from '../use-cases/request-context.js';
import { schemaOf } from './contract-schema.js';

/** Aggregate, audit and archive route plugin. */
export const recordExtraRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, published } = app.stagecraft;
  const base = '/api/apps/:app/entities/:entity';

  app.get(
    `${base}/records/aggregate`,
    {
      schema: schemaOf(API.records.aggregateRecords),
    },
    async (request) => {
      const actor = requireActor(request);
      const { app: appId, entity } = request.params;
      const req = await entityRequest(app.stagecraft, request, appId, entity);
      const query: Parameters<typeof store.records.aggregate>[3] = withClock(
        { measures: parseMeasures(request.query.measures) },
        req.timeZone,
        req.now,
      );
      const filter = parseFilter(request.query.filter);
      if (filter !== undefined) query.filter = filter;
      if (request.query.groupBy) query.groupBy = request.query.groupBy;
      return { groups: unwrap(await store.records.aggregate(actor, appId, entity, query)) };
    },
  );

  app.post(
    `${base}/records/aggregate`,
    {
      schema: schemaOf(API.records.aggregateRecordsQuery),
    },
    async (request) => {
      const actor = requireActor(request);
      const { app: appId, entity } = request.params;
      const req = await entityRequest(app.stagecraft, request, appId, entity);
      const query = withClock(request.body, req.timeZone, req.now);
      return { groups: unwrap(await store.records.aggregate(actor, appId, entity, query)) };
    },
  );

  app.get(
    `${base}/records/:id/audit`,
    {
      schema: schemaOf(API.records.recordAudit),
    },
    async (request) => {
      const actor = requireActor(request);
      const { app: appId, entity, id } = request.params;
      entityOf(await published.latest(actor, appId), entity);
      return { entries: unwrap(await store.records.audit(actor, appId, entity, id)) };
    },
  );

  app.get(
    `${base}/archived-fields`,
    {
      schema: schemaOf(API.records.archivedFields),
    },
    async (request) => {
      const actor = requireAdmin(request);
      const { app: appId, entity } = request.params;
      return { fields: unwrap(await store.records.archivedFields(actor, appId, entity)) };
    },
  );

  app.post(
    `${base}/archived-fields/:archiveId/restore`,
    {
      schema: schemaOf(API.records.restoreArchivedField),
    },
    async (request) => {
      const actor = requireAdmin(request);
      const { app: appId, entity, archiveId } = request.params;
      return unwrap(await store.records.restoreArchivedField(actor, appId, entity, archiveId));
    },
  );
};
