import { defineConfig } from 'vitest/config';
import { workspaceAliases } from './vitest.config.js';

/** Browser tests: real Chromium (playwright-core) against the built server on PGlite. */
export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    reporters: ['default', './scripts/dialect-reporter.ts'],
    include: ['apps/*/e2e/**/*.e2e.ts', 'templates/*/e2e/**/*.e2e.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
