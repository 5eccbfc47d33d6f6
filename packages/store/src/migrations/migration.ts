import type { Kysely } from 'kysely';

/**
 * One versioned change to the system tables. Files are named `NNN-what.ts` (000–099 store core,
 * 100–199 stage machines and attachments) and export `migration`; they run once each, in name
 * order, inside one transaction, and are never edited after release: a change is a new file.
 */
export interface Migration {
  // biome-ignore lint/suspicious/noExplicitAny: migrations create the tables the types would describe
  up(db: Kysely<any>): Promise<void>;
}
