import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const pkg = (name: string) => fileURLToPath(new URL(`../../packages/${name}/src/index.ts`, import.meta.url));

/** Workspace packages resolve to their sources, as in vitest.config.ts (no package build needed). */
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: ['schema', 'rules', 'engine', 'renderer', 'designer'].map((name) => ({
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
