#!/usr/bin/env node
// `pnpm test:e2e`: browser tests in real Chromium against the built server on PGlite.
// Builds the web app (and the server when its dist is missing) and installs Debian's chromium when absent.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!existsSync(`${root}/vitest.e2e.config.ts`)) {
  console.log('no e2e suite yet');
  process.exit(0);
}
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.log(
    `e2e: ${chromium} not found; installing Debian chromium (and a CJK font for legible screenshots)`,
  );
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (args) =>
    spawnSync(sudo[0] ?? 'apt-get', sudo.length ? ['apt-get', ...args] : args, { stdio: 'inherit' });
  if (apt(['install', '-y', 'chromium', 'fonts-wqy-microhei']).status !== 0) {
    apt(['update']);
    apt(['install', '-y', 'chromium', 'fonts-wqy-microhei']);
  }
}
if (!existsSync(`${root}/apps/server/dist/cli.js`)) run('pnpm', ['exec', 'tsc', '-b']);
// The web app is rebuilt every time (a few seconds) so the run never tests a stale bundle;
// E2E_SKIP_WEB_BUILD=1 skips it when the caller has just built (as `pnpm test` does).
if (process.env.E2E_SKIP_WEB_BUILD !== '1' || !existsSync(`${root}/apps/web/dist/index.html`)) {
  run('pnpm', ['--filter', '@stagecraft/web', 'build']);
}
const r = spawnSync(
  'pnpm',
  ['exec', 'vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    cwd: root,
  },
);
process.exit(r.status ?? 1);
