import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import formatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { renderDefinitionLanguage, renderMigrationTable } from '../scripts/render-docs.js';
import { DOCUMENT_KINDS, documentJsonSchema, ERROR_CODES, FIELD_TYPES } from '../src/index.js';
import sample from './fixtures/sample-app.json' with { type: 'json' };

const Ajv = AjvModule.default ?? AjvModule;
const addFormats = formatsModule.default ?? formatsModule;
const read = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../../${path}`, import.meta.url)), 'utf8');
const REGENERATE = 'out of date: run `pnpm gen:docs` and commit the result';

describe('generated reference files', () => {
  it('definition-language.md is what the generator writes', () => {
    expect(read('docs/reference/definition-language.md'), REGENERATE).toBe(renderDefinitionLanguage());
  });

  it('migrations.md holds the current migration table', () => {
    expect(read('docs/reference/migrations.md'), REGENERATE).toContain(renderMigrationTable());
  });

  it.each(DOCUMENT_KINDS)('json-schema/%s.schema.json is what the generator writes', (kind) => {
    expect(JSON.parse(read(`packages/schema/json-schema/${kind}.schema.json`)), REGENERATE).toEqual(
      documentJsonSchema(kind),
    );
  });

  it('documents every field type', () => {
    const page = renderDefinitionLanguage();
    for (const type of FIELD_TYPES) expect(page).toContain(`### \`${type}\``);
  });
});

describe('error codes', () => {
  const documented = read('docs/reference/errors.md')
    .split('\n')
    .map((line) => /^\| `([A-Z_]+)` \|/.exec(line)?.[1])
    .filter((code): code is string => code !== undefined);

  it('are SCREAMING_SNAKE, unique in the docs and each documented once with both languages', () => {
    const codes = Object.keys(ERROR_CODES);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual([...codes].sort());
    for (const [code, message] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(message.en.length).toBeGreaterThan(0);
      expect(message['zh-CN'].length).toBeGreaterThan(0);
    }
  });
});

describe('app.schema.json', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(read('packages/schema/json-schema/app.schema.json')));

  it('accepts the sample app', () => {
    expect(validate(sample), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects shape errors the zod models reject', () => {
    const broken = structuredClone(sample) as { entities: { fields: Record<string, unknown>[] }[] };
    (broken.entities[1]?.fields[3] as Record<string, unknown>).type = 'bogus';
    expect(validate(broken)).toBe(false);
    const extra = { ...structuredClone(sample), colour: 'red' };
    expect(validate(extra)).toBe(false);
  });
});
