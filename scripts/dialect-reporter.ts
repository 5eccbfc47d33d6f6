import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints, after every run, how many database tests ran on each engine, read from the `[pglite]` /
 * `[postgres]` tags in suite names, so the output says which databases the run covered, and closes
 * with one plain `tests: N passed, N failed, N skipped` line.
 */
export default class DialectReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = new Map<string, { passed: number; failed: number; skipped: number }>();
    const all = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const outcome = test.result().state;
        if (outcome === 'passed') all.passed++;
        else if (outcome === 'failed') all.failed++;
        else all.skipped++;
        const tag = /\[(pglite|postgres)\]/.exec(test.fullName)?.[1];
        if (!tag) continue;
        const entry = counts.get(tag) ?? { passed: 0, failed: 0, skipped: 0 };
        const state = test.result().state;
        if (state === 'passed') entry.passed++;
        else if (state === 'failed') entry.failed++;
        else entry.skipped++;
        counts.set(tag, entry);
      }
    }
    const line = (tag: string) => {
      const c = counts.get(tag);
      return c ? `${tag}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped` : `${tag}: not run`;
    };
    const postgres = process.env.TEST_DATABASE_URL ? '' : ' (TEST_DATABASE_URL not set)';
    console.log(`\nDatabase tests by engine: ${line('pglite')}; ${line('postgres')}${postgres}`);
    // the plain closing line CI logs are read by
    console.log(`\ntests: ${all.passed} passed, ${all.failed} failed, ${all.skipped} skipped\n`);
  }
}
