/**
 * The automation runner: scans time-based triggers, claims due jobs from the queue and runs them
 * through their handlers. Every instant comes from the injected clock, so tests advance a fake
 * clock and call `runUntilIdle()`; `start()` polls on a real timer for the server and
 * `stagecraft worker`. Any number of runners may share one database.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_BACKOFF, type Job, type WorkTag, withWorkPriority } from '@stagecraft/store';
import { PublishedApps } from '../records/published-apps.js';
import type { Clock, ServerStore } from '../store-port.js';
import { handleAction } from './action-handlers.js';
import { ACTION_JOB } from './action-jobs.js';
import { EMAIL_JOB, handleEmail } from './email.js';
import { handleEvent } from './event-handler.js';
import { EVENT_JOB } from './event-kinds.js';
import { snapshotForecasts } from './forecast-snapshots.js';
import type { Mailer } from './mailer.js';
import { drainOutbox } from './outbox.js';
import { scanApp } from './scan.js';
import type { JobHandler, WorkerDeps } from './worker-context.js';

/** How a runner is built; everything but the store has a default. */
export interface RunnerOptions {
  store: ServerStore;
  clock?: Clock;
  /** Share the server's cache of published versions (the worker command makes its own). */
  published?: PublishedApps;
  workerId?: string;
  /** A claimed job not finished within this time is taken again by another worker (default 60 s). */
  leaseMs?: number;
  /** Jobs claimed per round (default 20). */
  batch?: number;
  backoff?: { baseMs: number; maxMs: number };
  fetch?: typeof fetch;
  webhookTimeoutMs?: number;
  /** Time-based triggers are scanned at most this often by `start()` (default 60 s). */
  scanIntervalMs?: number;
  log?: (line: string) => void;
  /** Sends notification emails (`SMTP_URL`); without one no email is enqueued. */
  mailer?: Mailer;
  /** The app's public address, for links in emails. */
  publicUrl?: string;
}

const HANDLERS: Record<string, JobHandler> = {
  [EVENT_JOB]: handleEvent,
  [ACTION_JOB]: handleAction,
  [EMAIL_JOB]: handleEmail,
};

/**
 * The runner's database work waits behind users' requests on the embedded engine (nobody waits on
 * a scan); a pool ignores it.
 */
const WORKER_WORK: WorkTag = { priority: 'background', caller: 'worker' };

/** Raised inside a job's transaction when its lease was lost, so its writes roll back. */
class LeaseLost extends Error {}

/** One runner over the store. */
export class AutomationRunner {
  readonly workerId: string;
  readonly #deps: WorkerDeps;
  readonly #options: Required<Pick<RunnerOptions, 'leaseMs' | 'batch' | 'backoff' | 'scanIntervalMs'>>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> = Promise.resolve();
  #stopped = true;
  #lastScan = Number.NEGATIVE_INFINITY;

  constructor(options: RunnerOptions) {
    const clock = options.clock ?? { now: () => new Date() };
    this.workerId = options.workerId ?? `worker-${randomUUID()}`;
    this.#deps = {
      store: options.store,
      clock,
      published: options.published ?? new PublishedApps(options.store),
      fetch: options.fetch ?? globalThis.fetch,
      webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
      log: options.log ?? (() => {}),
      ...(options.mailer ? { mailer: options.mailer } : {}),
      ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    };
    this.#options = {
      leaseMs: options.leaseMs ?? 60_000,
      batch: options.batch ?? 20,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      scanIntervalMs: options.scanIntervalMs ?? 60_000,
    };
  }

  /** Fires due time-based triggers of every published app; returns how many fired. */
  scan(): Promise<number> {
    return withWorkPriority(WORKER_WORK, () => this.#scan());
  }

  async #scan(): Promise<number> {
    const now = this.#deps.clock.now();
    this.#lastScan = now.getTime();
    let fired = 0;
    for (const target of await this.#deps.store.automation.automation.publishedApps()) {
      try {
        fired += await scanApp(this.#deps, target, now);
        await snapshotForecasts(this.#deps, target, now);
      } catch (error) {
        this.#deps.log(`scan ${target.appId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return fired;
  }

  /** Claims one batch of due jobs and runs them; returns how many were claimed. */
  runDue(): Promise<number> {
    return withWorkPriority(WORKER_WORK, () => this.#runDue());
  }

  async #runDue(): Promise<number> {
    const now = this.#deps.clock.now();
    const jobs = await this.#deps.store.automation.jobs.claim(this.workerId, now, {
      leaseMs: this.#options.leaseMs,
      limit: this.#options.batch,
    });
    for (const job of jobs) await this.#runJob(job);
    return jobs.length;
  }

  async #runJob(job: Job): Promise<void> {
    const { store, clock } = this.#deps;
    const queue = store.automation.jobs;
    const now = clock.now();
    try {
      const handler = HANDLERS[job.kind];
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      const outcome = await handler(this.#deps, { job, worker: this.workerId, now });
      await store.automation.transaction(async (trx) => {
        await outcome.writes?.(trx);
        if (!(await queue.complete(trx, job, this.workerId, clock.now()))) throw new LeaseLost();
      });
    } catch (error) {
      if (error instanceof LeaseLost) return; // another worker holds the job now; it will finish it
      const message = error instanceof Error ? error.message : String(error);
      const outcome = await queue.fail(job, this.workerId, clock.now(), message, this.#options.backoff);
      this.#deps.log(`job ${job.key} failed (${outcome}): ${message}`);
    }
  }

  /** Turns new record writes (the audit trail) into event jobs; returns how many. */
  drainOutbox(): Promise<number> {
    return withWorkPriority(WORKER_WORK, () => drainOutbox(this.#deps));
  }

  /**
   * Scans, then reads the outbox and runs due jobs until there is nothing left to do now (tests:
   * advance the clock, then call this).
   */
  async runUntilIdle(maxRounds = 1000): Promise<number> {
    let total = 0;
    await this.scan();
    for (let round = 0; round < maxRounds; round++) {
      const events = await this.drainOutbox();
      const n = await this.runDue();
      total += n;
      if (n === 0 && events === 0) return total;
    }
    throw new Error(`runner still busy after ${maxRounds} rounds`);
  }

  /** Polls every `intervalMs` until `stop()`: scans when the scan interval passed, then drains due jobs. */
  start(intervalMs = 1000): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    const loop = async () => {
      if (this.#stopped) return;
      try {
        if (this.#deps.clock.now().getTime() - this.#lastScan >= this.#options.scanIntervalMs)
          await this.scan();
        while (!this.#stopped && (await this.drainOutbox()) + (await this.runDue()) > 0) {}
      } catch (error) {
        this.#deps.log(`runner: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!this.#stopped) this.#timer = setTimeout(() => (this.#running = loop()), intervalMs);
    };
    this.#running = loop();
  }

  /** Stops polling and waits for the round in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }
}
