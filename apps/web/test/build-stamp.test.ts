/**
 * The up-to-date check `pnpm start` uses to skip the web app's Vite build (scripts/web-build-stamp.mjs).
 * A small workspace in a temporary folder stands in for the repository: apps/web bundles a renderer
 * package, which bundles a schema package; a store package is not bundled. Each case starts from a
 * stamped build of that workspace, changes one thing, and asks whether a rebuild is needed.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bundledPackages,
  hashWebBuildInputs,
  STAMP_FILE,
  webBuildInputs,
  webBuildStatus,
  writeWebBuildStamp,
} from '../../../scripts/web-build-stamp.mjs';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const env = {};

const manifest = (name: string, deps: string[] = []) =>
  JSON.stringify({ name, dependencies: Object.fromEntries(deps.map((d) => [d, 'workspace:*'])) });

const workspace: Record<string, string> = {
  'package.json': manifest('root'),
  'pnpm-lock.yaml': 'lockfileVersion: 9.0\n',
  'apps/web/package.json': manifest('@stagecraft/web', ['@stagecraft/renderer', 'react']),
  'apps/web/index.html': '<div id="root"></div>',
  'apps/web/vite.config.ts': 'export default {};\n',
  'apps/web/src/main.tsx': "import '@stagecraft/renderer';\n",
  'apps/web/src/main.test.tsx': 'test file\n',
  'apps/server/package.json': manifest('@stagecraft/server', ['@stagecraft/store']),
  'apps/server/src/cli.ts': 'export {};\n',
  'packages/renderer/package.json': manifest('@stagecraft/renderer', ['@stagecraft/schema']),
  'packages/renderer/src/index.ts': "export * from './list/list-view.js';\n",
  'packages/renderer/src/list/list-view.tsx': 'export const ListView = 1;\n',
  'packages/schema/package.json': manifest('@stagecraft/schema'),
  'packages/schema/src/index.ts': 'export const version = 1;\n',
  'packages/store/package.json': manifest('@stagecraft/store', ['@stagecraft/schema']),
  'packages/store/src/index.ts': 'export const store = 1;\n',
  'apps/web/dist/index.html': '<script src="/assets/index.js"></script>',
};

let root = '';
const put = (file: string, content: string) => {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), content);
};
const dist = () => join(root, 'apps/web/dist');

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'stagecraft-build-stamp-'));
  for (const [file, content] of Object.entries(workspace)) put(file, content);
  writeWebBuildStamp(dist(), hashWebBuildInputs(root, env), 'production');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('web build up-to-date check', () => {
  it('skips the build when nothing changed', () => {
    expect(webBuildStatus(root, env)).toEqual({
      upToDate: true,
      reason: 'no input changed since the last build',
    });
  });

  it('follows package dependencies transitively and leaves out what the web app does not bundle', () => {
    expect(bundledPackages(root)).toEqual(['packages/renderer', 'packages/schema']);
    const inputs = webBuildInputs(root);
    expect(inputs).toContain('packages/renderer/src/list/list-view.tsx');
    expect(inputs).toContain('packages/schema/src/index.ts');
    expect(inputs).toContain('apps/web/vite.config.ts');
    expect(inputs).toContain('pnpm-lock.yaml');
    expect(inputs.filter((f) => f.startsWith('packages/store') || f.startsWith('apps/server'))).toEqual([]);
    expect(inputs.filter((f) => f.includes('/dist/') || f.includes('.test.'))).toEqual([]);
  });

  it.each([
    [
      'a renderer file changed',
      () => put('packages/renderer/src/list/list-view.tsx', 'export const A = 2;\n'),
    ],
    ['a file of a transitively bundled package changed', () => put('packages/schema/src/index.ts', '//\n')],
    ['a file was added to a bundled package', () => put('packages/renderer/src/board/board.tsx', 'x\n')],
    ['a file was removed', () => unlinkSync(join(root, 'packages/renderer/src/list/list-view.tsx'))],
    ['a web app source changed', () => put('apps/web/src/main.tsx', "import '@stagecraft/schema';\n")],
    ['the vite config changed', () => put('apps/web/vite.config.ts', 'export default { base: "/x/" };\n')],
    ['index.html changed', () => put('apps/web/index.html', '<main id="root"></main>')],
    ['the lockfile changed', () => put('pnpm-lock.yaml', 'lockfileVersion: 9.1\n')],
    ['a bundled package gained a dependency', () => put('packages/schema/package.json', manifest('x'))],
  ])('rebuilds when %s', (_what, change) => {
    change();
    expect(webBuildStatus(root, env)).toEqual({
      upToDate: false,
      reason: 'its inputs changed since the last build',
    });
  });

  it('rebuilds when a VITE_ variable differs from the last build', () => {
    expect(webBuildStatus(root, { VITE_API: 'https://example.test' }).upToDate).toBe(false);
    expect(webBuildStatus(root, { PORT: '4000' }).upToDate).toBe(true);
  });

  it.each([
    ['a package the web app does not bundle changed', () => put('packages/store/src/index.ts', '//\n')],
    ['the server changed', () => put('apps/server/src/cli.ts', '//\n')],
    ['a test file changed', () => put('apps/web/src/main.test.tsx', 'other test\n')],
  ])('skips the build when only %s', (_what, change) => {
    change();
    expect(webBuildStatus(root, env).upToDate).toBe(true);
  });

  it('rebuilds when dist is missing', () => {
    rmSync(dist(), { recursive: true });
    expect(webBuildStatus(root, env)).toEqual({ upToDate: false, reason: 'no build in apps/web/dist' });
  });

  it('rebuilds when the build has no stamp, a broken one, or one of a non-production build', () => {
    const stamp = join(dist(), STAMP_FILE);
    writeFileSync(stamp, '{"hash":');
    expect(webBuildStatus(root, env)).toEqual({ upToDate: false, reason: 'the stamp is unreadable' });
    writeWebBuildStamp(dist(), hashWebBuildInputs(root, env), 'development');
    expect(webBuildStatus(root, env)).toEqual({
      upToDate: false,
      reason: 'the build is a development build',
    });
    unlinkSync(stamp);
    expect(webBuildStatus(root, env)).toEqual({ upToDate: false, reason: 'the build has no stamp' });
  });
});

describe('web build inputs of this repository', () => {
  it('are the packages vite.config.ts aliases to source, with their sources', () => {
    const config = readFileSync(join(repoRoot, 'apps/web/vite.config.ts'), 'utf8');
    const aliased = /alias: \[([^\]]*)\]/.exec(config)?.[1]?.match(/[a-z-]+/g) ?? [];
    expect(aliased.length).toBeGreaterThan(0);
    expect(bundledPackages(repoRoot)).toEqual(aliased.map((name) => `packages/${name}`).sort());
    const inputs = webBuildInputs(repoRoot);
    expect(inputs).toContain('packages/renderer/src/index.ts');
    expect(inputs).toContain('apps/web/src/main.tsx');
    expect(inputs).toContain('apps/web/vite.config.ts');
    expect(inputs).toContain('pnpm-lock.yaml');
  });
});
