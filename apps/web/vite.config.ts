import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

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

/** Workspace packages resolve to their sources, as in vitest.config.ts (no package build needed). */
export default defineConfig({
  plugins: [react(), chunkModules()],
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
