import { PGlite } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import pg from 'pg';

/**
 * Test-only access to real databases for the SQL translation tests: kysely compiles queries (no
 * connection), and they run on PGlite and, when TEST_DATABASE_URL is set, on a PostgreSQL database
 * created for the test file and dropped after it.
 */
export const compiler = new Kysely<Record<string, Record<string, unknown>>>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  run(query: CompiledQuery | string, parameters?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

async function pglite(): Promise<TestDatabase> {
  const db = new PGlite();
  return {
    name: 'pglite',
    run: async (query, parameters = []) => {
      const text = typeof query === 'string' ? query : query.sql;
      const params = typeof query === 'string' ? parameters : query.parameters;
      return (await db.query<Record<string, unknown>>(text, [...params])).rows;
    },
    close: () => db.close(),
  };
}

async function postgres(url: string, prefix: string): Promise<TestDatabase> {
  const name = `${prefix}_${process.pid}_${Math.floor(performance.now())}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  return {
    name: 'postgres',
    run: async (query, parameters = []) => {
      const text = typeof query === 'string' ? query : query.sql;
      const params = typeof query === 'string' ? parameters : query.parameters;
      return (await client.query(text, [...params])).rows;
    },
    close: async () => {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    },
  };
}

/** The engines to run against: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function engines(
  prefix: string,
): { name: 'pglite' | 'postgres'; open: () => Promise<TestDatabase> }[] {
  const url = process.env.TEST_DATABASE_URL;
  return [
    { name: 'pglite' as const, open: pglite },
    ...(url ? [{ name: 'postgres' as const, open: () => postgres(url, prefix) }] : []),
  ];
}
