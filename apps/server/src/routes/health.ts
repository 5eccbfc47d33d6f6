/** `GET /api/health`: liveness for load balancers and the e2e runner; public. */
import { API } from '@stagecraft/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { schemaOf } from './contract-schema.js';

/** Health route plugin. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/health', { config: { public: true }, schema: schemaOf(API.health.health) }, async () => ({
    status: 'ok' as const,
  }));
};
