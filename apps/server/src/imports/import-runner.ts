/**
 * Runs import jobs inside the server process (started by buildApp, so `pnpm start` and tests
 * both have it). It claims queued jobs, and jobs whose lease ran out because their process died,
 * one at a time, and runs each from the start of its file (docs/import-jobs.md). Progress is kept
 * in memory for polling and written to the job row at most every PERSIST_MS (which also renews
 * the lease and tells the run whether it was cancelled).
 */
import { randomUUID } from 'node:crypto';
import { issue } from '@stagecraft/schema';
import type { ImportJobRow, ImportProgress } from '@stagecraft/store';
import type { ServerServices } from '../services.js';
import { runImportJob } from './import-job.js';

/** How often progress is written to the job row. */
const PERSIST_MS = 250;

export interface ImportRunnerOptions {
  /** A job whose worker has not written within this time is taken over (default 30 s). */
  leaseMs?: number;
  /** How often the queue is polled (default 500 ms; a new job also wakes the runner). */
  pollMs?: number;
  /** Files of finished jobs are removed after this time (default 24 h). */
  retentionMs?: number;
  log?: (message: string, error?: unknown) => void;
}

/** The import job runner of one server process. */
export class ImportRunner {
  readonly workerId = `imports-${randomUUID()}`;
  readonly #services: ServerServices;
  readonly #leaseMs: number;
  readonly #pollMs: number;
  readonly #retentionMs: number;
  readonly #log: (message: string, error?: unknown) => void;
  /** Jobs this process runs now, as last seen (polls read them without waiting for the database). */
  readonly #live = new Map<string, ImportJobRow>();
  #timer: NodeJS.Timeout | undefined;
  #loop: Promise<void> | null = null;
  #again = false;
  #stopped = true;
  #lastCleanup = 0;
  readonly #waiters = new Map<string, (() => void)[]>();

  constructor(services: ServerServices, options: ImportRunnerOptions = {}) {
    this.#services = services;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#pollMs = options.pollMs ?? 500;
    this.#retentionMs = options.retentionMs ?? 24 * 3600_000;
    this.#log = options.log ?? (() => undefined);
  }

  /** Starts polling (jobs left by a process that died are taken over once their lease ends). */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#timer = setInterval(() => this.kick(), this.#pollMs);
    this.#timer.unref();
    this.kick();
  }

  /** Stops polling and waits for the job being run to reach its next step. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#loop;
  }

  /** Looks for work now (a job was just queued). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#loop) {
      this.#again = true;
      return;
    }
    this.#loop = this.#drain()
      .catch((error: unknown) => this.#log('import runner failed', error))
      .finally(() => {
        this.#loop = null;
        if (this.#again) {
          this.#again = false;
          this.kick();
        }
      });
  }

  /** The job as this process runs it now, or undefined when it does not run it. */
  live(id: string): ImportJobRow | undefined {
    return this.#live.get(id);
  }

  /** Resolves when the job is no longer queued or running (the synchronous import route). */
  async finished(id: string): Promise<ImportJobRow | null> {
    for (;;) {
      const job = await this.#services.store.importJobs.get(id);
      if (!job || (job.state !== 'queued' && job.state !== 'running')) return job;
      await new Promise<void>((resolve) => {
        const list = this.#waiters.get(id) ?? [];
        list.push(resolve);
        this.#waiters.set(id, list);
        setTimeout(resolve, this.#pollMs).unref();
        this.kick();
      });
    }
  }

  async #drain(): Promise<void> {
    const store = this.#services.store.importJobs;
    while (!this.#stopped) {
      const job = await store.claim(this.workerId, new Date(), this.#leaseMs);
      if (!job) break;
      await this.#run(job);
    }
    if (Date.now() - this.#lastCleanup > 60_000) {
      this.#lastCleanup = Date.now();
      await store.removeOldFiles(new Date(Date.now() - this.#retentionMs));
    }
  }

  async #run(job: ImportJobRow): Promise<void> {
    const store = this.#services.store.importJobs;
    let current: ImportJobRow = { ...job, state: 'running' };
    this.#live.set(job.id, current);
    let lastWrite = 0;
    let owned = true;
    let lastPhase = current.phase;
    const progress = async (p: ImportProgress): Promise<boolean> => {
      current = { ...current, ...definedOf(p) } as ImportJobRow;
      this.#live.set(job.id, current);
      const now = Date.now();
      if (now - lastWrite < PERSIST_MS && p.phase === lastPhase) return owned;
      lastWrite = now;
      lastPhase = current.phase;
      owned = await store.progress(job.id, this.workerId, p, new Date(now + this.#leaseMs));
      return owned;
    };
    const live = (p: ImportProgress) => {
      current = { ...current, ...definedOf(p) } as ImportJobRow;
      this.#live.set(job.id, current);
    };
    try {
      await runImportJob(this.#services, job, {
        workerId: this.workerId,
        progress: async (p) => {
          // During the commit only this process can see its progress (the job row is locked).
          if (p.phase === undefined && current.phase === 'write') {
            live(p);
            return true;
          }
          return progress(p);
        },
      });
    } catch (error) {
      this.#log(`import job ${job.id} failed`, error);
      await store
        .finish(
          job.id,
          this.workerId,
          { state: 'failed', error: issue('INTERNAL_ERROR', '') },
          this.#services.clock.now(),
        )
        .catch(() => undefined);
    } finally {
      this.#live.delete(job.id);
      for (const wake of this.#waiters.get(job.id) ?? []) wake();
      this.#waiters.delete(job.id);
    }
  }
}

function definedOf(p: ImportProgress): Partial<ImportJobRow> {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as Partial<ImportJobRow>;
}
