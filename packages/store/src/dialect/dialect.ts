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
  /** Where the data lives, for logs and the start banner (never contains a password). */
  describe(): string;
}
