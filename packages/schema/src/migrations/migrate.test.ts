import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION } from '../documents/app.js';
import { validateApp } from '../validate/validate-app.js';
import { validateDocument } from '../validate/validate-document.js';
import { migrateApp } from './migrate.js';

const v1 = {
  schemaVersion: 1,
  id: 'old',
  label: '旧应用',
  description: 'An old app',
  entities: [
    {
      id: 'thing',
      label: '物品',
      fields: [
        {
          id: 'size',
          label: 'Size',
          type: 'single_select',
          options: [
            { id: 's', label: '小' },
            { id: 'l', label: { en: 'Large' } },
          ],
        },
        { id: 'label', label: 'Label', type: 'text' },
        {
          id: 'rows',
          label: '明细',
          type: 'subtable',
          fields: [{ id: 'name', label: 'Name', type: 'text', help: '名称' }],
        },
      ],
    },
  ],
  validationRules: [
    { id: 'r', entity: 'thing', assert: { '==': [{ var: 'label' }, 'label'] }, message: '必填' },
  ],
  automations: [
    {
      id: 'a',
      label: 'Auto',
      entity: 'thing',
      trigger: { type: 'record_created' },
      actions: [
        { id: 'n', type: 'notify', recipients: [{ type: 'owner' }], title: '提醒' },
        { id: 'u', type: 'update_fields', values: { label: 'must stay a string' } },
      ],
    },
  ],
};

describe('migrateApp', () => {
  it('is at version 2', () => expect(CURRENT_SCHEMA_VERSION).toBe(2));

  it('turns version-1 plain strings into localized texts by script, leaving rules and values alone', () => {
    const r = migrateApp(v1);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.from).toBe(1);
    expect(r.value.to).toBe(2);
    // biome-ignore lint/suspicious/noExplicitAny: the migrated document is read at arbitrary paths
    const app = r.value.app as any;
    expect(app.schemaVersion).toBe(2);
    expect(app.label).toEqual({ 'zh-CN': '旧应用' });
    expect(app.description).toEqual({ en: 'An old app' });
    expect(app.entities[0].label).toEqual({ 'zh-CN': '物品' });
    expect(app.entities[0].fields[0].label).toEqual({ en: 'Size' });
    expect(app.entities[0].fields[0].options).toEqual([
      { id: 's', label: { 'zh-CN': '小' } },
      { id: 'l', label: { en: 'Large' } },
    ]);
    expect(app.entities[0].fields[2].fields[0].help).toEqual({ 'zh-CN': '名称' });
    expect(app.validationRules[0].message).toEqual({ 'zh-CN': '必填' });
    expect(app.validationRules[0].assert).toEqual({ '==': [{ var: 'label' }, 'label'] });
    expect(app.automations[0].actions[0].title).toEqual({ 'zh-CN': '提醒' });
    expect(app.automations[0].actions[1].values).toEqual({ label: 'must stay a string' });
    expect(v1.label).toBe('旧应用');
  });

  it('lets validateApp accept a version-1 document', () => {
    const r = validateApp(v1);
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  it('leaves a current document unchanged', () => {
    const doc = { schemaVersion: 2, id: 'x', label: { en: 'X' }, entities: [] };
    const r = migrateApp(doc);
    expect(r.ok && r.value.app).toEqual(doc);
  });

  it('refuses a document newer than this build, and embedded documents that are newer', () => {
    expect(migrateApp({ ...v1, schemaVersion: 3 })).toMatchObject({
      ok: false,
      issues: [{ code: 'SCHEMA_VERSION_UNSUPPORTED', path: '/schemaVersion' }],
    });
    const nested = { ...v1, entities: [{ ...v1.entities[0], schemaVersion: 9 }] };
    expect(migrateApp(nested)).toMatchObject({
      ok: false,
      issues: [{ code: 'SCHEMA_VERSION_UNSUPPORTED', path: '/entities/0/schemaVersion' }],
    });
  });

  it('asks for a schemaVersion on an app', () => {
    expect(migrateApp({ id: 'x', entities: [] })).toMatchObject({
      ok: false,
      issues: [{ code: 'VALIDATION_FAILED', path: '/schemaVersion' }],
    });
  });
});

describe('validateDocument', () => {
  it('detects the kind and migrates standalone documents', () => {
    const r = validateDocument({ kind: 'entity', schemaVersion: 1, ...v1.entities[0] });
    expect(r.ok && r.value.kind).toBe('entity');
  });

  it('reports duplicate ids inside a standalone document but not references elsewhere', () => {
    const entity = {
      kind: 'entity',
      id: 'e',
      label: { en: 'E' },
      fields: [
        { id: 'a', label: { en: 'A' }, type: 'reference', entity: 'other' },
        { id: 'a', label: { en: 'A' }, type: 'text' },
      ],
    };
    expect(validateDocument(entity)).toMatchObject({
      ok: false,
      issues: [{ code: 'DUPLICATE_ID', path: '/fields/1/id' }],
    });
  });

  it('validates an app when the document has entities, and refuses unknown kinds', () => {
    expect(validateDocument({ schemaVersion: 2, id: 'x', label: { en: 'X' }, entities: [] }).ok).toBe(true);
    expect(validateDocument({ kind: 'spaceship' })).toMatchObject({ ok: false, issues: [{ path: '/kind' }] });
  });
});
