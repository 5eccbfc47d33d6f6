/**
 * The people commands of the CLI: `stagecraft create-user`, `set-password` and `create-workspace`.
 * They apply the same password policy and role check as the API (auth/password-policy.ts,
 * use-cases/grantable-roles.ts) and print refusals with their code, path and message in en and zh-CN.
 * Without `--password` a one-time password is made, printed once, and must be changed at the first
 * sign-in.
 */
import { parseArgs } from 'node:util';
import { ERROR_CODES, type Issue } from '@stagecraft/schema';
import type { Store } from '@stagecraft/store';
import { hashPassword } from '../auth/password.js';
import { checkPassword } from '../auth/password-policy.js';
import { PublishedApps } from '../records/published-apps.js';
import { grantableRoles, unknownRoles } from '../use-cases/grantable-roles.js';
import { DEFAULT_ADMIN_EMAIL, generatePassword } from './first-run.js';
import { openFromEnv, serverStoreOf } from './open.js';

type Print = (line: string) => void;

/** One issue as the CLI prints it: code, path, then the message in English and in Chinese. */
export function cliIssue(i: Issue): string {
  const zh = i.messages?.['zh-CN'] ?? ERROR_CODES[i.code]['zh-CN'];
  return `${i.code}${i.path ? ` ${i.path}` : ''}: ${i.messages?.en ?? i.message} / ${zh}`;
}

/** The password to set: the given one when the policy accepts it, else a one-time one. */
function passwordOf(
  given: string | undefined,
  email: string,
): { password: string; oneTime: boolean; issues: Issue[] } {
  if (given === undefined) return { password: generatePassword(), oneTime: true, issues: [] };
  return { password: given, oneTime: false, issues: checkPassword(given, email, '/password') };
}

async function withStore(env: NodeJS.ProcessEnv, run: (store: Store) => Promise<number>): Promise<number> {
  const store = await openFromEnv(env);
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/** `create-user --email E [--password P] [--role R …] [--org UNIT] [--name N] [--workspace ID] [--locale en]` */
export async function createUserCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  out: Print,
  err: Print,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string', multiple: true },
      org: { type: 'string' },
      name: { type: 'string' },
      workspace: { type: 'string' },
      locale: { type: 'string' },
    },
  });
  if (!values.email) {
    err('create-user needs --email (and --password, or a one-time password is printed)');
    return 2;
  }
  const email = values.email.trim().toLowerCase();
  return withStore(env, async (store) => {
    const identity = store.identity;
    let workspaceId = values.workspace;
    if (!workspaceId) {
      const admin = await identity.findUserByEmail((env.ADMIN_EMAIL || DEFAULT_ADMIN_EMAIL).toLowerCase());
      if (!admin) {
        err('No workspace found: run `stagecraft start` once, or pass --workspace');
        return 1;
      }
      workspaceId = admin.workspaceId;
    } else if (!(await identity.getWorkspace(workspaceId))) {
      err(`No workspace "${workspaceId}": pass the id of an existing workspace, or leave --workspace out`);
      return 1;
    }
    const units = await identity.orgUnits(workspaceId);
    const unit = values.org
      ? units.find((u) => u.id === values.org || u.name === values.org)
      : units.find((u) => u.parentId === null);
    if (values.org && !unit) {
      err(`No org unit "${values.org}" (known: ${units.map((u) => `${u.id} ${u.name}`).join(', ')})`);
      return 1;
    }
    const roles = (values.role ?? ['member'])
      .flatMap((r) => r.split(','))
      .map((r) => r.trim())
      .filter(Boolean);
    const actor = { workspaceId, userId: 'cli', roles: ['admin'], orgUnitId: null };
    const server = serverStoreOf(store);
    const known = await grantableRoles(server, new PublishedApps(server), actor);
    const { password, oneTime, issues } = passwordOf(values.password, email);
    issues.unshift(...unknownRoles(roles, known, '/roles'));
    if (issues.length) return refuse(err, issues);
    const result = await identity.createUser({
      workspaceId,
      email,
      name: values.name ?? email.split('@')[0] ?? email,
      roles,
      orgUnitId: unit?.id ?? null,
      managerId: null,
      locale: values.locale === 'en' ? 'en' : 'zh-CN',
      passwordHash: await hashPassword(password),
      mustChangePassword: oneTime,
    });
    if (!result.ok) {
      return refuse(err, result.issues);
    }
    out(`Created ${result.value.email} (${roles.join(', ')}) id ${result.value.id}`);
    if (oneTime) printOneTime(out, password);
    return 0;
  });
}

/** `set-password --email E [--password P]`: a chosen password, or a one-time one printed once. */
export async function setPasswordCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  out: Print,
  err: Print,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, password: { type: 'string' } },
  });
  if (!values.email) {
    err('set-password needs --email (and --password, or a one-time password is printed)');
    return 2;
  }
  const email = values.email.trim().toLowerCase();
  return withStore(env, async (store) => {
    const user = await store.identity.findUserByEmail(email);
    if (!user) {
      err(`No user with the email ${email}`);
      return 1;
    }
    const { password, oneTime, issues } = passwordOf(values.password, email);
    if (issues.length) return refuse(err, issues);
    const updated = await store.identity.updateUser(user.workspaceId, user.id, {
      passwordHash: await hashPassword(password),
      mustChangePassword: oneTime,
    });
    if (!updated.ok) {
      return refuse(err, updated.issues);
    }
    await store.identity.deleteUserSessions(user.id);
    out(`Password of ${email} set; its sessions ended`);
    if (oneTime) printOneTime(out, password);
    return 0;
  });
}

/**
 * `create-workspace --name N --admin-email E [--admin-name A] [--time-zone TZ] [--locale en]`: a new
 * company on the same server, with its org root and first admin, who gets a one-time password.
 */
export async function createWorkspaceCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  out: Print,
  err: Print,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
      'time-zone': { type: 'string' },
      locale: { type: 'string' },
    },
  });
  const name = values.name?.trim();
  const email = values['admin-email']?.trim().toLowerCase();
  if (!name || !email) {
    err('create-workspace needs --name and --admin-email');
    return 2;
  }
  const timeZone = values['time-zone'];
  if (timeZone && !isTimeZone(timeZone)) {
    err(`Unknown time zone "${timeZone}" (an IANA name such as Asia/Shanghai)`);
    return 2;
  }
  return withStore(env, async (store) => {
    const identity = store.identity;
    // The email is checked before anything is made, so a refusal leaves no empty workspace behind.
    if (await identity.findUserByEmail(email)) {
      err(`DUPLICATE_RECORD /email: A user with this email already exists. / 已存在使用该邮箱的用户。`);
      return 1;
    }
    const workspace = await identity.createWorkspace(name, timeZone);
    const root = await identity.createOrgUnit(workspace.id, name, null);
    const password = generatePassword();
    const created = await identity.createUser({
      workspaceId: workspace.id,
      email,
      name: values['admin-name'] ?? 'Admin',
      roles: ['admin'],
      orgUnitId: root.id,
      managerId: null,
      locale: values.locale === 'en' ? 'en' : 'zh-CN',
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
    });
    if (!created.ok) {
      return refuse(err, created.issues);
    }
    out(`Workspace "${workspace.name}" id ${workspace.id} (time zone ${workspace.timeZone})`);
    out(`Admin: ${email}`);
    printOneTime(out, password);
    return 0;
  });
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Prints a one-time password, the only time it is shown. */
function printOneTime(out: Print, password: string): void {
  out(`One-time password (shown once; changed at the first sign-in): ${password}`);
}

/** Prints each refusal and gives the exit code of a refused command. */
function refuse(err: Print, issues: readonly Issue[]): number {
  for (const i of issues) err(cliIssue(i));
  return 1;
}
