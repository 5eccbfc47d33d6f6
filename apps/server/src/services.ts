import type { ImportRunner } from './imports/import-runner.js';
import type { PublishedApps } from './records/published-apps.js';
import type { Clock, ServerStore } from './store-port.js';

/** Shared services every route plugin may use, decorated on the instance as `app.stagecraft`. */
export interface ServerServices {
  store: ServerStore;
  clock: Clock;
  published: PublishedApps;
  /** Runs import jobs in this process (absent where no jobs run, e.g. a bare services object). */
  imports?: ImportRunner;
}

declare module 'fastify' {
  interface FastifyInstance {
    stagecraft: ServerServices;
  }
}
