import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type TransactionSettings,
} from 'kysely';
import { currentWork } from '../../scheduling/work-priority.js';
import { PGliteConnection } from './pglite-connection.js';
import { Mutex } from './pglite-mutex.js';

/**
 * kysely driver over one PGlite instance. kysely's bundled PGlite driver shares its connection
 * between concurrent callers (a query issued while another caller's transaction is open lands
 * inside that transaction), so this one hands the connection out under a mutex instead: a
 * transaction owns the session from BEGIN to COMMIT, and concurrent writers serialise. Waiters
 * are served by the priority the caller's edge set (`withWorkPriority`), see `pglite-mutex.ts`.
 */
export class PGliteDriver implements Driver {
  readonly #open: () => Promise<PGlite>;
  readonly #mutex: Mutex;
  #pglite: PGlite | undefined;
  #connection: PGliteConnection | undefined;

  readonly #closed: () => void;

  /**
   * `open` creates the instance on init; `closed` runs after it is closed (releases the folder
   * lock); `prioritise: false` ignores work priorities and serves callers in arrival order.
   */
  constructor(open: () => Promise<PGlite>, closed: () => void = () => {}, prioritise = true) {
    this.#open = open;
    this.#closed = closed;
    this.#mutex = new Mutex({ fair: prioritise });
  }

  async init(): Promise<void> {
    this.#pglite = await this.#open();
    await this.#pglite.waitReady;
    await this.#pglite.exec("SET TimeZone = 'UTC'");
    this.#connection = new PGliteConnection(this.#pglite);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock(currentWork());
    if (!this.#connection) {
      this.#mutex.unlock();
      throw new Error('The PGlite driver is not open.');
    }
    return this.#connection;
  }

  /** Runs a `COPY … FROM '/dev/blob'` with `data` as the blob, holding the session like a query. */
  async copyIn(statement: string, data: readonly string[]): Promise<void> {
    await this.#mutex.lock(currentWork());
    try {
      if (!this.#pglite) throw new Error('The PGlite driver is not open.');
      await this.#pglite.query(statement, [], { blob: new Blob(data as string[]) });
    } finally {
      this.#mutex.unlock();
    }
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let text = 'begin';
    if (settings.isolationLevel || settings.accessMode) {
      text = 'start transaction';
      if (settings.isolationLevel) text += ` isolation level ${settings.isolationLevel}`;
      if (settings.accessMode) text += ` ${settings.accessMode}`;
    }
    await connection.executeQuery(CompiledQuery.raw(text));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(
    connection: DatabaseConnection,
    name: string,
    _compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint "${name.replaceAll('"', '""')}"`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint "${name.replaceAll('"', '""')}"`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint "${name.replaceAll('"', '""')}"`));
  }

  async destroy(): Promise<void> {
    const pglite = this.#pglite;
    this.#pglite = undefined;
    this.#connection = undefined;
    try {
      if (pglite && !pglite.closed) await pglite.close();
    } finally {
      this.#closed();
    }
  }
}
