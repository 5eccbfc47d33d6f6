import type { Dialect } from 'kysely';

/** Which engine runs underneath. Only the store and its tests ever look at this. */
export type DialectName = 'postgres' | 'pglite';

/**
 * One database choice behind one interface: a kysely dialect plus the few facts the store needs
 * about it. Nothing outside `src/dialect` imports `pg` or PGlite.
 */
export interface StoreDialect {
  name: DialectName;
  kysely: Dialect;
  /**
   * True when the dialect serves its callers by work priority (`withWorkPriority`), i.e. lends one
   * session to everyone; a pool serves them at once and ignores the tag.
   */
  schedulesWork: boolean;
  /** Where the data lives, for logs and the start banner (never contains a password). */
  describe(): string;
  /**
   * Bulk load: `COPY table (columns) FROM …` in text format, outside any transaction, the way
   * each engine offers it (STDIN on PostgreSQL, `/dev/blob` on PGlite). `data` is whole lines,
   * tab-separated, `\N` for null (see `copy-text.ts`), in chunks (no one string of a whole batch).
   */
  copyIn(table: string, columns: readonly string[], data: readonly string[]): Promise<void>;
}

/** `COPY "table" ("a", "b") FROM <source>` with the names quoted. */
export function copyStatement(table: string, columns: readonly string[], source: string): string {
  const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
  return `copy ${q(table)} (${columns.map(q).join(', ')}) from ${source}`;
}
