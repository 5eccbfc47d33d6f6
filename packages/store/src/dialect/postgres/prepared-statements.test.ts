import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDialect } from './postgres-dialect.js';
import { createScratchDatabase } from './postgres-test-database.js';

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)('named prepared statements (PostgreSQL)', () => {
  let drop: () => Promise<void>;
  let url: string;
  let generation = 0;
  // biome-ignore lint/suspicious/noExplicitAny: a scratch table
  let db: Kysely<any>;

  /** The statements the one pooled session holds, as PostgreSQL reports them. */
  const prepared = async () => {
    const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements
      where ${'x'}::text is not null order by statement`.execute(db);
    return rows.map((r) => r.statement.replace(/\s+/g, ' ').trim()).filter((s) => !s.includes('pg_prepared'));
  };

  beforeAll(async () => {
    ({ url, drop } = await createScratchDatabase(adminUrl as string, 'sc_prep'));
    const dialect = createPostgresDialect({
      databaseUrl: url,
      maxConnections: 1,
      preparedStatements: 3,
      schemaGeneration: () => generation,
    });
    db = new Kysely({ dialect: dialect.kysely });
    await sql`create table t (id text primary key, a int)`.execute(db);
    await sql`insert into t values ('1', 1), ('2', 2)`.execute(db);
  });

  afterAll(async () => {
    await db?.destroy();
    await drop?.();
  });

  it('names a statement with parameters, reuses it and keeps at most the cache size per session', async () => {
    for (const n of [1, 2, 1]) await sql`select a from t where a = ${n}`.execute(db);
    await sql`select id from t where a = ${1}`.execute(db);
    await sql`select id, a from t where a = ${1}`.execute(db);
    // The first text was used last but two: with 3 names it is the one evicted (with the lister's).
    expect(await prepared()).toEqual(['select id from t where a = $1', 'select id, a from t where a = $1']);
    const { rows } = await sql<{ a: number }>`select a from t where a = ${2}`.execute(db);
    expect(rows).toEqual([{ a: 2 }]);
  });

  it('sends nothing named inside a transaction', async () => {
    generation++;
    await db.transaction().execute(async (trx) => {
      await sql`select a from t where id = ${'1'}`.execute(trx);
    });
    expect(await prepared()).toEqual([]);
  });

  it('prepares again when another session changed the row type (0A000) or dropped the name', async () => {
    const read = () => sql<Record<string, unknown>>`select * from t where id = ${'1'}`.execute(db);
    expect((await read()).rows).toEqual([{ id: '1', a: 1 }]);
    // Another process publishes: the cached plan of `select *` no longer fits the table.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('alter table t add column b text');
    } finally {
      await other.end();
    }
    expect((await read()).rows).toEqual([{ id: '1', a: 1, b: null }]);
    // A pooler's DISCARD ALL forgets every name behind pg's back.
    await sql`discard all`.execute(db);
    expect((await read()).rows).toEqual([{ id: '1', a: 1, b: null }]);
  });

  it('drops every name when the store publishes (its generation moves)', async () => {
    await sql`select a from t where id = ${'2'}`.execute(db);
    expect(await prepared()).toContain('select a from t where id = $1');
    generation++;
    await sql`select id from t where id = ${'2'}`.execute(db);
    expect(await prepared()).toEqual(['select id from t where id = $1']);
  });
});
