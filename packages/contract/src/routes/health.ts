/** `GET /api/health`. */
import { z } from 'zod';
import { route } from '../route.js';

/** Liveness for load balancers and the e2e runner; public. */
export const health = route({
  method: 'GET',
  path: '/api/health',
  public: true,
  tags: ['system'],
  summary: 'Liveness check',
  responses: { 200: z.object({ status: z.literal('ok') }) },
});
