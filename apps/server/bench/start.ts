/**
 * `pnpm bench start [--fresh]`: how long `pnpm start` takes until `GET /api/health` answers.
 *
 * Without flags, in this checkout: one start to get builds and a data folder in place (timed and
 * printed, but whatever it had to build depends on the checkout), then a restart with nothing
 * changed, which must answer within 10 s.
 *
 * `--fresh` clones the committed HEAD into a temporary folder and there runs `pnpm install` (timed
 * apart), the first `pnpm start` (full `tsc -b`, Vite build, first run with the default template and
 * its demo data; must answer within 3 minutes), a restart with nothing changed (within 10 s), and a
 * restart after one line is appended to a renderer source file, which must rebuild the web app.
 *
 * Each start runs on PGlite in its own temporary DATA_DIR on a free port (DATABASE_URL is dropped)
 * and is stopped with SIGTERM once healthy. Exit 1 when a budget is missed. Not part of `pnpm test`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';

const RESTART_BUDGET_MS = 10_000;
const FIRST_START_BUDGET_MS = 180_000;
const HEALTH_TIMEOUT_MS = 600_000;
const repo = new URL('../../..', import.meta.url).pathname;
const fresh = process.argv.includes('--fresh');
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Marks in the output of `pnpm start`, timed from the spawn, to split the total into phases. */
const MARKS = [
  { name: 'pnpm and up-to-date check', line: /^web app: / },
  { name: 'build', line: /^build: / },
  { name: 'server listening', line: /Stagecraft is running at / },
] as const;

interface StartResult {
  healthyMs: number;
  webBuilt: boolean;
  phases: string;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // The process group of `pnpm start`, which this bench spawned: pnpm, its shell and the server.
  if (child.pid) process.kill(-child.pid, 'SIGTERM');
  await exited;
}

/** Runs `pnpm start` in `cwd` and resolves once `/api/health` answers 200; the server is then stopped. */
async function timedStart(cwd: string, dataDir: string): Promise<StartResult> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const t0 = performance.now();
  const child = spawn('pnpm', ['start'], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const seen = new Map<string, number>();
  const output: string[] = [];
  const onLine = (line: string) => {
    output.push(line);
    for (const mark of MARKS)
      if (!seen.has(mark.name) && mark.line.test(line)) seen.set(mark.name, performance.now() - t0);
  };
  for (const stream of [child.stdout, child.stderr])
    if (stream) createInterface({ input: stream }).on('line', onLine);
  const failed = (why: string) => new Error(`${why}; last output:\n${output.slice(-30).join('\n')}`);
  try {
    for (;;) {
      if (child.exitCode !== null) throw failed(`pnpm start exited with ${child.exitCode}`);
      if (performance.now() - t0 > HEALTH_TIMEOUT_MS) throw failed('no answer from /api/health');
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(1000) })
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const healthyMs = performance.now() - t0;
    let previous = 0;
    const phases: string[] = [];
    for (const mark of MARKS) {
      const at = seen.get(mark.name);
      if (at === undefined) continue;
      phases.push(`${mark.name} ${s(at - previous)}`);
      previous = at;
    }
    phases.push(`first health answer ${s(healthyMs - previous)}`);
    const build = output.find((l) => l.startsWith('build: '))?.slice('build: '.length);
    return {
      healthyMs,
      webBuilt: output.some((l) => l.startsWith('web app: building')),
      phases: `${phases.join(', ')}${build ? ` (build: ${build})` : ''}`,
    };
  } finally {
    await stop(child);
  }
}

function run(cmd: string, args: string[], cwd: string): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})`);
  return performance.now() - t0;
}

let over = false;
const line = (what: string, r: StartResult, budget?: number) => {
  const verdict =
    budget === undefined ? '' : r.healthyMs <= budget ? `  ok (≤ ${s(budget)})` : `  OVER ${s(budget)}`;
  if (budget !== undefined && r.healthyMs > budget) over = true;
  const web = r.webBuilt ? 'web app built' : 'web build skipped';
  const text = `${what.padEnd(34)} ${s(r.healthyMs).padStart(8)}${verdict}\n${''.padEnd(36)}${web}; ${r.phases}`;
  console.log(text);
};

const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
  cwd: repo,
  encoding: 'utf8',
}).stdout.trim();
console.log(
  `pnpm start until /api/health answers, PGlite, ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} at the start${fresh ? `, fresh clone of ${head}` : ''}`,
);
const scratch = mkdtempSync(join(tmpdir(), 'stagecraft-bench-start-'));
try {
  if (fresh) {
    const dirty = spawnSync('git', ['status', '--porcelain'], { cwd: repo, encoding: 'utf8' }).stdout.trim();
    if (dirty) console.log('note: uncommitted changes are not in the clone');
    const clone = join(scratch, 'clone');
    run('git', ['clone', '--quiet', '--no-checkout', repo, clone], scratch);
    run('git', ['checkout', '--quiet', '--detach', head], clone);
    const install = run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], clone);
    console.log(`${'pnpm install (fresh clone)'.padEnd(34)} ${s(install).padStart(8)}`);
    const data = join(scratch, 'data');
    line('first pnpm start (fresh clone)', await timedStart(clone, data), FIRST_START_BUDGET_MS);
    line('restart, nothing changed', await timedStart(clone, data), RESTART_BUDGET_MS);
    appendFileSync(join(clone, 'packages/renderer/src/index.ts'), '// bench: a changed renderer file\n');
    const changed = await timedStart(clone, data);
    line('restart, a renderer file changed', changed);
    if (!changed.webBuilt) {
      console.log('  WRONG: a changed renderer file did not rebuild the web app');
      over = true;
    }
  } else {
    const data = join(scratch, 'data');
    line('start (builds what this checkout needs)', await timedStart(repo, data));
    line('restart, nothing changed', await timedStart(repo, data), RESTART_BUDGET_MS);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(over ? 1 : 0);
