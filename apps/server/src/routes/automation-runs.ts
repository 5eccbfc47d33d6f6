/**
 * What admins see of the runner: the run log (trigger, condition result, the action jobs and how
 * they ended, errors), jobs by status with dead letters, retrying a dead job, webhook deliveries.
 */
import type { Job } from '@stagecraft/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin } from '../auth/request-context.js';
import { fail } from '../errors/issues-error.js';

const JobOut = z.object({
  id: z.number(),
  kind: z.string(),
  key: z.string(),
  status: z.enum(['pending', 'running', 'done', 'dead']),
  attempts: z.number(),
  maxAttempts: z.number(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  payload: z.unknown(),
});
const RunOut = z.object({
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
const jobView = (j: Job) => ({
  id: j.id,
  kind: j.kind,
  key: j.key,
  status: j.status,
  attempts: j.attempts,
  maxAttempts: j.maxAttempts,
  runAt: j.runAt,
  lastError: j.lastError,
  createdAt: j.createdAt,
  finishedAt: j.finishedAt,
  payload: j.payload,
});

/** Automation admin route plugin. */
export const automationRunRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, clock } = app.stagecraft;
  const { jobs, automation } = store.automation;

  app.get(
    '/api/automation/runs',
    {
      schema: {
        tags: ['automation'],
        summary: 'Run log (admin): each firing with its condition result, actions and errors',
        querystring: z
          .object({
            app: z.string().max(100).optional(),
            automation: z.string().max(100).optional(),
            limit: z.coerce.number().int().min(1).max(1000).optional(),
          })
          .strict(),
        response: { 200: z.object({ runs: z.array(RunOut) }) },
      },
    },
    async (request) => {
      const actor = requireAdmin(request);
      const { app: appId, automation: automationId, limit } = request.query;
      const runs = await automation.runs(actor.workspaceId, {
        ...(appId ? { appId } : {}),
        ...(automationId ? { automationId } : {}),
        ...(limit ? { limit } : {}),
      });
      const byKey = new Map(
        (
          await jobs.byKeys(
            actor.workspaceId,
            runs.flatMap((r) => r.jobs),
          )
        ).map((j) => [j.key, j]),
      );
      return {
        runs: runs.map(({ jobs: keys, key: _key, ...run }) => ({
          ...run,
          actions: keys.map((k) => {
            const job = byKey.get(k);
            return {
              key: k,
              status: job?.status ?? 'unknown',
              attempts: job?.attempts ?? 0,
              lastError: job?.lastError ?? null,
            };
          }),
        })),
      };
    },
  );

  app.get(
    '/api/automation/jobs',
    {
      schema: {
        tags: ['automation'],
        summary: 'Jobs of the workspace by status (admin); `status=dead` is the dead-letter list',
        querystring: z.object({ status: z.enum(['pending', 'running', 'done', 'dead']).optional() }).strict(),
        response: { 200: z.object({ jobs: z.array(JobOut) }) },
      },
    },
    async (request) => {
      const actor = requireAdmin(request);
      return { jobs: (await jobs.list(actor.workspaceId, request.query.status)).map(jobView) };
    },
  );

  app.post(
    '/api/automation/jobs/:id/retry',
    {
      schema: {
        tags: ['automation'],
        summary: 'Put a dead job back in the queue with fresh attempts (admin)',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: JobOut },
      },
    },
    async (request) => {
      const actor = requireAdmin(request);
      const job = await jobs.retry(actor.workspaceId, request.params.id, clock.now());
      if (!job) fail('JOB_NOT_FOUND', '/id');
      return jobView(job);
    },
  );
};
