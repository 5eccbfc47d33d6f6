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

/**
 * Longest run of queries without a turn of the event loop. PGlite answers without I/O, so one
 * caller's chain of queries (a scan, an export) runs on microtasks alone: timers and sockets, and
 * so every other request, would wait for the whole chain, even with nobody queued on the lock.
 */
export const DEFAULT_SLICE_MS = 5;

type Lane = Map<string, (() => void)[]>;

export class Mutex {
  #locked = false;
  readonly #lanes: Lane[] = [new Map(), new Map(), new Map()];
  readonly #maxBypass: number;
  readonly #fair: boolean;
  readonly #sliceMs: number;
  #bypassed = 0;
  #turnedAt = performance.now();

  /**
   * `fair: false` is the lock as it was before priorities: arrival order, handed on at once (the
   * baseline `pnpm bench fairness` measures against).
   */
  constructor(options: { maxBypass?: number; fair?: boolean; sliceMs?: number } = {}) {
    this.#maxBypass = options.maxBypass ?? DEFAULT_MAX_BYPASS;
    this.#fair = options.fair ?? true;
    this.#sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  }

  async lock(tag: WorkTag = { priority: 'interactive' }): Promise<void> {
    const sliceUsed = this.#fair && performance.now() - this.#turnedAt > this.#sliceMs;
    if (!this.#locked && !sliceUsed) {
      this.#locked = true;
      return;
    }
    const lane = this.#lanes[this.#fair ? PRIORITY_RANK[tag.priority] : 0] as Lane;
    const caller = this.#fair ? (tag.caller ?? '') : '';
    const granted = new Promise<void>((resolve) => {
      const queue = lane.get(caller);
      if (queue) queue.push(resolve);
      else lane.set(caller, [resolve]);
    });
    // Free, but the slice is used up: the grant waits for the loop to turn, and goes by priority to
    // whoever queued by then (this caller, or a request that arrived meanwhile).
    if (!this.#locked) {
      this.#locked = true;
      this.#handOver();
    }
    await granted;
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
    this.#handOver();
  }

  /** How many callers wait, per priority (for tests and diagnostics). */
  waiting(): { interactive: number; heavy: number; background: number } {
    const count = (lane: Lane) => [...lane.values()].reduce((n, q) => n + q.length, 0);
    const [i, h, b] = this.#lanes as [Lane, Lane, Lane];
    return { interactive: count(i), heavy: count(h), background: count(b) };
  }

  #handOver(): void {
    setImmediate(() => {
      this.#turnedAt = performance.now();
      const next = this.#next();
      if (next) next();
      else this.#locked = false;
    });
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
