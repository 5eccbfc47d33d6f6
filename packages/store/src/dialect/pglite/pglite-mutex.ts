/**
 * The lock over PGlite's one session: kysely's "connection" is held by one caller at a time (a
 * transaction from its BEGIN to its COMMIT, or a single query). Waiters are served by priority —
 * interactive before heavy before background — and, within one priority, callers take turns
 * (round robin), each caller's own waiters in arrival order. So one user's forty dashboard widgets
 * queue behind each other, not in front of another user's list page.
 *
 * A lower priority is never starved: after `maxBypass` grants in a row went to a higher priority
 * while it waited, the next grant is its.
 */
import { PRIORITY_RANK, type WorkTag } from '../../scheduling/work-priority.js';

/** Grants in a row a waiting lower priority may be passed over before it is served once. */
export const DEFAULT_MAX_BYPASS = 16;

type Lane = Map<string, (() => void)[]>;

export class Mutex {
  #locked = false;
  readonly #lanes: Lane[] = [new Map(), new Map(), new Map()];
  readonly #maxBypass: number;
  readonly #fair: boolean;
  #bypassed = 0;

  /**
   * `fair: false` is the lock as it was before priorities: arrival order, handed on at once (the
   * baseline `pnpm bench fairness` measures against).
   */
  constructor(options: { maxBypass?: number; fair?: boolean } = {}) {
    this.#maxBypass = options.maxBypass ?? DEFAULT_MAX_BYPASS;
    this.#fair = options.fair ?? true;
  }

  async lock(tag: WorkTag = { priority: 'interactive' }): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return;
    }
    const lane = this.#lanes[this.#fair ? PRIORITY_RANK[tag.priority] : 0] as Lane;
    const caller = this.#fair ? (tag.caller ?? '') : '';
    await new Promise<void>((resolve) => {
      const queue = lane.get(caller);
      if (queue) queue.push(resolve);
      else lane.set(caller, [resolve]);
    });
  }

  /**
   * Hands the session on. With waiters, the choice is made on the next turn of the event loop:
   * PGlite answers without I/O, so a chain of queries would otherwise run on microtasks alone and
   * requests arriving meanwhile (sockets, timers) could not even queue until the chain ends.
   */
  unlock(): void {
    if (!this.#lanes.some((lane) => lane.size > 0)) {
      this.#locked = false;
      return;
    }
    if (!this.#fair) {
      this.#next()?.();
      return;
    }
    setImmediate(() => {
      const next = this.#next();
      if (next) next();
      else this.#locked = false;
    });
  }

  /** How many callers wait, per priority (for tests and diagnostics). */
  waiting(): { interactive: number; heavy: number; background: number } {
    const count = (lane: Lane) => [...lane.values()].reduce((n, q) => n + q.length, 0);
    const [i, h, b] = this.#lanes as [Lane, Lane, Lane];
    return { interactive: count(i), heavy: count(h), background: count(b) };
  }

  #next(): (() => void) | undefined {
    const busy = this.#lanes.filter((lane) => lane.size > 0);
    const first = busy[0];
    if (!first) return undefined;
    let lane = first;
    if (busy.length > 1 && this.#bypassed >= this.#maxBypass) {
      lane = busy[1] as Lane;
      this.#bypassed = 0;
    } else if (busy.length > 1) this.#bypassed++;
    else this.#bypassed = 0;
    return take(lane);
  }
}

/** The first caller's oldest waiter; that caller moves to the back of the lane (its turn is used). */
function take(lane: Lane): (() => void) | undefined {
  const [caller, queue] = lane.entries().next().value as [string, (() => void)[]];
  const waiter = queue.shift();
  lane.delete(caller);
  if (queue.length) lane.set(caller, queue);
  return waiter;
}
