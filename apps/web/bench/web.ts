/**
 * `pnpm bench web [--no-build]`: prints the gzipped size of the JavaScript the list page needs on
 * first load (the entry chunk and its static imports, following the Vite manifest); lazy routes
 * (record page, board, form, designer) are listed separately and not counted.
 *
 * Fails (exit 1) when the first load is over the 300 KB budget, or when it holds any module of
 * packages/designer or monaco-editor (read from `dist/.vite/chunk-modules.json`, which the build
 * writes, so a designer module merged into a shared chunk is caught too).
 *
 * Without flags it builds the web app first. `--no-build` checks the existing build as it is and
 * fails (exit 2) when there is none: `pnpm test` runs it right after `pnpm build`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 300;
/** Source modules that must stay out of the list page (the admin designer and its editor). */
const FORBIDDEN = [
  { what: 'packages/designer', test: (id: string) => id.startsWith('packages/designer/') },
  { what: 'monaco-editor', test: (id: string) => /(^|\/)monaco-editor\//.test(id) },
];
const web = new URL('..', import.meta.url).pathname;
const dist = join(web, 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');
const modulesPath = join(dist, '.vite', 'chunk-modules.json');

if (process.argv.includes('--no-build')) {
  for (const path of [manifestPath, modulesPath])
    if (!existsSync(path)) {
      console.error(`--no-build: ${path} is missing; build first (pnpm --filter @stagecraft/web build)`);
      process.exit(2);
    }
} else {
  const r = spawnSync('pnpm', ['exec', 'vite', 'build', '--logLevel', 'warn'], {
    cwd: web,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, Chunk>;
const modules = JSON.parse(readFileSync(modulesPath, 'utf8')) as Record<string, string[]>;
const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
if (!entryKey) throw new Error('no entry in the Vite manifest');

const firstLoad = new Set<string>();
const visit = (key: string) => {
  if (firstLoad.has(key)) return;
  firstLoad.add(key);
  for (const i of manifest[key]?.imports ?? []) visit(i);
};
visit(entryKey);

const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const rows = [...firstLoad].map((k) => ({
  file: (manifest[k] as Chunk).file,
  gzip: gz((manifest[k] as Chunk).file),
}));
const total = rows.reduce((s, r) => s + r.gzip, 0);
const lazy = Object.entries(manifest)
  .filter(([k, c]) => !firstLoad.has(k) && c.file.endsWith('.js'))
  .map(([, c]) => ({ file: c.file, gzip: gz(c.file) }));
const css = (manifest[entryKey]?.css ?? []).map((f) => ({ file: f, gzip: gz(f) }));

console.log('List page, first-load JavaScript (gzip -9):');
for (const r of rows) console.log(`  ${r.file.padEnd(44)} ${kb(r.gzip).padStart(10)}`);
console.log(`  ${'total'.padEnd(44)} ${kb(total).padStart(10)}   budget ${BUDGET_KB} KB`);
for (const c of css) console.log(`  (css, not counted) ${c.file.padEnd(25)} ${kb(c.gzip).padStart(10)}`);
console.log('Lazy chunks (loaded on their routes):');
for (const r of lazy) console.log(`  ${r.file.padEnd(44)} ${kb(r.gzip).padStart(10)}`);

const failures: string[] = [];
for (const { what, test } of FORBIDDEN) {
  const found = rows.flatMap((r) => {
    const inChunk = modules[r.file];
    if (!inChunk) {
      failures.push(`${r.file} is not in ${modulesPath}; the build is older than this check, rebuild`);
      return [];
    }
    return inChunk.filter(test).map((id) => `${r.file}: ${id}`);
  });
  console.log(`${what} in the list page: ${found.length ? 'YES' : 'no'}`);
  for (const f of found.slice(0, 10)) console.log(`  ${f}`);
  if (found.length) failures.push(`${found.length} module(s) of ${what} in the list page's first load`);
}
if (total > BUDGET_KB * 1024) failures.push(`over budget: ${kb(total)} > ${BUDGET_KB} KB`);
for (const f of [...new Set(failures)]) console.error(f);
if (failures.length) process.exit(1);
