import type { App } from './documents/app.js';
import { BUILTIN_ROLES, type EntityPermission, type RecordScope } from './documents/role.js';

/** What a set of roles may do with one entity: rights, record scope and access per field. */
export interface ResolvedPermission {
  create: boolean;
  read: boolean;
  update: boolean;
  delete: boolean;
  scope: RecordScope;
  fieldAccess: Record<string, 'none' | 'read' | 'write'>;
}

type Access = 'none' | 'read' | 'write';

const BUILTIN_SCOPE: Record<(typeof BUILTIN_ROLES)[number], RecordScope> = {
  admin: 'all',
  manager: 'subtree',
  member: 'own',
};
const SCOPE_RANK: Record<RecordScope, number> = { own: 0, subtree: 1, all: 2 };
const ACCESS_RANK: Record<Access, number> = { none: 0, read: 1, write: 2 };

function isBuiltin(role: string): role is (typeof BUILTIN_ROLES)[number] {
  return (BUILTIN_ROLES as readonly string[]).includes(role);
}

/** The permission one role gives on an entity: an app role of that id wins over the built-in. */
function rolePermission(
  app: Pick<App, 'roles'>,
  roleId: string,
  entityId: string,
): EntityPermission | undefined {
  const appRole = app.roles.find((r) => r.id === roleId);
  if (appRole) return appRole.permissions.find((p) => p.entity === entityId);
  if (isBuiltin(roleId))
    return {
      entity: entityId,
      create: true,
      read: true,
      update: true,
      delete: true,
      scope: BUILTIN_SCOPE[roleId],
    };
  return undefined;
}

/**
 * What an actor with `roles` may do with an entity of a published app. Built-ins: admin = all
 * rights on all records, manager = all rights on the org subtree, member = all rights on own
 * records; an app role with a built-in's id replaces it. Several roles add up: each right if any
 * role grants it, the widest scope, and per field the widest access (a field a role does not list
 * is writable under that role).
 */
export function resolvePermission(
  app: Pick<App, 'roles' | 'entities'>,
  entityId: string,
  roles: readonly string[],
): ResolvedPermission {
  const entity = app.entities.find((e) => e.id === entityId);
  const resolved: ResolvedPermission = {
    create: false,
    read: false,
    update: false,
    delete: false,
    scope: 'own',
    fieldAccess: {},
  };
  const granting = roles
    .map((r) => rolePermission(app, r, entityId))
    .filter((p): p is EntityPermission => p !== undefined);
  for (const p of granting) {
    if (!(p.create || p.read || p.update || p.delete)) continue;
    resolved.create ||= p.create;
    resolved.read ||= p.read;
    resolved.update ||= p.update;
    resolved.delete ||= p.delete;
    if (SCOPE_RANK[p.scope] > SCOPE_RANK[resolved.scope]) resolved.scope = p.scope;
  }
  for (const field of entity?.fields ?? []) {
    let best: Access = 'none';
    for (const p of granting) {
      if (!p.read) continue;
      const listed = p.fields?.find((f) => f.field === field.id)?.access;
      const access: Access = listed ?? (p.update || p.create ? 'write' : 'read');
      if (ACCESS_RANK[access] > ACCESS_RANK[best]) best = access;
    }
    resolved.fieldAccess[field.id] = best;
  }
  return resolved;
}
