/**
 * The layer order (docs/architecture.md, "Packages and layering") is held by the tools, not by review:
 * biome's `noRestrictedImports` overrides per folder (biome.json) and `"types": []` in the pure
 * packages' tsconfig. Each case writes a deliberate offender into a package's `src`, runs the real tool
 * on it, and deletes it again; each has a control that the same tool accepts, so the test can fail.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const biome = join(root, 'node_modules/.bin/biome');

/** Writes `text` to `path` (relative to the repository), runs `check` on it, and removes it again. */
function withProbe<T>(path: string, text: string, check: (file: string) => T): T {
  const file = join(root, path);
  const created: string[] = [];
  for (let dir = dirname(file); !existsSync(dir); dir = dirname(dir)) created.unshift(dir);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  try {
    return check(file);
  } finally {
    rmSync(file, { force: true });
    // Folders made for the probe only (e.g. a package that does not exist on this branch yet).
    for (const dir of created.reverse()) rmSync(dir, { recursive: true, force: true });
  }
}

/** `biome lint` on one file: its exit status and the restricted-import diagnostics it printed. */
function lint(path: string, text: string): { ok: boolean; restricted: string[] } {
  return withProbe(path, text, (file) => {
    const run = spawnSync(biome, ['lint', '--max-diagnostics=50', file], { cwd: root, encoding: 'utf8' });
    const output = `${run.stdout}\n${run.stderr}`;
    const restricted = output
      .split('\n')
      .filter((line) => line.includes('lint/style/noRestrictedImports'))
      .map((line) => line.trim());
    return { ok: run.status === 0, restricted };
  });
}

const probe = (dir: string) => `${dir}/layer-probe-${process.pid}.ts`;

describe('biome noRestrictedImports encodes the layer order', () => {
  it.each([
    ['packages/engine/src', "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n"],
    ['packages/engine/src', "import { readFileSync } from 'fs';\nexport const probe = readFileSync;\n"],
    [
      'packages/engine/src',
      "import { openStore } from '@stagecraft/store';\nexport const probe = openStore;\n",
    ],
    ['packages/engine/src', "export { createRegistry } from '@stagecraft/renderer';\n"],
    [
      'packages/rules/src',
      "import { validateRecord } from '@stagecraft/engine';\nexport const probe = validateRecord;\n",
    ],
    ['packages/schema/src', "import type { Rule } from '@stagecraft/rules';\nexport type Probe = Rule;\n"],
    [
      'packages/contract/src',
      "import { evaluate } from '@stagecraft/rules';\nexport const probe = evaluate;\n",
    ],
    [
      'packages/renderer/src',
      "import { openStore } from '@stagecraft/store';\nexport const probe = openStore;\n",
    ],
    ['packages/renderer/src', "import { x } from '../../store/src/index.js';\nexport const probe = x;\n"],
    ['packages/renderer/src', "import { x } from '@stagecraft/store/testing';\nexport const probe = x;\n"],
    [
      'packages/renderer/src',
      "import { createHash } from 'node:crypto';\nexport const probe = createHash;\n",
    ],
    [
      'packages/designer/src',
      "import { openStore } from '@stagecraft/store';\nexport const probe = openStore;\n",
    ],
    ['packages/store/src', "import { Form } from '@stagecraft/renderer';\nexport const probe = Form;\n"],
    [
      'packages/store/src',
      "import { buildApp } from '../../../apps/server/src/app.js';\nexport const probe = buildApp;\n",
    ],
    ['apps/server/src', "import { Designer } from '@stagecraft/designer';\nexport const probe = Designer;\n"],
    [
      'apps/server/src',
      "import { demo } from '@stagecraft/template-store-sales';\nexport const probe = demo;\n",
    ],
    ['apps/web/src', "import { openStore } from '@stagecraft/store';\nexport const probe = openStore;\n"],
    ['apps/web/src', "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n"],
    // The schema's docs generator (`pnpm gen:docs`) once read the server's status map this way.
    ['packages/schema/scripts', "export { HTTP_STATUS } from '../../../apps/server/src/http-status.js';\n"],
    [
      'packages/store/test',
      "import { buildApp } from '@stagecraft/server';\nexport const probe = buildApp;\n",
    ],
  ])('%s may not: %s', (dir, text) => {
    const result = lint(probe(dir), text);
    expect(result.ok).toBe(false);
    expect(result.restricted).toHaveLength(1);
  });

  it.each([
    [
      'packages/engine/src',
      "import { validateApp } from '@stagecraft/schema';\nexport const probe = validateApp;\n",
    ],
    [
      'packages/contract/src',
      "import { z } from 'zod';\nimport { App } from '@stagecraft/schema';\nexport const probe = [z, App];\n",
    ],
    [
      'packages/renderer/src',
      "import { validateRecord } from '@stagecraft/engine';\nexport const probe = validateRecord;\n",
    ],
    ['apps/server/src', "import { x } from '@stagecraft/store/testing';\nexport const probe = x;\n"],
    ['packages/store/src', "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n"],
    ['apps/web/src', "import { Designer } from '@stagecraft/designer';\nexport const probe = Designer;\n"],
  ])('%s may: %s', (dir, text) => {
    expect(lint(probe(dir), text)).toEqual({ ok: true, restricted: [] });
  });

  it('applies to the code, not to its tests (a test may read fixtures from disk)', () => {
    const text = "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n";
    expect(lint(`packages/engine/src/layer-probe-${process.pid}.test.ts`, text).restricted).toEqual([]);
  });
});

/** Type errors of a file compiled with the compiler options of a package's tsconfig.json. */
function typeErrors(pkg: string, text: string): string[] {
  const configPath = join(root, pkg, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
  return withProbe(probe(`${pkg}/src`), text, (file) => {
    const options = { ...parsed.options, noEmit: true, composite: false, incremental: false };
    const program = ts.createProgram([file], options);
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  });
}

describe('the pure packages compile without Node types', () => {
  const nodeGlobals = [
    'export const home = process.env.HOME;',
    "export const bytes = Buffer.from('x');",
    'export const timer = setTimeout(() => {}, 1);',
  ].join('\n');

  it.each(['packages/schema', 'packages/rules', 'packages/engine'])(
    '%s cannot see process, Buffer or setTimeout',
    (pkg) => {
      const errors = typeErrors(pkg, nodeGlobals);
      for (const name of ['process', 'Buffer', 'setTimeout']) {
        expect(errors.some((e) => e.includes(`Cannot find name '${name}'`))).toBe(true);
      }
    },
  );

  it('the store, which does I/O, can', () => {
    expect(typeErrors('packages/store', nodeGlobals)).toEqual([]);
  });
});
