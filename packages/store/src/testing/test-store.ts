import { afterAll, beforeAll, describe } from 'vitest';
import type { DialectName } from '../dialect/dialect.js';
import { createScratchDatabase } from '../dialect/postgres/postgres-test-database.js';
import { type OpenStoreOptions, openStore, type Store } from '../store.js';

/** What a suite body gets: the dialect it runs on and the store, open from `beforeAll` on. */
export interface DialectContext {
  readonly dialect: DialectName;
  /** The open store; reading it before `beforeAll` ran throws. */
  readonly store: Store;
  /** On PostgreSQL, the URL of this suite's scratch database (for a second connection). */
  readonly databaseUrl: string | undefined;
}

/** The dialects tests run on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testDialects(): DialectName[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * Opens a store for a test: in-memory PGlite, or a fresh PostgreSQL database created beside
 * TEST_DATABASE_URL. `close` closes the store and drops that database.
 */
export async function openTestStore(
  dialect: DialectName,
  options: Omit<OpenStoreOptions, 'databaseUrl' | 'dataDir' | 'memory'> = {},
): Promise<{ store: Store; databaseUrl: string | undefined; close: () => Promise<void> }> {
  if (dialect === 'pglite') {
    const store = await openStore({ ...options, memory: true });
    return { store, databaseUrl: undefined, close: () => store.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set.');
  const scratch = await createScratchDatabase(adminUrl);
  try {
    const store = await openStore({ ...options, databaseUrl: scratch.url });
    return {
      store,
      databaseUrl: scratch.url,
      close: async () => {
        await store.close();
        await scratch.drop();
      },
    };
  } catch (error) {
    await scratch.drop();
    throw error;
  }
}

/**
 * Runs a suite once per dialect, named `<name> [pglite]` / `<name> [postgres]`, each with its own
 * database opened in `beforeAll` and dropped in `afterAll`.
 *
 * @example
 * describeDialects('records', (ctx) => {
 *   it('creates a workspace', async () => {
 *     const ws = await ctx.store.identity.createWorkspace('Acme');
 *     expect(ws.name).toBe('Acme');
 *   });
 * });
 */
export function describeDialects(
  name: string,
  body: (ctx: DialectContext) => void,
  options: Omit<OpenStoreOptions, 'databaseUrl' | 'dataDir' | 'memory'> = {},
): void {
  for (const dialect of testDialects()) {
    describe(`${name} [${dialect}]`, () => {
      let opened: Awaited<ReturnType<typeof openTestStore>> | undefined;
      const ctx: DialectContext = {
        dialect,
        get store() {
          if (!opened) throw new Error('The store opens in beforeAll; use ctx.store inside tests or hooks.');
          return opened.store;
        },
        get databaseUrl() {
          return opened?.databaseUrl;
        },
      };
      beforeAll(async () => {
        opened = await openTestStore(dialect, options);
      });
      afterAll(async () => {
        await opened?.close();
        opened = undefined;
      });
      body(ctx);
    });
  }
}
