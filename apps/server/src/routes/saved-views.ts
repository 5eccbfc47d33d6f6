/**
 * Saved views of lists on the server. A view's saved views are listed to whoever may read its
 * entity (own ones and shared ones); the owner or an admin changes or deletes one. The view must
 * exist in the published app.
 */
import { API } from '@stagecraft/contract';
import type { Actor, SavedViewRow } from '@stagecraft/store';
import { entityContextOf } from '@stagecraft/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../auth/request-context.js';
import { fail, unwrap } from '../errors/issues-error.js';
import type { ServerServices } from '../services.js';
import { authorize } from '../use-cases/authorization.js';
import { schemaOf } from './contract-schema.js';

/** The view's entity must be readable by the actor (else 403), and the view must exist (else 404). */
async function readableView(services: ServerServices, actor: Actor, appId: string, viewId: string) {
  const pub = await services.published.latest(actor, appId);
  const view = pub.definition.views.find((v) => v.id === viewId);
  if (!view) fail('NOT_FOUND', '/view');
  authorize(unwrap(entityContextOf(actor, pub.ref, view.entity)), 'read');
}

/** Saved view route plugin. */
export const savedViewRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.stagecraft;
  const { savedViews } = services.store;
  const named = async (actor: Actor, rows: SavedViewRow[]) => {
    const names = new Map(
      (await services.store.identity.users(actor.workspaceId)).map((u) => [u.id, u.name]),
    );
    return rows.map((r) => ({
      ...r,
      ownerName: names.get(r.owner) ?? null,
      mine: r.owner === actor.userId || actor.roles.includes('admin'),
    }));
  };

  app.get(
    '/api/apps/:app/views/:view/saved',
    { schema: schemaOf(API.savedViews.listSavedViews) },
    async (request) => {
      const actor = requireActor(request);
      const { app: appId, view } = request.params;
      await readableView(services, actor, appId, view);
      return { views: await named(actor, await savedViews.list(actor, appId, view)) };
    },
  );

  app.post(
    '/api/apps/:app/views/:view/saved',
    { schema: schemaOf(API.savedViews.createSavedView) },
    async (request, reply) => {
      const actor = requireActor(request);
      const { app: appId, view } = request.params;
      await readableView(services, actor, appId, view);
      const now = services.clock.now().toISOString();
      const { name, shared, state } = request.body;
      const saved = unwrap(await savedViews.create(actor, appId, view, { name, shared, state, now }));
      const [out] = await named(actor, [saved]);
      return reply.status(201).send(out as NonNullable<typeof out>);
    },
  );

  app.patch(
    '/api/apps/:app/saved-views/:id',
    { schema: schemaOf(API.savedViews.updateSavedView) },
    async (request) => {
      const actor = requireActor(request);
      const { app: appId, id } = request.params;
      const now = services.clock.now().toISOString();
      const saved = unwrap(await savedViews.update(actor, appId, id, { ...request.body, now }));
      const [out] = await named(actor, [saved]);
      return out as NonNullable<typeof out>;
    },
  );

  app.delete(
    '/api/apps/:app/saved-views/:id',
    { schema: schemaOf(API.savedViews.deleteSavedView) },
    async (request) =>
      unwrap(await savedViews.remove(requireActor(request), request.params.app, request.params.id)),
  );
};
