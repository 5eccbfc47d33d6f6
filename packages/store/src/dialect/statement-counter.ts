import { AsyncLocalStorage } from 'node:async_hooks';

/** The statements one unit of work (a request) sent: how many, and their SQL when asked to keep it. */
export interface StatementTally {
  count: number;
  /** The SQL text of each statement, in order; filled only when the counter keeps SQL. */
  readonly sql: string[];
}

/**
 * Counts the SQL statements sent through the store's connection per unit of work, so a test can hold
 * a request to a statement budget and a benchmark can print it. Give the same counter to
 * `openStore({ statements })` (which wraps the dialect's driver) and to the server (which opens a
 * tally per request); statements outside any tally (the worker, migrations) are not counted.
 * BEGIN, COMMIT, ROLLBACK and savepoints count as statements.
 *
 * @example
 * const statements = new StatementCounter();
 * const store = await openStore({ memory: true, statements });
 * const tally = statements.newTally();
 * await statements.run(tally, () => store.identity.createWorkspace('Acme'));
 * tally.count; // 1 or more
 */
export class StatementCounter {
  readonly #storage = new AsyncLocalStorage<StatementTally>();
  readonly #keepSql: boolean;
  /** Off: no tally is opened or counted (a benchmark's load phase); on by default. */
  enabled = true;

  constructor(options: { keepSql?: boolean } = {}) {
    this.#keepSql = options.keepSql ?? false;
  }

  /** A fresh, empty tally. */
  newTally(): StatementTally {
    return { count: 0, sql: [] };
  }

  /** Runs `fn` with `tally` as the current one: statements it and its async continuations send count there. */
  run<T>(tally: StatementTally, fn: () => T): T {
    return this.#storage.run(tally, fn);
  }

  /** Runs `fn` outside any tally (work a caller wants left out of the count). */
  exclude<T>(fn: () => T): T {
    return this.#storage.exit(fn);
  }

  /** The driver calls this for every statement it sends. */
  record(sql: string): void {
    if (!this.enabled) return;
    const tally = this.#storage.getStore();
    if (!tally) return;
    tally.count += 1;
    if (this.#keepSql) tally.sql.push(sql);
  }
}
