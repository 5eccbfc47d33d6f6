import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyStatement, type StoreDialect } from '../dialect.js';
import { TYPE_PARSERS } from '../type-parsers.js';
import { preparingPool } from './prepared-statements.js';

/** Options of the PostgreSQL dialect. */
export interface PostgresDialectOptions {
  /** `postgres://user@host:port/database` */
  databaseUrl: string;
  /** Pool size; the default suits one server process. */
  maxConnections?: number;
  /**
   * Named prepared statements kept per session (default 100; 0 = off, e.g. behind a pooler in
   * transaction mode that does not track them). See `prepared-statements.ts`.
   */
  preparedStatements?: number;
  /** Moves whenever tables change (the store's publish counter): sessions then drop their plans. */
  schemaGeneration?: () => number;
}

/** Our parsers first, then pg's defaults (bool, jsonb, int4…); set per pool, never globally. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const parser = TYPE_PARSERS[oid];
    if (parser && format !== 'binary') return parser;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** Strips the password from a URL before it is shown anywhere. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres (unparsable URL)';
  }
}

/**
 * PostgreSQL through `pg`: kysely's own PostgresDialect over a pool whose sessions run in UTC, so
 * timestamps and `::text` casts read the same as on PGlite.
 */
export function createPostgresDialect(options: PostgresDialectOptions): StoreDialect & { pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 10,
    options: '-c TimeZone=UTC',
    types,
  } as pg.PoolConfig);
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return {
    name: 'postgres',
    pool,
    kysely: new PostgresDialect({
      pool: preparingPool(pool, {
        size: options.preparedStatements ?? 100,
        generation: options.schemaGeneration ?? (() => 0),
      }) as unknown as pg.Pool,
    }),
    schedulesWork: false,
    describe: () => `PostgreSQL ${redactUrl(options.databaseUrl)}`,
    async copyIn(table, columns, data) {
      // A session of its own: the COPY streams while the pool's other sessions go on.
      const client = await pool.connect();
      let failed: Error | undefined;
      try {
        await pipeline(Readable.from(data), client.query(copyFrom(copyStatement(table, columns, 'stdin'))));
      } catch (error) {
        failed = error as Error;
        throw error;
      } finally {
        client.release(failed);
      }
    },
  };
}
