/**
 * What admins see of the runner: the run log (trigger, condition result, the action jobs and how
 * they ended, errors), jobs by status with dead letters, retrying a dead job, webhook deliveries.
 */
import { API } from '@stagecraft/contract';
import type { Job } from '@stagecraft/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireAdmin } from '../auth/request-context.js';
import { fail } from '../errors/issues-error.js';
import { schemaOf } from './contract-schema.js';

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
      schema: schemaOf(API.automation.automationRuns),
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
      schema: schemaOf(API.automation.automationJobs),
    },
    async (request) => {
      const actor = requireAdmin(request);
      return { jobs: (await jobs.list(actor.workspaceId, request.query.status)).map(jobView) };
    },
  );

  app.post(
    '/api/automation/jobs/:id/retry',
    {
      schema: schemaOf(API.automation.retryJob),
    },
    async (request) => {
      const actor = requireAdmin(request);
      const job = await jobs.retry(actor.workspaceId, request.params.id, clock.now());
      if (!job) fail('JOB_NOT_FOUND', '/id');
      return jobView(job);
    },
  );
};
