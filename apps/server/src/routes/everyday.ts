/**
 * Everyday record routes: related lists with the 360° timeline, search across the app, and bulk
 * edit / bulk transition. The work is in ../everyday/; these handlers only map HTTP to it.
 */
import { API } from '@stagecraft/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../auth/request-context.js';
import { requestLocale } from '../errors/locale.js';
import { runBulk } from '../everyday/bulk.js';
import { relatedOf } from '../everyday/related-records.js';
import { searchApp } from '../everyday/search.js';
import { entityRequest } from '../use-cases/request-context.js';
import { schemaOf } from './contract-schema.js';

/** Related, search and bulk route plugin. */
export const everydayRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.stagecraft;

  app.get(
    '/api/apps/:app/entities/:entity/records/:id/related',
    { schema: schemaOf(API.everyday.relatedRecords) },
    async (request) => {
      const { app: appId, entity, id } = request.params;
      return relatedOf(services, await entityRequest(services, request, appId, entity), id);
    },
  );

  app.get('/api/apps/:app/search', { schema: schemaOf(API.everyday.searchRecords) }, async (request) => {
    const actor = requireActor(request);
    const pub = await services.published.latest(actor, request.params.app);
    return searchApp(services, actor, pub, requestLocale(request), request.query.q, request.query.limit);
  });

  app.post(
    '/api/apps/:app/entities/:entity/records/bulk',
    { schema: schemaOf(API.everyday.bulkRecords) },
    async (request) => {
      const { app: appId, entity } = request.params;
      return runBulk(services, await entityRequest(services, request, appId, entity), request.body);
    },
  );
};
