import type { App } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import {
  addRole,
  permissionOf,
  removeRole,
  renameRole,
  setFieldAccess,
  setRight,
  setScope,
} from './role-ops.js';

const app = {
  schemaVersion: 2,
  id: 'a',
  label: { en: 'A', 'zh-CN': 'A' },
  entities: [],
  forms: [],
  views: [],
  roles: [
    {
      id: 'member',
      label: { en: 'Rep', 'zh-CN': '代表' },
      permissions: [{ entity: 'deal', create: true, read: true, update: true, delete: false, scope: 'own' }],
    },
  ],
} as unknown as App;

describe('role ops', () => {
  it('adds a custom role with no rights, an id from its label that is not taken, and renames it', () => {
    const { id, command } = addRole({ en: 'Auditor', 'zh-CN': '审计' }, ['member', 'auditor1']);
    expect(id).toBe('auditor2');
    const added = command.run(app);
    expect(added.roles[1]).toEqual({
      id: 'auditor2',
      label: { en: 'Auditor', 'zh-CN': '审计' },
      permissions: [],
    });
    const renamed = renameRole('auditor2', { en: 'Reviewer', 'zh-CN': '复核' }).run(added);
    expect(renamed.roles[1]?.label.en).toBe('Reviewer');
    expect(
      removeRole('auditor2')
        .run(renamed)
        .roles.map((r) => r.id),
    ).toEqual(['member']);
  });

  it('ticking a right adds the entity entry with read; unticking read takes every right away', () => {
    const { id, command } = addRole({ en: 'Auditor', 'zh-CN': '审计' }, ['member']);
    let doc = command.run(app);
    doc = setRight(id, 'deal', 'update', true).run(doc);
    expect(permissionOf(doc.roles[1] as App['roles'][number], 'deal')).toEqual({
      entity: 'deal',
      create: false,
      read: true,
      update: true,
      delete: false,
      scope: 'own',
    });
    doc = setScope(id, 'deal', 'all').run(doc);
    doc = setRight(id, 'deal', 'read', false).run(doc);
    expect(doc.roles[1]?.permissions).toEqual([
      { entity: 'deal', create: false, read: false, update: false, delete: false, scope: 'all' },
    ]);
  });

  it('sets and clears a field’s access without touching the others', () => {
    let doc = setFieldAccess('member', 'deal', 'amount', 'read').run(app);
    doc = setFieldAccess('member', 'deal', 'margin', 'none').run(doc);
    expect(doc.roles[0]?.permissions[0]?.fields).toEqual([
      { field: 'amount', access: 'read' },
      { field: 'margin', access: 'none' },
    ]);
    doc = setFieldAccess('member', 'deal', 'amount', 'inherit').run(doc);
    doc = setFieldAccess('member', 'deal', 'margin', 'inherit').run(doc);
    expect(doc.roles[0]?.permissions[0]).not.toHaveProperty('fields');
  });
});
