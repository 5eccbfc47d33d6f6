#!/usr/bin/env node
// `pnpm start` runs this before the server: it builds only what changed. `tsc -b` is incremental by
// itself (a no-op run takes well under a second); the web app's Vite build is skipped when the stamp
// its last build wrote still matches its inputs (see web-build-stamp.mjs). `pnpm build` stays a full
// build for CI.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { webBuildStatus } from './web-build-stamp.mjs';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

// The TypeScript binary directly: `pnpm exec` would add about half a second to every start.
run(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-b']);
const web = webBuildStatus(root);
if (web.upToDate) {
  console.log(`web app: build skipped, ${web.reason}`);
} else {
  console.log(`web app: building, ${web.reason}`);
  run('pnpm', ['--filter', '@stagecraft/web', 'build']);
}
