/**
 * The durable job queue: rows in `jobs`, claimed with `FOR UPDATE SKIP LOCKED` so workers in any
 * number of processes never take the same job, leased so a job whose worker died is taken again
 * after `leaseMs`, retried with exponential backoff and parked as dead after `maxAttempts`. Runs on
 * PostgreSQL and PGlite alike (no LISTEN/NOTIFY, no advisory locks). See docs/decisions/job-queue.md.
 */
import { sql } from 'kysely';
import type { Db, Trx } from '../db.js';
import { backoffDelay, type Job, type JobInput, toJob } from './job-rows.js';

export type { Job, JobInput };

/** Options of a claim. */
export interface ClaimOptions {
  leaseMs: number;
  limit: number;
}

/** The queue over the store's database. */
export interface JobQueue {
  /**
   * Inserts jobs (inside `trx` when given, so they commit with the caller's writes); a key that
   * exists already is skipped (idempotency). Returns the keys inserted.
   */
  enqueue(jobs: JobInput[], now: Date, trx?: Trx): Promise<string[]>;
  /** Takes up to `limit` due jobs (pending, or running with an expired lease) for `worker`. */
  claim(worker: string, now: Date, options: ClaimOptions): Promise<Job[]>;
  /**
   * Marks a claimed job done inside the caller's transaction, so the job's writes and its completion
   * commit together. False when the worker no longer holds the job (lease lost): roll back then.
   */
  complete(trx: Trx, job: Job, worker: string, now: Date): Promise<boolean>;
  /** Records a failure: back to pending after a backoff, or dead once attempts are used up. */
  fail(
    job: Job,
    worker: string,
    now: Date,
    error: string,
    backoff?: { baseMs: number; maxMs: number },
  ): Promise<'retry' | 'dead' | 'lost'>;
  /** Jobs of a workspace by status, newest first (dead letters: `status: 'dead'`). */
  list(workspaceId: string, status?: Job['status'], limit?: number): Promise<Job[]>;
  /** Jobs by idempotency key, for run logs. */
  byKeys(workspaceId: string, keys: string[]): Promise<Job[]>;
  /** Puts a dead job back in the queue with fresh attempts (admin). */
  retry(workspaceId: string, id: number, now: Date): Promise<Job | null>;
  /** Jobs not done or dead (all workspaces): the runner is idle when none is due. */
  openCount(): Promise<number>;
  /** The earliest run time of an open job, for the runner to sleep until. */
  nextRunAt(): Promise<Date | null>;
}

/** Default retry delays: 5 s, 10 s, 20 s … capped at one hour. */
export const DEFAULT_BACKOFF = { baseMs: 5_000, maxMs: 3_600_000 };

/** Builds the queue. */
export function createJobQueue(db: Db): JobQueue {
  return {
    async enqueue(jobs, now, trx) {
      if (jobs.length === 0) return [];
      const rows = await (trx ?? db)
        .insertInto('jobs')
        .values(
          jobs.map((j) => ({
            workspace_id: j.workspaceId,
            kind: j.kind,
            key: j.key,
            payload: JSON.stringify(j.payload ?? {}),
            run_at: (j.runAt ?? now).toISOString(),
            max_attempts: j.maxAttempts ?? 5,
            created_at: now.toISOString(),
          })),
        )
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key')
        .execute();
      return rows.map((r) => String(r.key));
    },

    async claim(worker, now, { leaseMs, limit }) {
      const at = now.toISOString();
      const until = new Date(now.getTime() + leaseMs).toISOString();
      const result = await sql<Record<string, unknown>>`
        update jobs set status = 'running', attempts = attempts + 1, locked_by = ${worker},
          locked_until = ${until}::timestamptz
        where id in (
          select id from jobs
          where (status = 'pending' and run_at <= ${at}::timestamptz)
             or (status = 'running' and locked_until <= ${at}::timestamptz)
          order by run_at, id
          limit ${limit}
          for update skip locked
        )
        returning *`.execute(db);
      return result.rows.map(toJob).sort((a, b) => a.id - b.id);
    },

    async complete(trx, job, worker, now) {
      const row = await trx
        .updateTable('jobs')
        .set({ status: 'done', locked_by: null, locked_until: null, finished_at: now.toISOString() })
        .where('id', '=', job.id)
        .where('status', '=', 'running')
        .where('locked_by', '=', worker)
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async fail(job, worker, now, error, backoff = DEFAULT_BACKOFF) {
      const dead = job.attempts >= job.maxAttempts;
      const runAt = new Date(now.getTime() + backoffDelay(job.attempts, backoff.baseMs, backoff.maxMs));
      const row = await db
        .updateTable('jobs')
        .set({
          status: dead ? 'dead' : 'pending',
          locked_by: null,
          locked_until: null,
          last_error: error.slice(0, 4000),
          run_at: dead ? job.runAt : runAt.toISOString(),
          finished_at: dead ? now.toISOString() : null,
        })
        .where('id', '=', job.id)
        .where('status', '=', 'running')
        .where('locked_by', '=', worker)
        .returning('id')
        .executeTakeFirst();
      if (!row) return 'lost';
      return dead ? 'dead' : 'retry';
    },

    async list(workspaceId, status, limit = 100) {
      let query = db.selectFrom('jobs').selectAll().where('workspace_id', '=', workspaceId);
      if (status) query = query.where('status', '=', status);
      const rows = await query.orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toJob);
    },

    async byKeys(workspaceId, keys) {
      if (keys.length === 0) return [];
      const rows = await db
        .selectFrom('jobs')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('key', 'in', keys)
        .execute();
      return rows.map(toJob);
    },

    async retry(workspaceId, id, now) {
      const row = await db
        .updateTable('jobs')
        .set({ status: 'pending', attempts: 0, run_at: now.toISOString(), finished_at: null })
        .where('id', '=', id)
        .where('workspace_id', '=', workspaceId)
        .where('status', '=', 'dead')
        .returningAll()
        .executeTakeFirst();
      return row ? toJob(row) : null;
    },

    async openCount() {
      const row = await db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', 'in', ['pending', 'running'])
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async nextRunAt() {
      const row = await db
        .selectFrom('jobs')
        .select((eb) => eb.fn.min('run_at').as('at'))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return row?.at ? new Date(String(row.at)) : null;
    },
  };
}
