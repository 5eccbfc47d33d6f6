import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  type Dialect,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import { copyStatement, type StoreDialect } from '../dialect.js';
import { PGliteDriver } from './pglite-driver.js';
import { lockDataDir } from './pglite-lock.js';

/** Options of the embedded dialect. */
export interface PGliteDialectOptions {
  /** Folder PGlite persists into; omitted together with `memory: true` for an in-memory database. */
  dataDir?: string;
  memory?: boolean;
  /** Serve the session by work priority (default true); `false` is plain arrival order. */
  prioritise?: boolean;
}

/**
 * Embedded PostgreSQL (PGlite, WebAssembly) persisted in a folder: the default when no
 * DATABASE_URL is set. Same SQL as PostgreSQL; kysely's PostgreSQL compiler and adapter are reused.
 */
export function createPGliteDialect(options: PGliteDialectOptions): StoreDialect {
  const dataDir = options.memory ? undefined : resolve(options.dataDir ?? './data/pglite');
  let release: (() => void) | undefined;
  const open = async () => {
    if (!dataDir) return PGlite.create();
    mkdirSync(dataDir, { recursive: true });
    release = lockDataDir(dataDir);
    try {
      return await PGlite.create(dataDir);
    } catch (error) {
      release();
      throw error;
    }
  };
  const closed = () => {
    release?.();
    release = undefined;
  };
  let driver: PGliteDriver | undefined;
  const kysely: Dialect = {
    createDriver: () => {
      driver = new PGliteDriver(open, closed, options.prioritise ?? true);
      return driver;
    },
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createAdapter: () => new PostgresAdapter(),
    // biome-ignore lint/suspicious/noExplicitAny: kysely's introspector takes any database shape
    createIntrospector: (db: Kysely<any>) => new PostgresIntrospector(db),
  };
  return {
    name: 'pglite',
    kysely,
    schedulesWork: options.prioritise ?? true,
    describe: () => (dataDir ? `PGlite in ${dataDir}` : 'PGlite in memory'),
    copyIn(table, columns, data) {
      if (!driver) return Promise.reject(new Error('The PGlite dialect has no open driver.'));
      return driver.copyIn(copyStatement(table, columns, "'/dev/blob'"), data);
    },
  };
}
