/** Webhook delivery attempts (admin): url, attempt, HTTP status or error, duration, time. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin } from '../auth/request-context.js';

const DeliveryOut = z.object({
  id: z.number(),
  jobKey: z.string(),
  url: z.string(),
  attempt: z.number(),
  status: z.number().nullable(),
  error: z.string().nullable(),
  durationMs: z.number(),
  at: z.string(),
});

/** Webhook deliveries route plugin. */
export const webhookRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store } = app.stagecraft;
  app.get(
    '/api/automation/webhook-deliveries',
    {
      schema: {
        tags: ['automation'],
        summary: 'Webhook delivery attempts, newest first (admin); `job` narrows to one delivery',
        querystring: z.object({ job: z.string().max(500).optional() }).strict(),
        response: { 200: z.object({ deliveries: z.array(DeliveryOut) }) },
      },
    },
    async (request) => {
      const actor = requireAdmin(request);
      return {
        deliveries: await store.automation.automation.deliveries(actor.workspaceId, request.query.job),
      };
    },
  );
};
