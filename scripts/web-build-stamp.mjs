// Up-to-date check for the web app's Vite build, so `pnpm start` rebuilds it only when an input changed.
//
// The inputs are hashed by content (not mtime, which a checkout or a copy changes without changing
// anything): apps/web's sources, config and index.html, the src of every workspace package it
// bundles (followed through package.json dependencies, as vite.config.ts aliases them to source),
// their package.json and tsconfig.json, the root lockfile and tsconfigs, the installed dependency set
// (node_modules/.pnpm/lock.yaml) and any VITE_* variable. Every Vite build writes the hash beside its
// output (the build-stamp plugin in apps/web/vite.config.ts); the check compares it with a fresh hash.
// Test files are left out: Vite never bundles them, and editing one must not cost a rebuild.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Bumped when the set of inputs changes, so every stamp written by an older rule is stale. */
const SCHEME = 1;
/** Where the stamp sits, relative to the web app's outDir (dist). */
export const STAMP_FILE = '.vite/build-stamp.json';
const WEB = 'apps/web';
const SCOPE = '@stagecraft/';
const ROOT_FILES = [
  'package.json',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  'tsconfig.base.json',
  'node_modules/.pnpm/lock.yaml',
];
const WEB_FILES = ['package.json', 'tsconfig.json', 'index.html', 'vite.config.ts'];
const PACKAGE_FILES = ['package.json', 'tsconfig.json'];
const TEST_FILE = /\.test\.[cm]?[jt]sx?$/;

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** Folder (relative to root) of each workspace package under packages/ and apps/, by package name. */
function workspacePackages(root) {
  const byName = new Map();
  for (const top of ['packages', 'apps']) {
    if (!existsSync(join(root, top))) continue;
    for (const dir of readdirSync(join(root, top))) {
      const manifest = join(root, top, dir, 'package.json');
      if (existsSync(manifest)) byName.set(readJson(manifest).name, `${top}/${dir}`);
    }
  }
  return byName;
}

/** The workspace packages apps/web bundles: its @stagecraft dependencies and theirs, transitively. */
export function bundledPackages(root) {
  const byName = workspacePackages(root);
  const found = new Set();
  const visit = (dir) => {
    const manifest = readJson(join(root, dir, 'package.json'));
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) {
      const dep = byName.get(name);
      if (!name.startsWith(SCOPE) || !dep || found.has(dep)) continue;
      found.add(dep);
      visit(dep);
    }
  };
  visit(WEB);
  return [...found].sort();
}

function filesUnder(root, dir, out) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return;
  for (const entry of readdirSync(abs, { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') filesUnder(root, rel, out);
    } else if (!TEST_FILE.test(entry.name)) out.push(rel);
  }
}

/** Every file (relative to root, sorted) whose content the web build depends on; absent ones are skipped. */
export function webBuildInputs(root) {
  const files = [...ROOT_FILES];
  for (const f of WEB_FILES) files.push(`${WEB}/${f}`);
  for (const name of readdirSync(join(root, WEB))) if (name.startsWith('.env')) files.push(`${WEB}/${name}`);
  filesUnder(root, `${WEB}/src`, files);
  filesUnder(root, `${WEB}/public`, files);
  for (const dir of bundledPackages(root)) {
    for (const f of PACKAGE_FILES) files.push(`${dir}/${f}`);
    filesUnder(root, `${dir}/src`, files);
  }
  return [...new Set(files)].filter((f) => existsSync(join(root, f))).sort();
}

/** One hash of all build inputs' paths and contents, plus the VITE_* variables Vite would read. */
export function hashWebBuildInputs(root, env = process.env) {
  const hash = createHash('sha256').update(`scheme ${SCHEME}\0`);
  for (const file of webBuildInputs(root)) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(root, file)))
      .update('\0');
  }
  for (const key of Object.keys(env).sort()) {
    if (key.startsWith('VITE_')) hash.update(`env ${key}=${env[key]}\0`);
  }
  return hash.digest('hex');
}

/** Records that `outDir` holds a build of inputs with this hash; called only after a successful write. */
export function writeWebBuildStamp(outDir, hash, mode) {
  const path = join(outDir, STAMP_FILE);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ hash, mode })}\n`);
}

/**
 * Whether apps/web/dist is a production build of the current inputs: `{ upToDate, reason }`, the reason
 * saying why a rebuild is needed (or that none is).
 */
export function webBuildStatus(root, env = process.env) {
  const dist = join(root, WEB, 'dist');
  if (!existsSync(join(dist, 'index.html'))) return { upToDate: false, reason: 'no build in apps/web/dist' };
  const stampPath = join(dist, STAMP_FILE);
  if (!existsSync(stampPath)) return { upToDate: false, reason: 'the build has no stamp' };
  let stamp;
  try {
    stamp = readJson(stampPath);
  } catch {
    return { upToDate: false, reason: 'the stamp is unreadable' };
  }
  if (stamp.mode !== 'production') return { upToDate: false, reason: `the build is a ${stamp.mode} build` };
  if (stamp.hash !== hashWebBuildInputs(root, env))
    return { upToDate: false, reason: 'its inputs changed since the last build' };
  return { upToDate: true, reason: 'no input changed since the last build' };
}
