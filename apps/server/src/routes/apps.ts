/**
 * Apps and their definitions: list/create, the draft (whole app document, optimistic revision),
 * publish (validated, then migrated in one store transaction; `?dryRun=1` returns the data impact),
 * versions and rollback. Changing definitions is for admins only.
 */
import { API } from '@stagecraft/contract';
import { CURRENT_SCHEMA_VERSION, diffAppDocuments } from '@stagecraft/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, requireAdmin } from '../auth/request-context.js';
import { checkForPublish, parseApp } from '../definitions/publish-check.js';
import { fail, unwrap } from '../errors/issues-error.js';
import { requestLocale } from '../errors/locale.js';
import { clientRuleContext } from '../records/rule-context.js';
import { checkNamedApprovers } from '../use-cases/approver-check.js';
import { schemaOf } from './contract-schema.js';
import { ifMatchNumber } from './params.js';

const Summary = z.object({
  id: z.string(),
  label: z.record(z.string(), z.string()),
  draftRevision: z.number(),
  publishedVersion: z.number().nullable(),
  updatedAt: z.string(),
});

function summary(s: z.input<typeof Summary>) {
  return {
    id: s.id,
    label: s.label,
    draftRevision: s.draftRevision,
    publishedVersion: s.publishedVersion,
    updatedAt: s.updatedAt,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** App route plugin. */
export const appRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, published, clock } = app.stagecraft;

  app.get(
    '/api/apps',
    {
      schema: schemaOf(API.apps.listApps),
    },
    async (request) => {
      const apps = await store.apps.list(requireActor(request));
      return { apps: apps.map((a) => summary(a as z.input<typeof Summary>)) };
    },
  );

  app.post(
    '/api/apps',
    {
      schema: schemaOf(API.apps.createApp),
    },
    async (request, reply) => {
      const actor = requireAdmin(request);
      // The document itself, or `{ definition: <document> }` as the draft route also accepts.
      const { definition: wrapped, ...rest } = request.body;
      const doc = isObject(wrapped) && Object.keys(rest).length === 0 ? wrapped : request.body;
      const input = { schemaVersion: CURRENT_SCHEMA_VERSION, entities: [], ...doc };
      const definition = unwrap(parseApp(input, requestLocale(request)));
      const created = unwrap(await store.apps.create(actor, definition));
      reply.status(201);
      return summary(created as z.input<typeof Summary>);
    },
  );

  app.get('/api/apps/:app', { schema: schemaOf(API.apps.getApp) }, async (request) => {
    const apps = await store.apps.list(requireActor(request));
    const found = apps.find((a) => a.id === request.params.app);
    if (!found) fail('APP_NOT_FOUND');
    return summary(found as z.input<typeof Summary>);
  });

  app.get(
    '/api/apps/:app/draft',
    {
      schema: schemaOf(API.apps.getDraft),
    },
    async (request, reply) => {
      const draft = unwrap(await store.apps.getDraft(requireAdmin(request), request.params.app));
      reply.header('etag', `"${draft.revision}"`);
      // Drafts are saved only as JSON objects (PUT and create refuse anything else).
      return { revision: draft.revision, definition: draft.definition as Record<string, unknown> };
    },
  );

  app.put(
    '/api/apps/:app/draft',
    {
      schema: schemaOf(API.apps.saveDraft),
    },
    async (request, reply) => {
      const actor = requireAdmin(request);
      const { baseRevision, definition: wrapped, ...rest } = request.body;
      // Either the document itself, or `{ definition, baseRevision }`.
      const definition = wrapped !== undefined && Object.keys(rest).length === 0 ? wrapped : rest;
      if (typeof definition !== 'object' || definition === null || Array.isArray(definition))
        fail('VALIDATION_FAILED', '/definition', {
          en: 'must be an app document',
          'zh-CN': '必须是应用文档',
        });
      const docId = (definition as { id?: unknown }).id;
      if (docId !== undefined && docId !== request.params.app)
        fail('VALIDATION_FAILED', '/id', {
          en: 'must equal the app id in the URL',
          'zh-CN': '必须与 URL 中的应用标识一致',
        });
      if (baseRevision !== undefined && (typeof baseRevision !== 'number' || !Number.isInteger(baseRevision)))
        fail('VALIDATION_FAILED', '/baseRevision', { en: 'must be an integer', 'zh-CN': '必须是整数' });
      const base = (baseRevision as number | undefined) ?? ifMatchNumber(request.headers['if-match']);
      const saved = unwrap(await store.apps.saveDraft(actor, request.params.app, definition, base));
      reply.header('etag', `"${saved.revision}"`);
      return { revision: saved.revision };
    },
  );

  app.post(
    '/api/apps/:app/publish',
    {
      schema: schemaOf(API.apps.publish),
    },
    async (request, reply) => {
      const actor = requireAdmin(request);
      const appId = request.params.app;
      const draft = unwrap(await store.apps.getDraft(actor, appId));
      const current = await store.apps.getVersion(actor, appId);
      const definition = unwrap(
        checkForPublish(
          draft.definition,
          current.ok ? current.value.definition : undefined,
          requestLocale(request),
        ),
        422,
      );
      unwrap(await checkNamedApprovers(store, actor.workspaceId, definition), 422);
      if (request.query.dryRun === '1' || request.query.dryRun === 'true') {
        const changes = unwrap(await store.apps.planPublish(actor, appId, definition), 422);
        return { dryRun: true as const, changes };
      }
      const result = unwrap(await store.apps.publish(actor, appId, definition, request.body?.note), 422);
      await published.latest(actor, appId);
      reply.status(201);
      return result;
    },
  );

  app.get(
    '/api/apps/:app/versions',
    {
      schema: schemaOf(API.apps.listVersions),
    },
    async (request) => {
      const versions = unwrap(await store.apps.versions(requireActor(request), request.params.app));
      return { versions };
    },
  );

  app.get(
    '/api/apps/:app/published',
    {
      schema: schemaOf(API.apps.getPublished),
    },
    async (request) => {
      const actor = requireActor(request);
      const latest = await published.latest(actor, request.params.app);
      const ruleContext = await clientRuleContext(app.stagecraft, actor, latest.definition, clock.now());
      return { version: latest.version, definition: latest.definition, ruleContext };
    },
  );

  app.get(
    '/api/apps/:app/versions/:version',
    {
      schema: schemaOf(API.apps.getVersion),
    },
    async (request) =>
      unwrap(await store.apps.getVersion(requireActor(request), request.params.app, request.params.version)),
  );

  app.post(
    '/api/apps/:app/versions/:version/rollback',
    {
      schema: schemaOf(API.apps.rollback),
    },
    async (request, reply) => {
      const actor = requireAdmin(request);
      const { app: appId, version } = request.params;
      const old = unwrap(await store.apps.getVersion(actor, appId, version));
      const current = unwrap(await store.apps.getVersion(actor, appId));
      const definition = unwrap(
        checkForPublish(old.definition, current.definition, requestLocale(request)),
        422,
      );
      if (request.query.dryRun === '1' || request.query.dryRun === 'true') {
        const changes = unwrap(await store.apps.planPublish(actor, appId, definition), 422);
        return { dryRun: true as const, changes, rolledBackTo: version };
      }
      const note = request.body?.note ?? `rollback to version ${version}`;
      const result = unwrap(await store.apps.publish(actor, appId, definition, note), 422);
      reply.status(201);
      return { ...result, rolledBackTo: version };
    },
  );

  app.get('/api/apps/:app/diff', { schema: schemaOf(API.apps.diffVersions) }, async (request) => {
    const actor = requireAdmin(request);
    const { from, to } = request.query;
    const before = unwrap(await store.apps.getVersion(actor, request.params.app, from));
    const after = unwrap(await store.apps.getVersion(actor, request.params.app, to));
    return { from, to, changes: diffAppDocuments(before.definition, after.definition) };
  });
};
