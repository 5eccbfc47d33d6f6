/**
 * Read-mostly record routes beside CRUD: aggregates under the list's scope, a record's audit trail
 * (read-only: no route can change it), and archived field values of removed fields with restore.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, requireAdmin } from '../auth/request-context.js';
import { unwrap } from '../errors/issues-error.js';
import { parseFilter, parseMeasures, withClock } from '../records/list-query.js';
import { entityOf } from '../records/published-apps.js';
import { zoneOf } from '../records/rule-context.js';
import { EntityParams, RecordParams } from './params.js';

const FieldName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/);
const Groups = z.object({
  groups: z.array(z.object({ group: z.unknown(), values: z.array(z.number().nullable()) })),
});
const AggregateBody = z
  .object({
    filter: z.json().optional(),
    groupBy: FieldName.optional(),
    measures: z
      .array(
        z.object({ op: z.enum(['count', 'sum', 'avg', 'min', 'max']), field: FieldName.optional() }).strict(),
      )
      .min(1)
      .max(20),
  })
  .strict();

/** Aggregate, audit and archive route plugin. */
export const recordExtraRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, published, clock } = app.stagecraft;
  const base = '/api/apps/:app/entities/:entity';

  app.get(
    `${base}/records/aggregate`,
    {
      schema: {
        tags: ['records'],
        summary: 'Aggregates under the same scope as the list: measures=count,sum:amount, groupBy, filter',
        params: EntityParams,
        querystring: z
          .object({
            measures: z.string().max(500).default('count'),
            groupBy: FieldName.optional(),
            filter: z.string().max(20_000).optional(),
          })
          .strict(),
        response: { 200: Groups },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { app: appId, entity } = request.params;
      const pub = await published.latest(actor, appId);
      entityOf(pub, entity);
      const query: Parameters<typeof store.records.aggregate>[3] = withClock(
        { measures: parseMeasures(request.query.measures) },
        await zoneOf(app.stagecraft, actor, pub.definition),
        clock.now(),
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
      schema: {
        tags: ['records'],
        summary: 'Aggregates with the query in the body',
        params: EntityParams,
        body: AggregateBody,
        response: { 200: Groups },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { app: appId, entity } = request.params;
      const pub = await published.latest(actor, appId);
      entityOf(pub, entity);
      const query = withClock(request.body, await zoneOf(app.stagecraft, actor, pub.definition), clock.now());
      return { groups: unwrap(await store.records.aggregate(actor, appId, entity, query)) };
    },
  );

  app.get(
    `${base}/records/:id/audit`,
    {
      schema: {
        tags: ['records'],
        summary: "A record's audit trail: who, server time, what changed, definition version (read-only)",
        params: RecordParams,
        response: {
          200: z.object({
            entries: z.array(
              z.object({
                id: z.string(),
                entity: z.string(),
                recordId: z.string(),
                action: z.string(),
                actor: z.string().nullable(),
                at: z.string(),
                definitionVersion: z.number(),
                changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
              }),
            ),
          }),
        },
      },
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
      schema: {
        tags: ['records'],
        summary: 'Values of removed fields kept in the archive',
        params: EntityParams,
        response: {
          200: z.object({
            fields: z.array(
              z.object({
                archiveId: z.string(),
                field: z.string(),
                archivedAt: z.string(),
                values: z.number(),
              }),
            ),
          }),
        },
      },
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
      schema: {
        tags: ['records'],
        summary: 'Restore archived values into the field of the published version',
        params: EntityParams.extend({ archiveId: z.string().min(1).max(100) }),
        body: z.object({}).strict().nullish(),
        response: { 200: z.object({ restored: z.number() }) },
      },
    },
    async (request) => {
      const actor = requireAdmin(request);
      const { app: appId, entity, archiveId } = request.params;
      return unwrap(await store.records.restoreArchivedField(actor, appId, entity, archiveId));
    },
  );
};
