import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import type { StatementCounter } from './statement-counter.js';

/** The connection the counting driver hands out: counts, then passes every call to the real one. */
class CountingConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    readonly counter: StatementCounter,
  ) {
    // Optional abilities stay optional: kysely looks for them on the connection it holds.
    if (inner.cancelQuery) this.cancelQuery = inner.cancelQuery.bind(inner);
    if (inner.killSession) this.killSession = inner.killSession.bind(inner);
    if (inner.collectSessionInfo) this.collectSessionInfo = inner.collectSessionInfo.bind(inner);
  }

  cancelQuery?: DatabaseConnection['cancelQuery'];
  killSession?: DatabaseConnection['killSession'];
  collectSessionInfo?: DatabaseConnection['collectSessionInfo'];

  executeQuery<R>(query: CompiledQuery, options?: Parameters<DatabaseConnection['executeQuery']>[1]) {
    this.counter.record(query.sql);
    return this.inner.executeQuery<R>(query, options);
  }

  streamQuery<R>(
    query: CompiledQuery,
    chunkSize: number,
    options?: Parameters<DatabaseConnection['streamQuery']>[2],
  ): AsyncIterableIterator<QueryResult<R>> {
    this.counter.record(query.sql);
    return this.inner.streamQuery<R>(query, chunkSize, options);
  }
}

/**
 * The driver of `inner` with every statement counted, transaction control included: the real driver
 * gets its own connection back, so what it does with it (BEGIN as a query or otherwise) is counted
 * here once, by name.
 */
class CountingDriver implements Driver {
  readonly #connections = new WeakMap<DatabaseConnection, CountingConnection>();

  constructor(
    readonly inner: Driver,
    readonly counter: StatementCounter,
  ) {}

  #wrap(connection: DatabaseConnection): CountingConnection {
    let wrapped = this.#connections.get(connection);
    if (!wrapped) {
      wrapped = new CountingConnection(connection, this.counter);
      this.#connections.set(connection, wrapped);
    }
    return wrapped;
  }

  #unwrap(connection: DatabaseConnection): DatabaseConnection {
    return connection instanceof CountingConnection ? connection.inner : connection;
  }

  init(options?: Parameters<Driver['init']>[0]) {
    return this.inner.init(options);
  }

  async acquireConnection(options?: Parameters<Driver['acquireConnection']>[0]) {
    return this.#wrap(await this.inner.acquireConnection(options));
  }

  releaseConnection(connection: DatabaseConnection, options?: Parameters<Driver['releaseConnection']>[1]) {
    return this.inner.releaseConnection(this.#unwrap(connection), options);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    this.counter.record('begin');
    return this.inner.beginTransaction(this.#unwrap(connection), settings);
  }

  commitTransaction(connection: DatabaseConnection) {
    this.counter.record('commit');
    return this.inner.commitTransaction(this.#unwrap(connection));
  }

  rollbackTransaction(connection: DatabaseConnection) {
    this.counter.record('rollback');
    return this.inner.rollbackTransaction(this.#unwrap(connection));
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    if (!this.inner.savepoint) throw new Error('This dialect has no savepoints.');
    this.counter.record(`savepoint ${name}`);
    await this.inner.savepoint(this.#unwrap(connection), name, compile);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    if (!this.inner.rollbackToSavepoint) throw new Error('This dialect has no savepoints.');
    this.counter.record(`rollback to savepoint ${name}`);
    await this.inner.rollbackToSavepoint(this.#unwrap(connection), name, compile);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    if (!this.inner.releaseSavepoint) throw new Error('This dialect has no savepoints.');
    this.counter.record(`release savepoint ${name}`);
    await this.inner.releaseSavepoint(this.#unwrap(connection), name, compile);
  }

  destroy(options?: Parameters<Driver['destroy']>[0]) {
    return this.inner.destroy(options);
  }
}

/** `dialect` with every statement its driver sends reported to `counter` (tests and benchmarks). */
export function countingDialect(dialect: Dialect, counter: StatementCounter): Dialect {
  return {
    createDriver: () => new CountingDriver(dialect.createDriver(), counter),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
