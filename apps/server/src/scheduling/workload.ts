/**
 * The edge of request scheduling: each route's database work is tagged with how urgent it is, so
 * the store can serve short requests before long reads when it has one session to lend (PGlite).
 * Dashboards, goals, forecasts and exports are `heavy`; everything else is `interactive`. A route
 * may state its own with `config: { workload }`. The caller is the signed-in user, so that users
 * of one priority take turns. The server never learns which database runs.
 */
import { type WorkPriority, withWorkPriority } from '@stagecraft/store';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** How urgent the route's database work is (default: by URL, see `workloadOf`). */
    workload?: WorkPriority;
  }
}

/** Routes whose work is a long read a user asked for: dashboard data, goals, forecasts, exports. */
const HEAVY_ROUTES = [/\/dashboards\/[^/]+/, /\/goals(\/|$)/, /\/forecasts?(\/|$)/, /\/export$/];

/** The workload of a route by its URL pattern. */
export function workloadOf(url: string): WorkPriority {
  return HEAVY_ROUTES.some((pattern) => pattern.test(url)) ? 'heavy' : 'interactive';
}

/**
 * Tags every route's work; call before the route plugins are registered. With `schedules` false (a
 * store that serves everyone at once) the routes keep their workload config but no request pays for
 * an async context that nothing would read.
 */
export function installWorkPriority(app: FastifyInstance, schedules = true): void {
  app.addHook('onRoute', (route) => {
    if (route.config?.workload) return;
    route.config = { ...(route.config ?? {}), workload: workloadOf(route.url) };
  });
  if (!schedules) return;
  // After authentication and body parsing: the handler runs inside `done`, so its store calls
  // inherit the tag.
  app.addHook('preHandler', (request, _reply, done) => {
    const priority = request.routeOptions.config.workload ?? 'interactive';
    withWorkPriority({ priority, caller: request.user?.id ?? request.ip }, done);
  });
}
