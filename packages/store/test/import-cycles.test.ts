import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, relativeImports } from '../../../scripts/layers/import-graph.js';

const src = fileURLToPath(new URL('../src', import.meta.url));

describe('import cycles', () => {
  it('finds a cycle when there is one, and none in a chain', () => {
    const cyclic = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
    ]);
    expect(importCycles(cyclic)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    expect(
      importCycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
    ).toEqual([]);
    expect(importCycles(new Map([['a.ts', ['a.ts']]]))).toEqual([['a.ts', 'a.ts']]);
  });

  it('reads imports, re-exports, type-only imports and dynamic imports', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "export { c } from './c/index.js';",
      "const d = await import('./d.js');",
      "import { sql } from 'kysely';",
    ].join('\n');
    expect(relativeImports('x.ts', text)).toEqual(['./a.js', '../b.js', './c/index.js', './d.js']);
  });

  it('packages/store/src has none', () => {
    const graph = importGraph(src);
    expect(graph.size).toBeGreaterThan(20);
    expect(importCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });
});
