import { describe, expect, it } from 'vitest';
import type { App } from './documents/app.js';
import { resolvePermission } from './permissions.js';

const label = { en: 'x' };
const app = {
  schemaVersion: 1,
  id: 'a',
  label,
  entities: [
    {
      id: 'e',
      label,
      fields: [
        { id: 'f1', label, type: 'text' },
        { id: 'f2', label, type: 'number' },
      ],
    },
  ],
  roles: [
    {
      id: 'auditor',
      label,
      permissions: [
        {
          entity: 'e',
          create: false,
          read: true,
          update: false,
          delete: false,
          scope: 'all',
          fields: [{ field: 'f2', access: 'none' }],
        },
      ],
    },
    {
      id: 'manager',
      label,
      permissions: [{ entity: 'e', create: true, read: true, update: true, delete: false, scope: 'own' }],
    },
  ],
} as unknown as App;

describe('resolvePermission', () => {
  it('gives the built-ins their default scopes', () => {
    expect(resolvePermission(app, 'e', ['admin'])).toMatchObject({
      create: true,
      delete: true,
      scope: 'all',
      fieldAccess: { f1: 'write', f2: 'write' },
    });
    expect(resolvePermission(app, 'e', ['member']).scope).toBe('own');
  });

  it('lets an app role with a built-in id override it', () => {
    expect(resolvePermission(app, 'e', ['manager'])).toMatchObject({ delete: false, scope: 'own' });
  });

  it('adds roles up: any right, widest scope, widest field access', () => {
    const p = resolvePermission(app, 'e', ['auditor', 'member']);
    expect(p).toMatchObject({
      create: true,
      read: true,
      scope: 'all',
      fieldAccess: { f1: 'write', f2: 'write' },
    });
    expect(resolvePermission(app, 'e', ['auditor']).fieldAccess).toEqual({ f1: 'read', f2: 'none' });
  });

  it('grants nothing for unknown roles or entities', () => {
    expect(resolvePermission(app, 'e', ['stranger'])).toMatchObject({
      read: false,
      create: false,
      fieldAccess: { f1: 'none' },
    });
    expect(resolvePermission(app, 'other', ['auditor']).read).toBe(false);
  });
});
