/**
 * Import jobs (docs/import-jobs.md): the uploaded file in blob storage, the job row a runner
 * claims with a lease, its progress, and its end. Rows are staged and moved by ./import-staging.ts;
 * the `done` mark is written by that move's transaction, so a job's records are committed once.
 */
import type { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { BlobStorage } from '../attachments/blob-storage.js';
import type { Actor, Result } from '../contract.js';
import type { Db } from '../db.js';
import { type CopyIn, openStaging, type StagingSession } from './import-staging.js';

/** Where a job is in its life. */
export type ImportJobStateName = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** One import job as stored. */
export interface ImportJobRow {
  id: string;
  workspaceId: string;
  userId: string;
  /** Who started it, as they were then: the job runs with these rights. */
  actor: Actor;
  appId: string;
  entityId: string;
  fileName: string;
  /** Null once the file was removed (finished and past retention). */
  fileKey: string | null;
  fileType: 'csv' | 'xlsx';
  mode: 'create' | 'upsert';
  dryRun: boolean;
  encoding: string | null;
  locale: string;
  state: ImportJobStateName;
  phase: 'upload' | 'read' | 'validate' | 'write' | null;
  bytesTotal: number;
  bytesRead: number;
  rowsRead: number;
  rowsWritten: number;
  rowsPerSecond: number | null;
  etaSeconds: number | null;
  report: unknown;
  issues: unknown;
  error: { code: string; message: string } | null;
  workerId: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** What a job's creator chooses. */
export interface NewImportJob {
  appId: string;
  entityId: string;
  fileName: string;
  fileType: 'csv' | 'xlsx';
  mode: 'create' | 'upsert';
  dryRun: boolean;
  encoding: string | null;
  locale: string;
}

/** Progress a runner reports (any subset). */
export interface ImportProgress {
  phase?: ImportJobRow['phase'];
  bytesRead?: number;
  rowsRead?: number;
  rowsWritten?: number;
  rowsPerSecond?: number | null;
  etaSeconds?: number | null;
}

export interface ImportJobRepository {
  /**
   * Streams the file to blob storage (never held whole), then queues the job. Over `maxBytes` the
   * blob storage throws BlobTooLargeError and nothing is left.
   */
  create(
    actor: Actor,
    job: NewImportJob,
    body: Readable | AsyncIterable<Uint8Array>,
    options: { now: Date; maxBytes: number },
  ): Promise<ImportJobRow>;
  /** A new queued job over the same stored file as `from` (committing a dry run). */
  requeue(from: ImportJobRow, changes: { dryRun: boolean }, now: Date): Promise<ImportJobRow>;
  get(id: string): Promise<ImportJobRow | null>;
  /**
   * Takes the oldest queued job, or a running one whose lease ran out (its process died), for
   * `workerId` until `now + leaseMs`. A claimed job is read from the start of its file.
   */
  claim(workerId: string, now: Date, leaseMs: number): Promise<ImportJobRow | null>;
  /** Records progress and renews the lease; false when the job is no longer this worker's (cancelled). */
  progress(id: string, workerId: string, progress: ImportProgress, leaseUntil: Date): Promise<boolean>;
  /** Ends a running job of this worker as failed, or as done without writing (a dry run). */
  finish(
    id: string,
    workerId: string,
    end:
      | { state: 'failed'; issues?: unknown; error?: { code: string; message: string } }
      | { state: 'done'; report: unknown },
    now: Date,
  ): Promise<boolean>;
  /** Cancels a queued or running job; null when it had already finished. */
  cancel(id: string, now: Date): Promise<ImportJobRow | null>;
  /** The stored file's bytes. */
  openFile(job: ImportJobRow): Promise<Readable | null>;
  /**
   * Removes the files of jobs finished before `before` (a dry run's file is kept that long so it
   * can be committed) and returns how many.
   */
  removeOldFiles(before: Date): Promise<number>;
  /**
   * Forgets a finished job: its row, and its file unless another job uses it (the synchronous
   * import route, whose answer carries the outcome: a refused request leaves nothing behind).
   */
  remove(id: string): Promise<void>;
  /** The staging of a job's rows and its one-transaction commit (./import-staging.ts). */
  openStaging(actor: Actor, job: ImportJobRow): Promise<Result<StagingSession>>;
}

// biome-ignore lint/suspicious/noExplicitAny: rows mapped by hand
type Row = Record<string, any>;

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const maybe = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const iso = (v: unknown) =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v);

function rowOf(r: Row): ImportJobRow {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    userId: r.user_id,
    actor: r.actor as Actor,
    appId: r.app_id,
    entityId: r.entity_id,
    fileName: r.file_name,
    fileKey: r.file_key ?? null,
    fileType: r.file_type,
    mode: r.mode,
    dryRun: Boolean(r.dry_run),
    encoding: r.encoding ?? null,
    locale: r.locale,
    state: r.state,
    phase: r.phase ?? null,
    bytesTotal: num(r.bytes_total),
    bytesRead: num(r.bytes_read),
    rowsRead: num(r.rows_read),
    rowsWritten: num(r.rows_written),
    rowsPerSecond: maybe(r.rows_per_second),
    etaSeconds: maybe(r.eta_seconds),
    report: r.report ?? null,
    issues: r.issues ?? null,
    error: r.error ?? null,
    workerId: r.worker_id ?? null,
    attempts: num(r.attempts),
    createdAt: iso(r.created_at) as string,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}

/** The job repository over one database and blob storage. */
export function createImportJobRepository(
  db: Db,
  blobs: BlobStorage,
  newId: () => string,
  copyIn: CopyIn,
): ImportJobRepository {
  const insert = async (values: Row) => {
    const row = await db.insertInto('import_jobs').values(values).returningAll().executeTakeFirstOrThrow();
    return rowOf(row);
  };
  return {
    async create(actor, job, body, { now, maxBytes }) {
      const id = newId();
      const fileKey = `imports/${id.replace(/[^A-Za-z0-9_-]/g, '')}`;
      const put = await blobs.put(fileKey, body, { maxBytes });
      try {
        return await insert({
          id,
          workspace_id: actor.workspaceId,
          user_id: actor.userId,
          actor: JSON.stringify(actor),
          app_id: job.appId,
          entity_id: job.entityId,
          file_name: job.fileName,
          file_key: fileKey,
          file_type: job.fileType,
          mode: job.mode,
          dry_run: job.dryRun,
          encoding: job.encoding,
          locale: job.locale,
          state: 'queued',
          phase: 'read',
          bytes_total: put.size,
          created_at: now.toISOString(),
        });
      } catch (error) {
        await blobs.delete(fileKey);
        throw error;
      }
    },

    async requeue(from, changes, now) {
      return insert({
        id: newId(),
        workspace_id: from.workspaceId,
        user_id: from.userId,
        actor: JSON.stringify(from.actor),
        app_id: from.appId,
        entity_id: from.entityId,
        file_name: from.fileName,
        file_key: from.fileKey,
        file_type: from.fileType,
        mode: from.mode,
        dry_run: changes.dryRun,
        encoding: from.encoding,
        locale: from.locale,
        state: 'queued',
        phase: 'read',
        bytes_total: from.bytesTotal,
        created_at: now.toISOString(),
      });
    },

    async get(id) {
      const row = await db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? rowOf(row) : null;
    },

    async claim(workerId, now, leaseMs) {
      const at = now.toISOString();
      const until = new Date(now.getTime() + leaseMs).toISOString();
      const { rows } = await sql<Row>`
        update import_jobs set state = 'running', phase = 'read', worker_id = ${workerId},
          lease_until = ${until}, attempts = attempts + 1, started_at = coalesce(started_at, ${at}),
          bytes_read = 0, rows_read = 0, rows_written = 0, rows_per_second = null, eta_seconds = null
        where id = (
          select id from import_jobs
          where state = 'queued' or (state = 'running' and lease_until < ${at})
          order by created_at limit 1 for update skip locked)
        returning *`.execute(db);
      return rows[0] ? rowOf(rows[0]) : null;
    },

    async progress(id, workerId, progress, leaseUntil) {
      const set: Row = { lease_until: leaseUntil.toISOString() };
      if (progress.phase !== undefined) set.phase = progress.phase;
      if (progress.bytesRead !== undefined) set.bytes_read = progress.bytesRead;
      if (progress.rowsRead !== undefined) set.rows_read = progress.rowsRead;
      if (progress.rowsWritten !== undefined) set.rows_written = progress.rowsWritten;
      if (progress.rowsPerSecond !== undefined) set.rows_per_second = progress.rowsPerSecond;
      if (progress.etaSeconds !== undefined) set.eta_seconds = progress.etaSeconds;
      const result = await db
        .updateTable('import_jobs')
        .set(set)
        .where('id', '=', id)
        .where('worker_id', '=', workerId)
        .where('state', '=', 'running')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async finish(id, workerId, end, now) {
      const result = await db
        .updateTable('import_jobs')
        .set({
          state: end.state,
          phase: null,
          lease_until: null,
          finished_at: now.toISOString(),
          eta_seconds: null,
          ...(end.state === 'done'
            ? { report: JSON.stringify(end.report), bytes_read: sql`bytes_total` }
            : {
                issues: end.issues === undefined ? null : JSON.stringify(end.issues),
                error: end.error === undefined ? null : JSON.stringify(end.error),
              }),
        })
        .where('id', '=', id)
        .where('worker_id', '=', workerId)
        .where('state', '=', 'running')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async cancel(id, now) {
      const row = await db
        .updateTable('import_jobs')
        .set({
          state: 'cancelled',
          phase: null,
          lease_until: null,
          eta_seconds: null,
          finished_at: now.toISOString(),
        })
        .where('id', '=', id)
        .where('state', 'in', ['queued', 'running'])
        .returningAll()
        .executeTakeFirst();
      return row ? rowOf(row) : null;
    },

    async remove(id) {
      const row = await db
        .deleteFrom('import_jobs')
        .where('id', '=', id)
        .where('state', 'in', ['done', 'failed', 'cancelled'])
        .returning('file_key')
        .executeTakeFirst();
      const key = row?.file_key as string | null | undefined;
      if (!key) return;
      const other = await db
        .selectFrom('import_jobs')
        .select('id')
        .where('file_key', '=', key)
        .executeTakeFirst();
      if (!other) await blobs.delete(key);
    },

    openStaging(actor, job) {
      return openStaging(db, actor, job.id, job.appId, job.entityId, newId, copyIn);
    },

    openFile(job) {
      return job.fileKey ? blobs.get(job.fileKey) : Promise.resolve(null);
    },

    async removeOldFiles(before) {
      const rows = await db
        .selectFrom('import_jobs')
        .select(['id', 'file_key'])
        .where('state', 'in', ['done', 'failed', 'cancelled'])
        .where('finished_at', '<', before.toISOString())
        .where('file_key', 'is not', null)
        .execute();
      let removed = 0;
      for (const r of rows) {
        const key = r.file_key as string;
        // Another job (a committed dry run) may share the file: keep it while that one is open.
        const open = await db
          .selectFrom('import_jobs')
          .select('id')
          .where('file_key', '=', key)
          .where((eb) =>
            eb.or([eb('state', 'in', ['queued', 'running']), eb('finished_at', '>=', before.toISOString())]),
          )
          .executeTakeFirst();
        if (open) continue;
        await blobs.delete(key);
        await db.updateTable('import_jobs').set({ file_key: null }).where('file_key', '=', key).execute();
        removed++;
      }
      return removed;
    },
  };
}
