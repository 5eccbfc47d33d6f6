/** Opens the store from the environment for the CLI commands (DATABASE_URL, else PGlite in DATA_DIR). */
import { resolve } from 'node:path';
import { openStore, type Store } from '@stagecraft/store';
import type { ServerStore } from '../store-port.js';

/** Where data lives: DATA_DIR or `./data`, absolute. */
export function dataDirOf(env: NodeJS.ProcessEnv): string {
  return resolve(env.DATA_DIR || './data');
}

/** Opens the store; `migrate: false` leaves system migrations to the caller. */
export async function openFromEnv(
  env: NodeJS.ProcessEnv,
  options: { migrate?: boolean } = {},
): Promise<Store> {
  const databaseUrl = env.DATABASE_URL || undefined;
  return openStore({
    ...(databaseUrl ? { databaseUrl } : {}),
    dataDir: dataDirOf(env),
    migrate: options.migrate ?? true,
  });
}

/** The repositories the server needs: the opened store is one (checked by the compiler). */
export function serverStoreOf(store: Store): ServerStore {
  return store;
}
