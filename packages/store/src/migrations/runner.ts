import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import type { Migration } from './migration.js';

const FILE = /^(\d{3}-[a-z0-9-]+)\.(ts|js)$/;

/** A migration with its name (the file name without extension). */
export interface NamedMigration {
  name: string;
  migration: Migration;
}

/**
 * Finds the migration files beside this module (`src/` under vitest, `dist/` in production) so a
 * new file is picked up without touching a shared list.
 */
export async function loadMigrations(): Promise<NamedMigration[]> {
  const folder = fileURLToPath(new URL('.', import.meta.url));
  const names = new Map<string, string>();
  for (const file of readdirSync(folder)) {
    const match = FILE.exec(file);
    if (!match || file.endsWith('.d.ts') || file.includes('.test.')) continue;
    const name = match[1] as string;
    if (!names.has(name) || file.endsWith('.js')) names.set(name, file);
  }
  const out: NamedMigration[] = [];
  for (const [name, file] of [...names].sort(([a], [b]) => a.localeCompare(b))) {
    const module = (await import(new URL(`./${file}`, import.meta.url).href)) as { migration?: Migration };
    if (!module.migration) throw new Error(`Migration file ${file} does not export \`migration\`.`);
    out.push({ name, migration: module.migration });
  }
  return out;
}

/**
 * Brings the system tables up to date: runs every migration not yet recorded in `_migrations`, in
 * name order, in one transaction under an advisory lock (two processes starting at once do not
 * race; a failure leaves the database as it was). Safe to run on every start.
 * @returns the names of the migrations applied now.
 */
// biome-ignore lint/suspicious/noExplicitAny: runs before the typed tables exist
export async function migrate(db: Kysely<any>, migrations?: NamedMigration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  await sql`create table if not exists _migrations (name text primary key, applied_at timestamptz not null default now())`.execute(
    db,
  );
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(734521)`.execute(trx);
    const done = new Set(
      (await trx.selectFrom('_migrations').select('name').execute()).map((r) => r.name as string),
    );
    const applied: string[] = [];
    for (const { name, migration } of all) {
      if (done.has(name)) continue;
      await migration.up(trx);
      await trx.insertInto('_migrations').values({ name }).execute();
      applied.push(name);
    }
    return applied;
  });
}
