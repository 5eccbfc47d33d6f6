#!/usr/bin/env node
// `pnpm start` runs this before the server: it builds only what changed. `tsc -b` is incremental by
// itself (a no-op run takes well under a second); the web app's Vite build is skipped when the stamp
// its last build wrote still matches its inputs (see web-build-stamp.mjs). When both have work, they
// run side by side: Vite bundles the packages from source, so it does not wait for tsc, and each
// leaves a core to the other for much of its run. `pnpm build` stays a full build for CI.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { webBuildStatus } from './web-build-stamp.mjs';

const root = new URL('..', import.meta.url).pathname;
const took = {};
const run = (name, cmd, args) =>
  new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: 'inherit', cwd: root });
    const done = (code) => {
      took[name] = `${((performance.now() - t0) / 1000).toFixed(1)} s`;
      resolve(code);
    };
    child.once('error', () => done(1));
    child.once('exit', (code) => done(code ?? 1));
  });

const web = webBuildStatus(root);
console.log(`web app: ${web.upToDate ? 'build skipped' : 'building'}, ${web.reason}`);
const codes = await Promise.all([
  // The TypeScript binary directly: `pnpm exec` would add about half a second to every start.
  run('tsc -b', process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-b']),
  web.upToDate ? 0 : run('web app', 'pnpm', ['--filter', '@stagecraft/web', 'build']),
]);
console.log(
  `build: ${Object.entries(took)
    .map(([name, time]) => `${name} ${time}`)
    .join(', ')}`,
);
process.exit(codes.find((code) => code !== 0) ?? 0);
