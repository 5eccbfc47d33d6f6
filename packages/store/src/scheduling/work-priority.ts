/**
 * How urgent the database work of the current call is, carried through async calls so that the
 * edge (an HTTP route, the worker) states it once and every repository call below inherits it.
 * Only a dialect that lends one session to everyone (PGlite) acts on it; a pool ignores it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * `interactive`: short requests a user waits on (lists, forms, sign-in, health) — the default.
 * `heavy`: long reads a user asked for (dashboards, exports, forecasts).
 * `background`: nobody waits (the automation worker's scans and jobs).
 */
export type WorkPriority = 'interactive' | 'heavy' | 'background';

/** The priority plus who asked, so that callers of one priority take turns. */
export interface WorkTag {
  priority: WorkPriority;
  /** A stable key of the caller (a user id, `worker`); callers sharing a key share one turn. */
  caller?: string;
}

/** Rank of each priority: lower is served first. */
export const PRIORITY_RANK: Record<WorkPriority, number> = { interactive: 0, heavy: 1, background: 2 };

const DEFAULT_TAG: WorkTag = { priority: 'interactive' };
const storage = new AsyncLocalStorage<WorkTag>();

/**
 * Runs `fn` with its database work tagged; nested calls inherit the tag until they set their own.
 *
 * @example
 * const rows = await withWorkPriority({ priority: 'heavy', caller: 'u1' }, () =>
 *   store.metrics.run(actor, appId, plan, now),
 * );
 */
export function withWorkPriority<T>(tag: WorkTag, fn: () => T): T {
  return storage.run(tag, fn);
}

/** The tag of the current call (interactive when the edge set none). */
export function currentWork(): WorkTag {
  return storage.getStore() ?? DEFAULT_TAG;
}
