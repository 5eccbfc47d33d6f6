/** "My tasks": the task records automations assigned to the signed-in user, soonest due first. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../auth/request-context.js';

const TaskOut = z.object({
  appId: z.string(),
  entityId: z.string(),
  recordId: z.string().nullable(),
  title: z.string().nullable(),
  dueAt: z.string().nullable(),
  createdAt: z.string(),
  overdue: z.boolean(),
});

/** Tasks route plugin. */
export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, clock } = app.stagecraft;
  app.get(
    '/api/tasks/mine',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Tasks assigned to me by automations, with due dates',
        response: { 200: z.object({ tasks: z.array(TaskOut) }) },
      },
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
