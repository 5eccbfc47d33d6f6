/**
 * `POST /api/apps/:app/titles`: the names behind ids in one request. A list or board asks once for
 * every reference, user and org unit its visible page shows, so no card or cell ever shows an id.
 * Records are read under the caller's scope: a record the caller may not read (or that does not
 * exist) is answered `null` and its title is never sent (see docs/reference/api.md, "Titles").
 */
import { API, MAX_TITLE_IDS } from '@stagecraft/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../auth/request-context.js';
import { fail } from '../errors/issues-error.js';
import { requestLocale } from '../errors/locale.js';
import { TitleResolver } from '../records/record-titles.js';
import { schemaOf } from './contract-schema.js';

/** Titles route plugin. */
export const titleRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.stagecraft;

  app.post(
    '/api/apps/:app/titles',
    {
      schema: schemaOf(API.titles.resolveTitles),
    },
    async (request) => {
      const actor = requireActor(request);
      const body = request.body;
      const pub = await services.published.latest(actor, request.params.app);
      const count =
        Object.values(body.refs ?? {}).reduce((n, ids) => n + ids.length, 0) +
        (body.users?.length ?? 0) +
        (body.orgUnits?.length ?? 0);
      if (count > MAX_TITLE_IDS)
        fail('VALIDATION_FAILED', '/refs', {
          en: `Ask for at most ${MAX_TITLE_IDS} ids at once.`,
          'zh-CN': `一次最多查询 ${MAX_TITLE_IDS} 个标识。`,
        });
      for (const key of Object.keys(body.refs ?? {})) {
        const [entityId, field] = key.split('.');
        const entity = pub.definition.entities.find((e) => e.id === entityId);
        if (!entity) fail('ENTITY_NOT_FOUND', `/refs/${key}`);
        if (field && !entity.fields.some((f) => f.id === field)) fail('UNKNOWN_FIELD', `/refs/${key}`);
      }
      return new TitleResolver(services, actor, pub, requestLocale(request)).resolve(body);
    },
  );
};
