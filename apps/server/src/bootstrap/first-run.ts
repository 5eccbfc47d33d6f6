/**
 * First start on an empty database: one workspace, an org root and the admin (from ADMIN_EMAIL /
 * ADMIN_PASSWORD, or a generated one-time password printed once, which must be changed at the first
 * sign-in). Then the default install hook runs.
 */
import { randomBytes } from 'node:crypto';
import type { User, Workspace } from '@stagecraft/store';
import { hashPassword } from '../auth/password.js';
import type { ServerStore } from '../store-port.js';

/** What the first run created; `generatedPassword` is set only when none was configured. */
export interface FirstRunResult {
  workspace: Workspace;
  admin: User;
  email: string;
  generatedPassword: string | undefined;
}

/** Admin email used when ADMIN_EMAIL is not set. */
export const DEFAULT_ADMIN_EMAIL = 'admin@stagecraft.local';

/** A readable random password (18 characters from 108 random bits). */
export function generatePassword(): string {
  return randomBytes(14).toString('base64url').slice(0, 18);
}

/** Creates workspace, org root and admin when the database has no user yet; undefined otherwise. */
export async function firstRun(
  store: ServerStore,
  env: {
    ADMIN_EMAIL?: string | undefined;
    ADMIN_PASSWORD?: string | undefined;
    WORKSPACE_NAME?: string | undefined;
  },
): Promise<FirstRunResult | undefined> {
  if ((await store.identity.countUsers()) > 0) return undefined;
  const workspace = await store.identity.createWorkspace(env.WORKSPACE_NAME || 'Stagecraft');
  const root = await store.identity.createOrgUnit(workspace.id, env.WORKSPACE_NAME || '公司', null);
  const email = (env.ADMIN_EMAIL || DEFAULT_ADMIN_EMAIL).trim().toLowerCase();
  const generatedPassword = env.ADMIN_PASSWORD ? undefined : generatePassword();
  const password = env.ADMIN_PASSWORD || (generatedPassword as string);
  const created = await store.identity.createUser({
    workspaceId: workspace.id,
    email,
    name: 'Admin',
    roles: ['admin'],
    orgUnitId: root.id,
    managerId: null,
    locale: 'zh-CN',
    passwordHash: await hashPassword(password),
    // A generated password was printed to the console: it is one-time, changed at the first sign-in.
    mustChangePassword: generatedPassword !== undefined,
  });
  if (!created.ok)
    throw new Error(`Could not create the admin: ${created.issues.map((i) => i.message).join('; ')}`);
  return { workspace, admin: created.value, email, generatedPassword };
}
