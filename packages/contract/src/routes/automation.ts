/** What admins see of the automation runner: runs, jobs, retries, webhook deliveries. */
import { z } from 'zod';
import { route } from '../route.js';

const JobStatus = z.enum(['pending', 'running', 'done', 'dead']);

/** A queue job; dead ones are the dead letters. */
export const JobOut = z.object({
  id: z.number(),
  kind: z.string(),
  key: z.string(),
  status: JobStatus,
  attempts: z.number(),
  maxAttempts: z.number(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  payload: z.unknown(),
});
export type JobOut = z.infer<typeof JobOut>;

/** One firing of an automation with how its action jobs ended. */
export const RunOut = z.object({
  id: z.number(),
  appId: z.string(),
  automationId: z.string(),
  entityId: z.string(),
  recordId: z.string().nullable(),
  trigger: z.string(),
  condition: z.boolean().nullable(),
  error: z.string().nullable(),
  at: z.string(),
  actions: z.array(
    z.object({ key: z.string(), status: z.string(), attempts: z.number(), lastError: z.string().nullable() }),
  ),
});
export type RunOut = z.infer<typeof RunOut>;

/** One webhook attempt. */
export const DeliveryOut = z.object({
  id: z.number(),
  jobKey: z.string(),
  url: z.string(),
  attempt: z.number(),
  status: z.number().nullable(),
  error: z.string().nullable(),
  durationMs: z.number(),
  at: z.string(),
});
export type DeliveryOut = z.infer<typeof DeliveryOut>;

/** `GET /api/automation/runs` */
export const automationRuns = route({
  method: 'GET',
  path: '/api/automation/runs',
  tags: ['automation'],
  summary: 'Run log (admin): each firing with its condition result, actions and errors',
  querystring: z
    .object({
      app: z.string().max(100).optional(),
      automation: z.string().max(100).optional(),
      limit: z.coerce.number().int().min(1).max(1000).optional(),
    })
    .strict(),
  responses: { 200: z.object({ runs: z.array(RunOut) }) },
});

/** `GET /api/automation/jobs` */
export const automationJobs = route({
  method: 'GET',
  path: '/api/automation/jobs',
  tags: ['automation'],
  summary: 'Jobs of the workspace by status (admin); `status=dead` is the dead-letter list',
  querystring: z.object({ status: JobStatus.optional() }).strict(),
  responses: { 200: z.object({ jobs: z.array(JobOut) }) },
});

/** `POST /api/automation/jobs/:id/retry` */
export const retryJob = route({
  method: 'POST',
  path: '/api/automation/jobs/:id/retry',
  tags: ['automation'],
  summary: 'Put a dead job back in the queue with fresh attempts (admin)',
  params: z.object({ id: z.coerce.number().int().positive() }),
  responses: { 200: JobOut },
});

/** `GET /api/automation/webhook-deliveries` */
export const webhookDeliveries = route({
  method: 'GET',
  path: '/api/automation/webhook-deliveries',
  tags: ['automation'],
  summary: 'Webhook delivery attempts, newest first (admin); `job` narrows to one delivery',
  querystring: z.object({ job: z.string().max(500).optional() }).strict(),
  responses: { 200: z.object({ deliveries: z.array(DeliveryOut) }) },
});
