/**
 * The engine is generic: no entity or field id of any template pack may appear in the code under
 * packages/ or apps/. Packs are discovered at run time, so this test names none of them. Ids that
 * are plain words (`amount`, `phone`) are too generic to be a sign of template-specific code, so
 * only compound ids (camelCase or with digits or _) longer than 6 characters are searched for.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultTemplatesRoot, listTemplates } from '../src/templates/loader.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const SKIP = new Set(['node_modules', 'dist', '.vite', 'coverage', 'test-results', 'screenshots']);
const CODE = /\.(ts|tsx|js|mjs|json|css|html)$/;

async function* codeFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* codeFiles(path);
    else if (CODE.test(entry.name) && !entry.name.endsWith('.tsbuildinfo')) yield path;
  }
}

/** Compound ids specific enough that finding one in code means the code knows the template. */
export function specificIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].filter((id) => id.length > 6 && /[A-Z0-9_]/.test(id)).sort();
}

describe('template ids in code', () => {
  it('finds no entity or field id of a template pack in packages/ or apps/', async () => {
    const { templates, broken } = await listTemplates(defaultTemplatesRoot({}));
    expect(broken).toEqual([]);
    expect(templates.length).toBeGreaterThan(0);
    const ids = specificIds(
      templates.flatMap((t) =>
        t.app.entities.flatMap((e) => [
          e.id,
          ...e.fields.flatMap((f) => [f.id, ...(f.type === 'subtable' ? f.fields.map((s) => s.id) : [])]),
        ]),
      ),
    );
    expect(ids.length).toBeGreaterThan(50);
    const pattern = new RegExp(`\\b(${ids.join('|')})\\b`, 'g');
    const found: string[] = [];
    for (const top of ['packages', 'apps']) {
      for await (const file of codeFiles(join(repo, top))) {
        const text = await readFile(file, 'utf8');
        for (const match of text.matchAll(pattern)) found.push(`${file.slice(repo.length)}: ${match[1]}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('counts only compound ids as specific', () => {
    expect(
      specificIds(['amount', 'phone', 'fooBarBaz', 'abc_def', 'q1', 'opportunities', 'quxQuux9']),
    ).toEqual(['abc_def', 'fooBarBaz', 'quxQuux9']);
  });
});
