import { type Kysely, sql } from 'kysely';

/** Runs DDL statements one by one (PGlite's extended protocol takes one statement per query). */
// biome-ignore lint/suspicious/noExplicitAny: DDL runs before the typed tables exist
export async function runStatements(db: Kysely<any>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
