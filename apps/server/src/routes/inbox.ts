/** The signed-in user's inbox: notifications newest first, the unread count for the bell, mark read. */
import { API } from '@stagecraft/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../auth/request-context.js';
import { schemaOf } from './contract-schema.js';

/** Inbox route plugin. */
export const inboxRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, clock } = app.stagecraft;
  const inbox = store.automation.inbox;

  app.get(
    '/api/inbox',
    {
      schema: schemaOf(API.inbox.listInbox),
    },
    async (request) => {
      const actor = requireActor(request);
      const [notifications, unread] = await Promise.all([
        inbox.list(actor.workspaceId, actor.userId, { unreadOnly: request.query.unread === 'true' }),
        inbox.unreadCount(actor.workspaceId, actor.userId),
      ]);
      return { notifications, unread };
    },
  );

  app.get(
    '/api/inbox/count',
    {
      schema: schemaOf(API.inbox.inboxCount),
    },
    async (request) => {
      const actor = requireActor(request);
      return { unread: await inbox.unreadCount(actor.workspaceId, actor.userId) };
    },
  );

  app.post(
    '/api/inbox/read',
    {
      schema: schemaOf(API.inbox.markRead),
    },
    async (request) => {
      const actor = requireActor(request);
      const marked = await inbox.markRead(actor.workspaceId, actor.userId, clock.now(), request.body.ids);
      return { marked, unread: await inbox.unreadCount(actor.workspaceId, actor.userId) };
    },
  );
};
