import type { AutomationContext } from '@stagecraft/engine';
import type { Job } from '@stagecraft/store';
import type { PublishedApps } from '../records/published-apps.js';
import type { Clock, ServerStore } from '../store-port.js';
import type { Mailer } from './mailer.js';

/** What every job handler gets: the store, the clock, the published apps cache and the job. */
export interface WorkerDeps {
  store: ServerStore;
  clock: Clock;
  published: PublishedApps;
  /** The HTTP client of webhooks (tests may pass their own; default: global fetch). */
  fetch: typeof fetch;
  /** Webhook request timeout. */
  webhookTimeoutMs: number;
  log: (line: string) => void;
  /** Sends notification emails; absent without `SMTP_URL`. */
  mailer?: Mailer;
  /** The address users reach the app at, for links in emails (`PUBLIC_URL`). */
  publicUrl?: string;
}

/** A job being run by one worker. */
export interface JobRun {
  job: Job;
  worker: string;
  now: Date;
}

/** What a handler returns: `writes` run in the transaction that also marks the job done. */
export type JobOutcome = {
  writes?: (trx: Parameters<Parameters<ServerStore['automation']['transaction']>[0]>[0]) => Promise<void>;
};

/** A job handler by kind. */
export type JobHandler = (deps: WorkerDeps, run: JobRun) => Promise<JobOutcome>;

/** The rule context of automation work: the runner's clock in the workspace zone. */
export function contextAt(now: Date, timeZone: string): AutomationContext {
  return { now, timeZone };
}
