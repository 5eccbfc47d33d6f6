/**
 * Import jobs over HTTP (docs/import-jobs.md): start one from a file (202), poll it, cancel it,
 * commit a passed dry run. A job is visible to the user who started it and to admins of the
 * workspace; anyone else gets 404 NOT_FOUND.
 */
import { API, type ImportJob } from '@stagecraft/contract';
import type { Issue, Locale } from '@stagecraft/schema';
import type { Actor, ImportJobRow } from '@stagecraft/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../auth/request-context.js';
import { localizeIssue } from '../errors/envelope.js';
import { fail } from '../errors/issues-error.js';
import { requestLocale } from '../errors/locale.js';
import { startImportJob } from '../imports/import-upload.js';
import type { ServerServices } from '../services.js';
import { schemaOf } from './contract-schema.js';

const truthy = (v: string | undefined) => v === '1' || v === 'true';

/** The job as the API shows it, in the caller's language. */
export function jobView(job: ImportJobRow, locale: Locale): ImportJob {
  const issues = job.issues as Issue[] | null;
  const error = job.error as Issue | null;
  return {
    id: job.id,
    appId: job.appId,
    entityId: job.entityId,
    fileName: job.fileName,
    mode: job.mode,
    dryRun: job.dryRun,
    state: job.state,
    phase: job.state === 'queued' || job.state === 'running' ? job.phase : null,
    progress: {
      bytesTotal: job.bytesTotal,
      bytesRead: job.bytesRead,
      rowsRead: job.rowsRead,
      rowsWritten: job.rowsWritten,
      rowsPerSecond: job.rowsPerSecond,
      etaSeconds: job.etaSeconds,
    },
    report: (job.report as ImportJob['report']) ?? null,
    issues: issues
      ? issues.map((i) => ({
          path: i.path,
          code: i.code,
          message: localizeIssue(i, locale),
          ...(i.details === undefined ? {} : { details: i.details }),
        }))
      : null,
    error: error ? { code: error.code, message: localizeIssue(error, locale) } : null,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

/** The job if this actor may see it (its starter, or an admin of its workspace), else NOT_FOUND. */
export async function visibleJob(services: ServerServices, actor: Actor, id: string): Promise<ImportJobRow> {
  const job = services.imports?.live(id) ?? (await services.store.importJobs.get(id));
  if (
    !job ||
    job.workspaceId !== actor.workspaceId ||
    (job.userId !== actor.userId && !actor.roles.includes('admin'))
  )
    fail('NOT_FOUND');
  return job;
}

/** Import job routes; registered inside the import plugin (its body parsers). */
export const importJobRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.stagecraft;

  app.post(
    '/api/apps/:app/entities/:entity/imports',
    { schema: schemaOf(API.transfer.startImport) },
    async (request, reply) => {
      const job = await startImportJob(services, request, request.params, {
        dryRun: truthy(request.query.dryRun),
        encoding: request.query.encoding,
        mode: request.query.mode ?? 'create',
      });
      reply.status(202);
      return jobView(job, requestLocale(request));
    },
  );

  app.get('/api/imports/:id', { schema: schemaOf(API.transfer.getImport) }, async (request) => {
    const job = await visibleJob(services, requireActor(request), request.params.id);
    return jobView(job, requestLocale(request));
  });

  app.post('/api/imports/:id/cancel', { schema: schemaOf(API.transfer.cancelImport) }, async (request) => {
    const job = await visibleJob(services, requireActor(request), request.params.id);
    const cancelled = await services.store.importJobs.cancel(job.id, services.clock.now());
    if (!cancelled) fail('IMPORT_FINISHED');
    return jobView(cancelled, requestLocale(request));
  });

  app.post(
    '/api/imports/:id/commit',
    { schema: schemaOf(API.transfer.commitImport) },
    async (request, reply) => {
      const job = await visibleJob(services, requireActor(request), request.params.id);
      const row = services.imports?.live(job.id) ? await services.store.importJobs.get(job.id) : job;
      if (row?.state !== 'done' || !row.dryRun || !row.fileKey) fail('IMPORT_NOT_COMMITTABLE');
      const next = await services.store.importJobs.requeue(row, { dryRun: false }, services.clock.now());
      services.imports?.kick();
      reply.status(202);
      return jobView(next, requestLocale(request));
    },
  );
};
