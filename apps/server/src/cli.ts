#!/usr/bin/env node
/**
 * `stagecraft`: start | migrate | validate <file> | create-user | set-password | create-workspace. Configuration comes from the
 * environment: DATABASE_URL (PostgreSQL; embedded PGlite in DATA_DIR otherwise), DATA_DIR (default
 * ./data), PORT (default 3000), ADMIN_EMAIL, ADMIN_PASSWORD, LOG_LEVEL, WEB_DIR, TRUST_PROXY,
 * SESSION_IDLE_HOURS (default 24), SESSION_MAX_DAYS (default 14),
 * PUBLIC_URL.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { validateDocument } from '@stagecraft/schema';
import { buildApp } from './app.js';
import { sessionTimeoutsFromEnv } from './auth/session-policy.js';
import { runDefaultInstall } from './bootstrap/default-install.js';
import { firstRun } from './bootstrap/first-run.js';
import { dataDirOf, openFromEnv, serverStoreOf } from './bootstrap/open.js';
import {
  createUserCommand,
  createWorkspaceCommand,
  setPasswordCommand,
} from './bootstrap/people-commands.js';
import { listen } from './server.js';
import { demoCommand, templateCommand } from './templates/commands.js';
import { runnerFromEnv, workerCommand } from './worker/command.js';

const USAGE = `Usage: stagecraft <command>

  start                       API + web app on one port (PORT, default 3000); runs the automation worker unless WORKER=off
  worker                      the automation worker alone (scale out: any number beside WORKER=off servers)
  migrate                     apply pending system migrations
  validate <file.json>        check an app or document; exit code 1 with the issues
  create-user --email E [--password P] [--role ROLE …] [--org ORG_UNIT] [--name N] [--workspace ID]
                              without --password a one-time password is printed (changed at the first sign-in)
  set-password --email E [--password P]   a chosen password, or a one-time one printed once
  create-workspace --name N --admin-email E [--admin-name A] [--time-zone TZ]   another company on this server; prints its admin's one-time password
  template list | install <name> [--no-demo] [--seed N] | assemble <name>   template packs (install is idempotent; upgrades keep your changes)
  demo [--template NAME] [--scale N] [--seed N]   a template with demo data; --scale sets its main entity's row count

Environment: DATABASE_URL, DATA_DIR (default ./data), PORT, ADMIN_EMAIL, ADMIN_PASSWORD, LOG_LEVEL,
SESSION_IDLE_HOURS (default 24), SESSION_MAX_DAYS (default 14), IMPORT_LEASE_MS (default 30000)`;

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

async function start(): Promise<void> {
  const env = process.env;
  const store = await openFromEnv(env);
  const server = serverStoreOf(store);
  const created = await firstRun(server, env);
  let extraLogins: { email: string; password: string; role: string }[] = [];
  if (created) {
    const installed = await runDefaultInstall({
      store,
      firstRun: created,
      dataDir: dataDirOf(env),
      log: out,
    });
    extraLogins = installed.logins;
  }
  const webDir = env.WEB_DIR || fileURLToPath(new URL('../../web/dist', import.meta.url));
  const app = await buildApp({
    store: server,
    webDir,
    logger: { level: env.LOG_LEVEL || 'warn' },
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    sessionTimeouts: sessionTimeoutsFromEnv(env),
    ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
    // An import job whose process died is taken over after this lease (default 30 s).
    ...(env.IMPORT_LEASE_MS ? { importRunner: { leaseMs: Number(env.IMPORT_LEASE_MS) } } : {}),
  });
  const url = await listen(app, Number(env.PORT || 3000));
  const runner = runnerFromEnv(env, server, app.stagecraft.published, err);
  runner?.start(Number(env.WORKER_POLL_MS || 1000));
  // One write, so whoever reads the banner gets the logins with it.
  const banner = [`Stagecraft is running at ${url}  (${store.describe()})`];
  if (created) {
    banner.push(`Admin: ${created.email}`);
    if (created.generatedPassword)
      banner.push(
        `One-time password (shown once; you choose your own at the first sign-in): ${created.generatedPassword}`,
      );
    for (const l of extraLogins) banner.push(`${l.role}: ${l.email} / ${l.password}`);
  }
  out(banner.join('\n'));
  const stop = async () => {
    await runner?.stop();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function migrateCommand(): Promise<void> {
  const store = await openFromEnv(process.env, { migrate: false });
  try {
    const applied = await store.migrate();
    out(applied.length ? `Applied: ${applied.join(', ')}` : 'Up to date.');
  } finally {
    await store.close();
  }
}

async function validateCommand(file: string | undefined): Promise<number> {
  if (!file) {
    err('validate needs a file: stagecraft validate app.json');
    return 2;
  }
  let input: unknown;
  try {
    input = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    err(`${file}: not readable JSON (${(e as Error).message})`);
    return 1;
  }
  const result = validateDocument(input);
  if (result.ok) {
    out(`${file}: valid ${result.value.kind}`);
    return 0;
  }
  for (const i of result.issues) err(`${file}${i.path ? ` ${i.path}` : ''}: ${i.code} ${i.message}`);
  err(`${result.issues.length} issue(s)`);
  return 1;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      await start();
      return -1;
    case 'worker':
      await workerCommand(process.env, out, err);
      return -1;
    case 'migrate':
      await migrateCommand();
      return 0;
    case 'validate':
      return validateCommand(rest[0]);
    case 'create-user':
      return createUserCommand(rest, process.env, out, err);
    case 'set-password':
      return setPasswordCommand(rest, process.env, out, err);
    case 'create-workspace':
      return createWorkspaceCommand(rest, process.env, out, err);
    case 'template':
      return templateCommand(rest, process.env, out, err);
    case 'demo':
      return demoCommand(rest, process.env, out, err);
    case undefined:
    case 'help':
    case '--help':
      out(USAGE);
      return 0;
    default:
      err(`Unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
