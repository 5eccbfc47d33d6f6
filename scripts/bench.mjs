#!/usr/bin/env node
// `pnpm bench <name> [args]` runs the benchmark file `<pkg>/bench/<name>.ts` found in packages/,
// apps/ or templates/, from source (tsx), with the workspace packages resolved to source too.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const [name, ...args] = process.argv.slice(2);
const root = new URL('..', import.meta.url).pathname;
const candidates = ['packages', 'apps', 'templates'].flatMap((top) =>
  existsSync(join(root, top))
    ? readdirSync(join(root, top)).map((pkg) => join(root, top, pkg, 'bench', `${name}.ts`))
    : [],
);
const file = candidates.find((f) => existsSync(f));
if (!name || !file) {
  const all = candidates.length ? '' : '';
  console.error(`usage: pnpm bench <name>; no bench file named "${name ?? ''}" found${all}`);
  process.exit(2);
}
const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', file, ...args], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(r.status ?? 1);
