/**
 * A first start as `stagecraft start` does it on an empty database: the workspace, the org root and
 * the administrator, then a template pack with its demo data. Free of vitest hooks, so benches use it
 * too (support.ts registers an afterEach).
 */
import type { Store } from '@stagecraft/store';
import { firstRun } from '../src/bootstrap/first-run.js';
import { type DefaultInstallLogins, installDefaultTemplate } from '../src/templates/commands.js';

/** The administrator a first start creates. */
export interface FirstAdmin {
  ADMIN_EMAIL: string;
  ADMIN_PASSWORD: string;
}

/** Runs the first start on `store` with `template` (the default pack when omitted). */
export async function firstStartWith(
  store: Store,
  admin: FirstAdmin,
  template?: string,
): Promise<DefaultInstallLogins> {
  const created = await firstRun(store, admin);
  if (!created) throw new Error('the database was not empty');
  return installDefaultTemplate(
    store,
    created.admin,
    template ? { DEFAULT_TEMPLATE: template } : {},
    () => {},
  );
}
