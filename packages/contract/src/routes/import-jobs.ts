/**
 * Imports as jobs: the file is streamed to storage, then read, validated and written in the
 * background while the caller polls the job for its progress. The commit stays all or nothing.
 */
import { z } from 'zod';
import { EntityParams, ErrorDetail, Flag, IdParams } from '../common.js';
import { route } from '../route.js';
import { CSV_TYPES, ImportMode, ImportReport, TextEncoding, XLSX_TYPES } from './import-export.js';

/** Where a job is in its life. */
export const ImportJobState = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type ImportJobState = z.infer<typeof ImportJobState>;

/** What a queued or running job is doing: storing the upload, reading, validating or writing rows. */
export const ImportJobPhase = z.enum(['upload', 'read', 'validate', 'write']);
export type ImportJobPhase = z.infer<typeof ImportJobPhase>;

/** How far a job got, for a progress bar and an ETA. */
export const ImportJobProgress = z.object({
  /** Size of the stored file. */
  bytesTotal: z.number(),
  /** Bytes of the stored file read so far. */
  bytesRead: z.number(),
  rowsRead: z.number(),
  /** Grows only in the write phase. */
  rowsWritten: z.number(),
  rowsPerSecond: z.number().nullable(),
  etaSeconds: z.number().nullable(),
});
export type ImportJobProgress = z.infer<typeof ImportJobProgress>;

/** One import job as its starter (or an admin) sees it. */
export const ImportJob = z.object({
  id: z.string(),
  appId: z.string(),
  entityId: z.string(),
  fileName: z.string(),
  mode: ImportMode,
  dryRun: z.boolean(),
  state: ImportJobState,
  phase: ImportJobPhase.nullable(),
  progress: ImportJobProgress,
  /** When done. */
  report: ImportReport.nullable(),
  /**
   * When failed because rows were refused: the issues the import route's 422 IMPORT_INVALID
   * carries (path `/rows/<line>/<field>`, details `{ line, column, field, cause }`), capped with
   * one "N more" issue at `/rows`.
   */
  issues: z.array(ErrorDetail).nullable(),
  /** When failed for another reason (the file unreadable, no column matching…), localized. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;

/** `POST …/imports` */
export const startImport = route({
  method: 'POST',
  path: '/api/apps/:app/entities/:entity/imports',
  tags: ['records'],
  summary:
    'Start an import job from a CSV or Excel file (multipart field `file`, or the body with a bearer token); poll GET /api/imports/:id',
  params: EntityParams,
  querystring: z
    .object({
      dryRun: Flag.optional(),
      /** Reads a CSV in this encoding instead of the detected one. */
      encoding: TextEncoding.optional(),
      /** `create` (default) or `upsert` (needs a dedupe key on the entity). */
      mode: ImportMode.optional(),
    })
    .strict(),
  consumes: [...CSV_TYPES, ...XLSX_TYPES, 'multipart/form-data'],
  responses: { 202: ImportJob },
});

/** `GET /api/imports/:id` */
export const getImport = route({
  method: 'GET',
  path: '/api/imports/:id',
  tags: ['records'],
  summary: 'An import job: its state, phase, progress and, when finished, its report or refusal',
  params: IdParams,
  responses: { 200: ImportJob },
});

/** `POST /api/imports/:id/cancel` */
export const cancelImport = route({
  method: 'POST',
  path: '/api/imports/:id/cancel',
  tags: ['records'],
  summary: 'Cancel a queued or running import job; nothing is written',
  params: IdParams,
  responses: { 200: ImportJob },
});

/** `POST /api/imports/:id/commit` */
export const commitImport = route({
  method: 'POST',
  path: '/api/imports/:id/commit',
  tags: ['records'],
  summary: 'Import for real the file of a finished dry run whose rows all passed (a new job)',
  params: IdParams,
  responses: { 202: ImportJob },
});
