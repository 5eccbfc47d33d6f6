/**
 * `pnpm bench start [--fresh] [--restarts N]`: how long `pnpm start` takes until `GET /api/health` answers.
 *
 * Without flags, in this checkout: one start to get builds and a data folder in place (timed and
 * printed, but whatever it had to build depends on the checkout), then a restart with nothing
 * changed, three times (`--restarts N`), whose median must answer within 10 s, and one more with
 * WORKER=off, to show what the automation worker's first scan adds.
 *
 * `--fresh` clones the committed HEAD into a temporary folder and there runs `pnpm install` (timed
 * apart), the first `pnpm start` (full `tsc -b`, Vite build, first run with the default template and
 * its demo data; must answer within 3 minutes), a restart with nothing changed (within 10 s), and a
 * restart after one line is appended to a renderer source file, which must rebuild the web app.
 *
 * The starts of one run share a temporary DATA_DIR, which the first start fills, and use PGlite
 * (DATABASE_URL is dropped) on a free port; each is stopped with SIGTERM once healthy. Exit 1 when a budget is missed. Not part of `pnpm test`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
const restartsAt = process.argv.indexOf('--restarts');
const restarts = restartsAt > 0 ? Number(process.argv[restartsAt + 1]) : 3;
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

/**
 * CPU seconds used so far by the process group of `pnpm start`: each live process's own time plus
 * the time of the children it has reaped (the build script, tsc, vite), from /proc (Linux; 0
 * elsewhere). Unlike the wall time it hardly depends on what else loads the machine.
 */
function groupCpuSeconds(pgid: number): number {
  if (!existsSync('/proc')) return 0;
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command name (which may hold spaces): state ppid pgrp … utime stime cutime cstime.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(f[2]) !== pgid) continue;
    ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  }
  return ticks / 100; // USER_HZ
}

interface StartResult {
  healthyMs: number;
  cpuSeconds: number;
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
async function timedStart(cwd: string, dataDir: string, extraEnv = {}): Promise<StartResult> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
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
    const cpuSeconds = child.pid ? groupCpuSeconds(child.pid) : 0;
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
      cpuSeconds,
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
  const cpu = `${r.cpuSeconds.toFixed(1)} s CPU`;
  console.log(`${what.padEnd(34)} ${s(r.healthyMs).padStart(8)}  ${cpu.padStart(10)}${verdict}`);
  console.log(`${''.padEnd(36)}${web}; ${r.phases}`);
};

const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
  cwd: repo,
  encoding: 'utf8',
}).stdout.trim();
console.log(
  `pnpm start until /api/health answers (wall time, and CPU time of all its processes), PGlite, ${cpus().length} cores, load average ${loadavg()
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
    const unchanged = await timedStart(clone, data);
    line('restart, nothing changed', unchanged, RESTART_BUDGET_MS);
    if (unchanged.webBuilt) {
      console.log('  WRONG: a restart with nothing changed rebuilt the web app');
      over = true;
    }
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
    const times: number[] = [];
    for (let i = 1; i <= restarts; i++) {
      const r = await timedStart(repo, data);
      line(`restart ${i}, nothing changed`, r);
      times.push(r.healthyMs);
    }
    const median = times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
    const verdict =
      median <= RESTART_BUDGET_MS ? `ok (≤ ${s(RESTART_BUDGET_MS)})` : `OVER ${s(RESTART_BUDGET_MS)}`;
    if (median > RESTART_BUDGET_MS) over = true;
    console.log(`${'restart, nothing changed: median'.padEnd(34)} ${s(median).padStart(8)}  ${verdict}`);
    line('restart, WORKER=off (no first scan)', await timedStart(repo, data, { WORKER: 'off' }));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(over ? 1 : 0);
