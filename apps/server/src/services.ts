import type { PublishedApps } from './records/published-apps.js';
import type { Clock, ServerStore } from './store-port.js';

/** Shared services every route plugin may use, decorated on the instance as `app.stagecraft`. */
export interface ServerServices {
  store: ServerStore;
  clock: Clock;
  published: PublishedApps;
}

declare module 'fastify' {
  interface FastifyInstance {
    stagecraft: ServerServices;
  }
}
