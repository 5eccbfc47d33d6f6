/** Webhook delivery attempts (admin): url, attempt, HTTP status or error, duration, time. */
import { API } from '@stagecraft/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireAdmin } from '../auth/request-context.js';
import { schemaOf } from './contract-schema.js';

/** Webhook deliveries route plugin. */
export const webhookRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store } = app.stagecraft;
  app.get(
    '/api/automation/webhook-deliveries',
    {
      schema: schemaOf(API.automation.webhookDeliveries),
    },
    async (request) => {
      const actor = requireAdmin(request);
      return {
        deliveries: await store.automation.automation.deliveries(actor.workspaceId, request.query.job),
      };
    },
  );
};
