import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { hashWebBuildInputs, writeWebBuildStamp } from '../../scripts/web-build-stamp.mjs';

const pkg = (name: string) => fileURLToPath(new URL(`../../packages/${name}/src/index.ts`, import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Writes `dist/.vite/chunk-modules.json`: for each JavaScript chunk, the source modules whose code
 * it holds (paths from the repository root). `pnpm bench web` reads it to prove that no module of
 * packages/designer or monaco-editor reaches the list page's first load, whatever the chunk names.
 */
function chunkModules(): Plugin {
  return {
    name: 'stagecraft-chunk-modules',
    apply: 'build',
    generateBundle(_options, bundle) {
      const map: Record<string, string[]> = {};
      for (const item of Object.values(bundle)) {
        if (item.type !== 'chunk') continue;
        map[item.fileName] = Object.entries(item.modules)
          .filter(([, m]) => m.renderedLength > 0)
          .map(([id]) => relative(repo, id.replace(/^\0/, '').split('?')[0] ?? id))
          .sort();
      }
      this.emitFile({
        type: 'asset',
        fileName: '.vite/chunk-modules.json',
        source: `${JSON.stringify(map, null, 1)}\n`,
      });
    },
  };
}

/**
 * Writes `dist/.vite/build-stamp.json`, the hash of this build's inputs, once the bundle is on disk,
 * so `pnpm start` (scripts/build-changed.mjs) can skip the next build when nothing changed. The hash
 * is taken as the build starts: a file edited during the build leaves a stamp that no longer matches.
 */
function buildStamp(): Plugin {
  let hash = '';
  let mode = '';
  let outDir = '';
  return {
    name: 'stagecraft-build-stamp',
    apply: 'build',
    configResolved(config) {
      mode = config.mode;
      outDir = resolve(config.root, config.build.outDir);
    },
    buildStart() {
      hash = hashWebBuildInputs(repo);
    },
    writeBundle() {
      writeWebBuildStamp(outDir, hash, mode);
    },
  };
}

/** Workspace packages resolve to their sources, as in vitest.config.ts (no package build needed). */
export default defineConfig({
  plugins: [react(), chunkModules(), buildStamp()],
  resolve: {
    alias: ['schema', 'contract', 'rules', 'engine', 'renderer', 'designer'].map((name) => ({
      find: new RegExp(`^@stagecraft/${name}$`),
      replacement: pkg(name),
    })),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    manifest: true,
    rollupOptions: {
      // zod ships comments rollup cannot place; the warning is noise, not a problem of ours.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
