import type { ImportJobRow } from '@stagecraft/store';
import type { PublishedApps } from './records/published-apps.js';
import type { Clock, ServerStore } from './store-port.js';

/** Shared services every route plugin may use, decorated on the instance as `app.stagecraft`. */
export interface ServerServices {
  store: ServerStore;
  clock: Clock;
  published: PublishedApps;
  /** Runs import jobs in this process (imports/import-runner.ts; absent in a bare services object). */
  imports?: ImportJobRunner;
}

/** What the routes use of the import job runner. */
export interface ImportJobRunner {
  /** Looks for queued work now. */
  kick(): void;
  /** The job as this process runs it now (fresher than its row), if it does. */
  live(id: string): ImportJobRow | undefined;
  /** Resolves when the job has ended (the synchronous import route). */
  finished(id: string): Promise<ImportJobRow | null>;
  start(): void;
  stop(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    stagecraft: ServerServices;
  }
}
