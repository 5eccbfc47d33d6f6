/**
 * THE DEFAULT-INSTALL HOOK. `stagecraft start` calls `runDefaultInstall` right after the first run
 * created the workspace and admin on an empty database. The template installer
 * (`apps/server/src/templates/`) plugs in here: install the default template with demo data and
 * return the logins to print.
 */
import type { Store } from '@stagecraft/store';
import { installDefaultTemplate } from '../templates/commands.js';
import type { FirstRunResult } from './first-run.js';

/** What the default install tells the start banner (extra logins, e.g. a manager and a rep). */
export interface DefaultInstallResult {
  installed: string[];
  logins: { email: string; password: string; role: string }[];
}

/** What the hook gets: the opened store (the full `Store` of @stagecraft/store) and the first run. */
export interface DefaultInstallContext {
  store: unknown;
  firstRun: FirstRunResult;
  dataDir: string;
  log: (line: string) => void;
}

/** Runs the default install on a fresh database. */
export async function runDefaultInstall(ctx: DefaultInstallContext): Promise<DefaultInstallResult> {
  return installDefaultTemplate(ctx.store as Store, ctx.firstRun.admin, process.env, ctx.log);
}
