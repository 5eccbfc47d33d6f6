/** "My tasks": the task records automations assigned to the signed-in user, soonest due first. */
import { API } from '@stagecraft/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../auth/request-context.js';
import { schemaOf } from './contract-schema.js';

/** Tasks route plugin. */
export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, clock } = app.stagecraft;
  app.get(
    '/api/tasks/mine',
    {
      schema: schemaOf(API.inbox.myTasks),
    },
    async (request) => {
      const actor = requireActor(request);
      const now = clock.now().getTime();
      const tasks = await store.automation.automation.tasks(actor.workspaceId, actor.userId);
      return {
        tasks: tasks.map((t) => ({
          appId: t.appId,
          entityId: t.entityId,
          recordId: t.recordId,
          title: t.title,
          dueAt: t.dueAt,
          createdAt: t.createdAt,
          overdue: t.dueAt !== null && Date.parse(t.dueAt) < now,
        })),
      };
    },
  );
};
