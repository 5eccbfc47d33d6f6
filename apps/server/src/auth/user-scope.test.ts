import type { App } from '@stagecraft/schema';
import type { Actor, OrgUnit, User } from '@stagecraft/store';
import { describe, expect, it } from 'vitest';
import { usersInScope, widestScope } from './user-scope.js';

const unit = (id: string, path: string): OrgUnit => ({
  id,
  workspaceId: 'w',
  parentId: null,
  name: id,
  path,
  level: path.split('/').length - 2,
});
const units = [unit('top', '/top/'), unit('a', '/top/a/'), unit('a1', '/top/a/a1/'), unit('ab', '/top/ab/')];
const user = (id: string, orgUnitId: string | null): User => ({
  id,
  workspaceId: 'w',
  email: `${id}@w.test`,
  name: id,
  roles: ['member'],
  orgUnitId,
  managerId: null,
  locale: 'en',
  disabled: false,
  skillTags: [],
});
const users = [
  user('boss', 'top'),
  user('lead', 'a'),
  user('rep', 'a1'),
  user('other', 'ab'),
  user('loose', null),
];
const actor = (userId: string, orgUnitId: string | null, roles = ['member']): Actor => ({
  workspaceId: 'w',
  userId,
  roles,
  orgUnitId,
});
const ids = (list: User[]) => list.map((u) => u.id);

describe('usersInScope', () => {
  it('gives own the actor, subtree the actor and its unit and below (not a sibling sharing a prefix), all everyone', () => {
    expect(ids(usersInScope(users, units, actor('rep', 'a1'), 'own'))).toEqual(['rep']);
    expect(ids(usersInScope(users, units, actor('lead', 'a'), 'subtree'))).toEqual(['lead', 'rep']);
    expect(ids(usersInScope(users, units, actor('boss', 'top'), 'all'))).toEqual(ids(users));
  });

  it('gives a subtree actor without an org unit only itself', () => {
    expect(ids(usersInScope(users, units, actor('loose', null), 'subtree'))).toEqual(['loose']);
  });
});

describe('widestScope', () => {
  const app = {
    entities: [
      { id: 'deal', fields: [] },
      { id: 'visit', fields: [] },
    ],
    roles: [
      {
        id: 'seller',
        permissions: [
          { entity: 'deal', create: true, read: true, update: true, delete: false, scope: 'own' },
          { entity: 'visit', create: false, read: false, update: false, delete: false, scope: 'all' },
        ],
      },
    ],
  } as unknown as App;

  it('takes the widest scope over the readable entities only', () => {
    expect(widestScope(app, actor('x', null, ['seller']), ['deal', 'visit'])).toBe('own');
    expect(widestScope(app, actor('x', null, ['seller', 'manager']), ['deal'])).toBe('subtree');
    expect(widestScope(app, actor('x', null, ['admin']), ['visit'])).toBe('all');
  });
});
