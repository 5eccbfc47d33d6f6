/** Test harness for every package that needs a database: run suites on PGlite and PostgreSQL. */

/** A bare COPY of typed rows into a plain table: the floor `pnpm bench import` prints beside an import. */
export { bareCopy } from './bare-copy.js';
/** The fixture's shape. */
export type { OrgFixture } from './fixtures.js';
/** A workspace with an org tree and admin/manager/member users, for scope tests. */
/** Builds the Actor a user acts as. */
export { actorOf, createOrgFixture } from './fixtures.js';
/** What a dialect suite body receives (dialect name, open store). */
export type { DialectContext } from './test-store.js';
/** Runs a suite on each available dialect with its own database, named `[pglite]` / `[postgres]`. */
/** Opens one store on a dialect for tests that manage their own lifecycle. */
/** The dialects this run covers (PostgreSQL only when TEST_DATABASE_URL is set). */
export { describeDialects, openTestStore, testDialects } from './test-store.js';
