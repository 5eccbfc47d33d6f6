import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

/**
 * Workspace packages resolve to their source, so `vitest run` needs no build first. Keep in step with
 * `paths` in tsconfig.test.json, which type-checks the tests against the same source.
 */
export const workspaceAliases = [
  { find: /^@stagecraft\/store\/testing$/, replacement: src('store/src/testing/index.ts') },
  ...['schema', 'contract', 'rules', 'engine', 'store', 'renderer', 'designer', 'demo-kit'].map((name) => ({
    find: new RegExp(`^@stagecraft/${name}$`),
    replacement: src(`${name}/src/index.ts`),
  })),
];

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    reporters: ['default', './scripts/dialect-reporter.ts'],
    include: ['{packages,apps,templates}/*/{src,test}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/e2e/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
