import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../../', import.meta.url).pathname;

/** A free TCP port on localhost. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The built server (`stagecraft start`) on PGlite in a temp data folder, stopped by `stop()`. */
export interface RunningServer {
  url: string;
  adminEmail: string;
  adminPassword: string;
  /** What the first start printed (URL, admin, the default template's demo logins). */
  banner: string;
  /** The server's data folder (PGlite under `pglite/`, uploads under `files/`). */
  dataDir: string;
  stop(): Promise<void>;
}

/** How to start: which template pack the first start installs (its DEFAULT_TEMPLATE), else the default one. */
export interface StartOptions {
  template?: string;
  /** Adds to the server's environment (e.g. `DEFAULT_TEMPLATE: 'store-sales'`). */
  env?: Record<string, string>;
  /** Leaves the data folder after `stop()`, so a test can open the database the server wrote. */
  keepData?: boolean;
}

/** Starts `node apps/server/dist/cli.js start` and resolves when it prints its URL. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'stagecraft-e2e-'));
  const port = await freePort();
  const adminEmail = 'admin@e2e.test';
  const adminPassword = 'e2e-admin-password';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
    ...options.env,
  };
  delete env.DATABASE_URL;
  if (options.template) env.DEFAULT_TEMPLATE = options.template;
  else if (!options.env?.DEFAULT_TEMPLATE) delete env.DEFAULT_TEMPLATE;
  const child: ChildProcess = spawn(process.execPath, [join(root, 'apps/server/dist/cli.js'), 'start'], {
    env,
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/running at/i.test(output)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    adminEmail,
    adminPassword,
    banner: output,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
