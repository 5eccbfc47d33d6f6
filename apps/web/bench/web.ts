/**
 * `pnpm bench web [--no-build]`: builds the web app (unless --no-build and a build exists) and prints
 * the gzipped size of the JavaScript the list page needs on first load: the entry chunk and its
 * static imports, following the Vite manifest. Lazy routes (record page, board, form) are listed
 * separately and not counted. Fails (exit 1) above the 300 KB budget.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 300;
const web = new URL('..', import.meta.url).pathname;
const dist = join(web, 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');

if (!process.argv.includes('--no-build') || !existsSync(manifestPath)) {
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
const monaco = [...rows, ...lazy].some((r) => /monaco/i.test(r.file));
console.log(`Monaco in the list page: ${monaco && rows.some((r) => /monaco/i.test(r.file)) ? 'YES' : 'no'}`);
if (total > BUDGET_KB * 1024) {
  console.error(`over budget: ${kb(total)} > ${BUDGET_KB} KB`);
  process.exit(1);
}
