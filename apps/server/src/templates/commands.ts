/**
 * The template commands of the CLI and the first-start default install:
 * `stagecraft template list|install <name>|assemble <name>`, `stagecraft demo [--template T] [--scale N]`.
 * They open the store from the environment, act as the workspace's admin, and print what happened.
 */
import { parseArgs } from 'node:util';
import type { Store, User } from '@stagecraft/store';
import { actorOf } from '../auth/request-context.js';
import { DEFAULT_ADMIN_EMAIL, firstRun } from '../bootstrap/first-run.js';
import { openFromEnv } from '../bootstrap/open.js';
import { type InstallReport, installTemplate } from './install.js';
import { defaultTemplatesRoot, findTemplate, type LoadedTemplate, listTemplates } from './loader.js';

type Print = (line: string) => void;

/** The admin the CLI acts as: ADMIN_EMAIL's user, else the first admin of the first workspace. */
async function cliAdmin(store: Store, env: NodeJS.ProcessEnv): Promise<User | null> {
  const byEmail = await store.identity.findUserByEmail(
    (env.ADMIN_EMAIL || DEFAULT_ADMIN_EMAIL).toLowerCase(),
  );
  if (byEmail?.roles.includes('admin')) return byEmail;
  return null;
}

function printReport(report: InstallReport, out: Print): void {
  out(
    `${report.template} ${report.version}: ${report.status}${report.fromVersion && report.status !== 'unchanged' ? ` (from ${report.fromVersion})` : ''}, app "${report.app}"`,
  );
  for (const c of report.conflicts) out(`  conflict kept as you had it: ${c.path} (${c.reason})`);
  if (report.demo) {
    const total = Object.values(report.demo.records).reduce((s, n) => s + n, 0);
    out(
      `  demo data: ${total.toLocaleString('en')} records, ${report.demo.stageMoves.toLocaleString('en')} stage moves, ${report.demo.approvals} approvals, ${report.demo.users} users in ${(report.demo.ms / 1000).toFixed(1)} s`,
    );
  }
}

/** `stagecraft template list` / `stagecraft template install <name> [--no-demo]`. */
export async function templateCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  out: Print,
  err: Print,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'no-demo': { type: 'boolean' }, seed: { type: 'string' } },
  });
  const [sub, name] = positionals;
  const root = defaultTemplatesRoot(env);
  if (sub === 'list') {
    const { templates, broken } = await listTemplates(root);
    for (const t of templates)
      out(
        `${t.manifest.id}\t${t.manifest.version}\t${t.manifest.label['zh-CN'] ?? ''} / ${t.manifest.label.en ?? ''}`,
      );
    for (const b of broken) err(`${b.dir}: ${b.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`);
    return broken.length ? 1 : 0;
  }
  if (sub === 'assemble' && name) {
    // The assembled app, e.g. to keep as history/<version>.json before bumping a pack's version.
    const found = await findTemplate(root, name);
    if (!found.ok) {
      for (const i of found.issues) err(`${i.path} ${i.message}`);
      return 1;
    }
    out(JSON.stringify(found.value.app, null, 2));
    return 0;
  }
  if (sub !== 'install' || !name) {
    err('Usage: stagecraft template list | install <name> [--no-demo] [--seed N] | assemble <name>');
    return 2;
  }
  const found = await findTemplate(root, name);
  if (!found.ok) {
    for (const i of found.issues) err(`${i.path} ${i.message}`);
    return 1;
  }
  const store = await openFromEnv(env);
  try {
    const created = await firstRun(store, env);
    if (created?.generatedPassword)
      out(`Created admin ${created.email} with password ${created.generatedPassword}`);
    const admin = created?.admin ?? (await cliAdmin(store, env));
    if (!admin) {
      err('No admin found: set ADMIN_EMAIL to an admin of the workspace to install into.');
      return 1;
    }
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    const demo = values['no-demo'] ? false : seed !== undefined ? { seed } : true;
    const report = await installTemplate(store, actorOf(admin), found.value, {
      demo,
      now: new Date(),
      log: out,
    });
    if (!report.ok) {
      for (const i of report.issues) err(`${i.code} ${i.path} ${i.message}`);
      return 1;
    }
    printReport(report.value, out);
    return 0;
  } finally {
    await store.close();
  }
}

/** The pack `stagecraft demo` and the first start use: DEFAULT_TEMPLATE, else the one marked installByDefault. */
async function defaultTemplate(env: NodeJS.ProcessEnv): Promise<LoadedTemplate | null> {
  const root = defaultTemplatesRoot(env);
  if (env.DEFAULT_TEMPLATE === 'none') return null;
  if (env.DEFAULT_TEMPLATE) {
    const found = await findTemplate(root, env.DEFAULT_TEMPLATE);
    return found.ok ? found.value : null;
  }
  const { templates } = await listTemplates(root);
  return templates.find((t) => t.manifest.installByDefault) ?? null;
}

/** `stagecraft demo [--template name] [--scale N] [--seed S]`: a template with demo data at a chosen scale. */
export async function demoCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  out: Print,
  err: Print,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { template: { type: 'string' }, scale: { type: 'string' }, seed: { type: 'string' } },
  });
  const scale = values.scale === undefined ? undefined : Number(values.scale);
  if (scale !== undefined && !(Number.isInteger(scale) && scale > 0)) {
    err('--scale must be a positive integer');
    return 2;
  }
  const template = values.template
    ? await findTemplate(defaultTemplatesRoot(env), values.template).then((r) => (r.ok ? r.value : null))
    : await defaultTemplate(env);
  if (!template) {
    err('No template to load: pass --template <name> (see `stagecraft template list`).');
    return 1;
  }
  const store = await openFromEnv(env);
  try {
    const created = await firstRun(store, env);
    if (created?.generatedPassword)
      out(`Created admin ${created.email} with password ${created.generatedPassword}`);
    const admin = created?.admin ?? (await cliAdmin(store, env));
    if (!admin) {
      err('No admin found: set ADMIN_EMAIL to an admin of the workspace.');
      return 1;
    }
    const actor = actorOf(admin);
    if ((await store.apps.list(actor)).some((a) => a.id === template.app.id)) {
      err(
        `"${template.app.id}" is already installed in this workspace; run the demo on an empty DATA_DIR or DATABASE_URL.`,
      );
      return 1;
    }
    const started = Date.now();
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    const report = await installTemplate(store, actor, template, {
      demo: { ...(scale !== undefined ? { scale } : {}), ...(seed !== undefined ? { seed } : {}) },
      now: new Date(),
      log: out,
    });
    if (!report.ok) {
      for (const i of report.issues) err(`${i.code} ${i.path} ${i.message}`);
      return 1;
    }
    printReport(report.value, out);
    out(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s on ${store.describe()}.`);
    return 0;
  } finally {
    await store.close();
  }
}

/** What the first start prints besides the admin: demo logins. */
export interface DefaultInstallLogins {
  installed: string[];
  logins: { email: string; password: string; role: string }[];
}

/**
 * The first-start install: the default pack with demo data into the new workspace. Failures are
 * printed, never fatal: the server still starts with an empty workspace.
 */
export async function installDefaultTemplate(
  store: Store,
  admin: User,
  env: NodeJS.ProcessEnv,
  log: Print,
): Promise<DefaultInstallLogins> {
  const template = await defaultTemplate(env);
  if (!template) return { installed: [], logins: [] };
  log(`Installing the ${template.manifest.label.en ?? template.manifest.id} template with demo data…`);
  const report = await installTemplate(store, actorOf(admin), template, {
    demo: true,
    now: new Date(),
    log: () => {},
  });
  if (!report.ok) {
    log(
      `Could not install ${template.manifest.id}: ${report.issues.map((i) => `${i.code} ${i.path} ${i.message}`).join('; ')}`,
    );
    return { installed: [], logins: [] };
  }
  printReport(report.value, log);
  return {
    installed: [template.manifest.id],
    logins: (report.value.demo?.logins ?? []).map((l) => ({
      email: l.email,
      password: l.password,
      role: `${l.role} (${l.name})`,
    })),
  };
}
