/** The signed-in user's inbox: notifications newest first, the unread count for the bell, mark read. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../auth/request-context.js';

const Text = z.record(z.string(), z.string());
const NotificationOut = z.object({
  id: z.number(),
  kind: z.string(),
  appId: z.string().nullable(),
  entityId: z.string().nullable(),
  recordId: z.string().nullable(),
  title: Text,
  message: Text.nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

/** Inbox route plugin. */
export const inboxRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, clock } = app.stagecraft;
  const inbox = store.automation.inbox;

  app.get(
    '/api/inbox',
    {
      schema: {
        tags: ['inbox'],
        summary: 'My notifications, newest first (`unread=true` for unread only)',
        querystring: z.object({ unread: z.enum(['true', 'false']).optional() }).strict(),
        response: { 200: z.object({ notifications: z.array(NotificationOut), unread: z.number() }) },
      },
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
      schema: {
        tags: ['inbox'],
        summary: 'Unread notifications (the bell)',
        response: { 200: z.object({ unread: z.number() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return { unread: await inbox.unreadCount(actor.workspaceId, actor.userId) };
    },
  );

  app.post(
    '/api/inbox/read',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Mark notifications read: `{ ids }`, or all when ids is omitted',
        body: z.object({ ids: z.array(z.number().int().positive()).max(500).optional() }).strict(),
        response: { 200: z.object({ marked: z.number(), unread: z.number() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const marked = await inbox.markRead(actor.workspaceId, actor.userId, clock.now(), request.body.ids);
      return { marked, unread: await inbox.unreadCount(actor.workspaceId, actor.userId) };
    },
  );
};
