import type { Kysely, Transaction } from 'kysely';

/**
 * The store's kysely handle. Entity tables are created at run time from definitions, so there is
 * no static database interface to type it with; rows are mapped by hand at the repository edges.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above; the one place the untyped database is named
export type Db = Kysely<any>;
/** A transaction over `Db`. */
// biome-ignore lint/suspicious/noExplicitAny: see Db
export type Trx = Transaction<any>;
