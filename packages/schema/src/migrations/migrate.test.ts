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
  it('is at version 3', () => expect(CURRENT_SCHEMA_VERSION).toBe(3));

  it('turns version-1 plain strings into localized texts by script, leaving rules and values alone', () => {
    const r = migrateApp(v1);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.from).toBe(1);
    expect(r.value.to).toBe(3);
    // biome-ignore lint/suspicious/noExplicitAny: the migrated document is read at arbitrary paths
    const app = r.value.app as any;
    expect(app.schemaVersion).toBe(3);
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
    const doc = { schemaVersion: 3, id: 'x', label: { en: 'X' }, entities: [] };
    const r = migrateApp(doc);
    expect(r.ok && r.value.app).toEqual(doc);
  });

  it('refuses a document newer than this build, and embedded documents that are newer', () => {
    expect(migrateApp({ ...v1, schemaVersion: 4 })).toMatchObject({
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

describe('migration 2 → 3', () => {
  const L = (en: string) => ({ en });
  const machine = (extra: Record<string, unknown>) => ({
    id: 'pipeline',
    entity: 'deal',
    label: L('Pipeline'),
    initialStage: 'open',
    stages: [
      { id: 'open', label: L('Open'), category: 'open', probability: 10, forecastCategory: 'pipeline' },
      { id: 'won', label: L('Won'), category: 'won', probability: 100, forecastCategory: 'closed' },
    ],
    transitions: [{ id: 'win', label: L('Win'), from: ['open'], to: 'won', ...extra }],
  });
  const app = (version: number, extra: Record<string, unknown>) => ({
    schemaVersion: version,
    id: 'sales',
    label: L('Sales'),
    entities: [{ id: 'deal', label: L('Deal'), fields: [{ id: 'name', label: L('Name'), type: 'text' }] }],
    stageMachines: [machine(extra)],
    // What migrations.md tells an app to write instead: an automation on the move.
    automations: [
      {
        id: 'notifyOnWin',
        entity: 'deal',
        label: L('Won'),
        trigger: { type: 'stage_changed', to: ['won'] },
        actions: [{ id: 'n', type: 'notify', recipients: [{ type: 'owner_manager' }], title: L('Won') }],
      },
    ],
  });

  it('drops after-actions from the transitions of an app and of a standalone stage machine', () => {
    const r = migrateApp(app(2, { afterActions: ['notifyManager'] }));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    // biome-ignore lint/suspicious/noExplicitAny: the migrated document is read at arbitrary paths
    const migrated = r.value.app as any;
    expect(migrated.stageMachines[0].transitions[0]).toEqual({
      id: 'win',
      label: L('Win'),
      from: ['open'],
      to: 'won',
    });
    const valid = validateApp(app(2, { afterActions: ['notifyManager'] }));
    expect(valid.ok ? [] : valid.issues).toEqual([]);
    const standalone = validateDocument({
      kind: 'stageMachine',
      schemaVersion: 2,
      ...machine({ afterActions: ['x'] }),
    });
    expect(standalone.ok ? [] : standalone.issues).toEqual([]);
    expect(JSON.stringify(standalone.ok && standalone.value)).not.toContain('afterActions');
  });

  it('refuses after-actions on a version-3 document', () => {
    const r = validateApp(app(3, { afterActions: ['notifyManager'] }));
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toContainEqual([
      'VALIDATION_FAILED',
      '/stageMachines/0/transitions/0/afterActions',
    ]);
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
