import type { App } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { mayCreate } from './may-create.js';

const perm = (entity: string, create: boolean) => ({
  entity,
  create,
  read: true,
  update: true,
  delete: false,
  scope: 'own' as const,
});
const app = (roles: App['roles']): Pick<App, 'roles' | 'entities'> => ({ roles, entities: [] });
const role = (id: string, permissions: ReturnType<typeof perm>[]) => ({
  id,
  label: { 'zh-CN': id, en: id },
  permissions,
});

describe('mayCreate', () => {
  it('lets the built-in roles create when the app does not refine them', () => {
    for (const r of ['admin', 'manager', 'member']) expect(mayCreate(app([]), 'deal', [r])).toBe(true);
  });

  it('refuses a user without roles, or with an unknown one', () => {
    expect(mayCreate(app([]), 'deal', [])).toBe(false);
    expect(mayCreate(app([]), 'deal', ['auditor'])).toBe(false);
  });

  it('follows an app role that replaces a built-in', () => {
    const a = app([role('member', [perm('deal', false), perm('visit', true)])]);
    expect(mayCreate(a, 'deal', ['member'])).toBe(false);
    expect(mayCreate(a, 'visit', ['member'])).toBe(true);
    // An app role that does not list the entity grants nothing on it.
    expect(mayCreate(a, 'store', ['member'])).toBe(false);
  });

  it('adds roles up: one granting role is enough', () => {
    const a = app([role('member', [perm('deal', false)]), role('importer', [perm('deal', true)])]);
    expect(mayCreate(a, 'deal', ['member', 'importer'])).toBe(true);
  });
});
