/**
 * Named prepared statements for the pool's sessions, so PostgreSQL parses, analyses and plans a
 * hot statement once per session instead of once per request (`pnpm bench http`: PostgreSQL's CPU
 * per create fell by about a third, docs/benchmarks.md "Prepared statements").
 *
 * - Only statements with parameters are named (those without go by the simple protocol, which
 *   allows several commands in one text, e.g. migrations), and only outside BEGIN…COMMIT: a
 *   named statement that turns stale inside a transaction would abort it, while outside one a
 *   failed statement did nothing and is simply sent again.
 * - Each session keeps at most `size` names, least recently used first out (`DEALLOCATE`).
 * - Stale plans: a publish changes tables, and a prepared `returning *` whose row type changed
 *   fails with "cached plan must not change result type" (0A000). A session drops every name when
 *   the store's publish counter moved since its last statement (`DEALLOCATE ALL`), and a
 *   statement that fails with 0A000 (another process published) or 26000 (the name is gone, e.g.
 *   `DISCARD ALL` by a pooler) is prepared again under a new name, once.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';

/**
 * A name stands for one text only, in every process: a pooler that shares server sessions between
 * clients then either finds the very statement under the name or none (26000, prepared again),
 * never another text's.
 */
const PROCESS = randomBytes(4).toString('hex');
let named = 0;

/** Statement texts of one session and their names, oldest use first (a Map keeps insertion order). */
class SessionStatements {
  readonly names = new Map<string, string>();
  inTransaction = false;
  generation: number;
  constructor(
    readonly client: pg.PoolClient,
    generation: number,
  ) {
    this.generation = generation;
  }

  /** pg remembers which names it parsed on this connection; a deallocated name must leave it too. */
  forget(name: string) {
    const parsed = (this.client as unknown as { connection?: { parsedStatements?: Record<string, string> } })
      .connection?.parsedStatements;
    if (parsed) delete parsed[name];
  }

  /** Queued behind the statement in flight on this session (pg runs a client's queries in order). */
  deallocate(name: string | 'all') {
    if (name === 'all') {
      for (const known of this.names.values()) this.forget(known);
      this.names.clear();
    } else this.forget(name);
    this.client.query(name === 'all' ? 'deallocate all' : `deallocate "${name}"`).catch(() => {});
  }

  /** The name for a text, preparing a new one (and evicting the least recently used) as needed. */
  nameOf(text: string, size: number): string {
    const known = this.names.get(text);
    if (known !== undefined) {
      this.names.delete(text);
      this.names.set(text, known);
      return known;
    }
    if (this.names.size >= size) {
      const [oldText, oldName] = this.names.entries().next().value as [string, string];
      this.names.delete(oldText);
      this.deallocate(oldName);
    }
    const name = `sc_${PROCESS}_${++named}`;
    this.names.set(text, name);
    return name;
  }

  /** Forgets a text whose prepared statement failed as stale, so the next use prepares it again. */
  drop(text: string) {
    const name = this.names.get(text);
    if (name === undefined) return;
    this.names.delete(text);
    this.deallocate(name);
  }
}

/** Statement texts that change whether the session is inside a transaction. */
function transactionControl(text: string): 'begin' | 'end' | undefined {
  const head = text.trimStart().slice(0, 20).toLowerCase();
  if (head.startsWith('begin') || head.startsWith('start transaction')) return 'begin';
  if (head.startsWith('commit') || head.startsWith('end')) return 'end';
  if (head.startsWith('rollback') && !head.startsWith('rollback to')) return 'end';
  return undefined;
}

/** 0A000 "cached plan must not change result type", or 26000 "prepared statement … does not exist". */
function isStale(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === '26000') return true;
  return code === '0A000' && String(message).includes('cached plan');
}

/** Options of `preparingPool`. */
export interface PreparedStatementOptions {
  /** Names kept per session (0 turns naming off). */
  size: number;
  /** The store's publish counter (or anything that moves when tables change); read per statement. */
  generation: () => number;
}

/**
 * A pool for kysely's PostgresDialect whose sessions send parameterised statements as named
 * prepared statements (above). kysely keys its connections by client object, so each pg client
 * gets one wrapper for its life.
 */
export function preparingPool(pool: pg.Pool, options: PreparedStatementOptions) {
  const wrappers = new WeakMap<pg.PoolClient, pg.PoolClient>();

  const wrap = (client: pg.PoolClient): pg.PoolClient => {
    const session = new SessionStatements(client, options.generation());
    const query = async (text: unknown, values?: unknown[]) => {
      // A cursor or query object (kysely's streaming) goes through as it is.
      if (typeof text !== 'string') return client.query(text as pg.QueryConfig, values);
      if (!values?.length) {
        // BEGIN, COMMIT and ROLLBACK never carry parameters.
        const control = transactionControl(text);
        if (control) session.inTransaction = control === 'begin';
        return client.query(text, values);
      }
      if (session.inTransaction || options.size <= 0) return client.query(text, values);
      const generation = options.generation();
      if (generation !== session.generation) {
        session.generation = generation;
        if (session.names.size) session.deallocate('all');
      }
      try {
        return await client.query({ name: session.nameOf(text, options.size), text, values });
      } catch (error) {
        if (!isStale(error)) throw error;
        session.drop(text);
        return client.query({ name: session.nameOf(text, options.size), text, values });
      }
    };
    return new Proxy(client, {
      get(target, key, receiver) {
        if (key === 'query') return query;
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };

  return {
    get options() {
      return pool.options;
    },
    get Client() {
      return (pool as unknown as { Client: unknown }).Client;
    },
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = wrap(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
