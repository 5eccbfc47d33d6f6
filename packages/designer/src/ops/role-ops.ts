import type { EntityPermission, Role } from '@stagecraft/schema';
import { type Command, command } from '../core/command.js';
import { idFromLabel, uniqueId } from '../core/ids.js';
import { indexOf } from './find.js';

/** The rights of the grid's columns. */
export const CRUD = ['create', 'read', 'update', 'delete'] as const;
export type Crud = (typeof CRUD)[number];

/** A field's access under a role; `inherit` drops the field's entry (write when the role may create or update). */
export type FieldAccessChoice = 'inherit' | 'none' | 'read' | 'write';

/** What a role without an entry for an entity has there: nothing. */
function emptyPermission(entity: string): EntityPermission {
  return { entity, create: false, read: false, update: false, delete: false, scope: 'own' };
}

/** The role's permission on an entity, or the empty one it starts from. */
export function permissionOf(role: Role, entity: string): EntityPermission {
  return role.permissions.find((p) => p.entity === entity) ?? emptyPermission(entity);
}

function editRole(roleId: string, label: string, edit: (role: Role) => Role): Command {
  return command(label, (app) => {
    const i = indexOf(app.roles, roleId, 'role');
    const roles = [...app.roles];
    roles[i] = edit(roles[i] as Role);
    return { ...app, roles };
  });
}

function editPermission(
  roleId: string,
  entity: string,
  label: string,
  edit: (p: EntityPermission) => EntityPermission,
): Command {
  return editRole(roleId, label, (role) => {
    const next = edit(permissionOf(role, entity));
    const has = role.permissions.some((p) => p.entity === entity);
    return {
      ...role,
      permissions: has
        ? role.permissions.map((p) => (p.entity === entity ? next : p))
        : [...role.permissions, next],
    };
  });
}

/** Adds a custom role with no rights at all (the admin ticks what it may do); its id comes from the label. */
export function addRole(label: Role['label'], takenIds: readonly string[]): { id: string; command: Command } {
  const base = idFromLabel(label.en ?? '') || 'role';
  const id = uniqueId(base, takenIds);
  return {
    id,
    command: command(`add role ${id}`, (app) => ({
      ...app,
      roles: [...app.roles, { id, label, permissions: [] }],
    })),
  };
}

/** Renames a role (its label; the id users hold stays). */
export function renameRole(roleId: string, label: Role['label']): Command {
  return editRole(roleId, `rename role ${roleId}`, (role) => ({ ...role, label }));
}

/** Removes a role from the app; users holding it keep the name but it grants nothing here any more. */
export function removeRole(roleId: string): Command {
  return command(`remove role ${roleId}`, (app) => ({
    ...app,
    roles: app.roles.filter((r) => r.id !== roleId),
  }));
}

/**
 * Ticks or unticks one right of a role on an entity. Reading is what every other right stands on:
 * unticking read unticks the rest, ticking another right ticks read.
 */
export function setRight(roleId: string, entity: string, right: Crud, on: boolean): Command {
  return editPermission(
    roleId,
    entity,
    `${on ? 'grant' : 'revoke'} ${right} on ${entity} to ${roleId}`,
    (p) => {
      if (right === 'read' && !on) return { ...p, create: false, read: false, update: false, delete: false };
      return { ...p, [right]: on, ...(on ? { read: true } : {}) };
    },
  );
}

/** Sets which records of the entity the role reaches: own, the user's org subtree, or all. */
export function setScope(roleId: string, entity: string, scope: EntityPermission['scope']): Command {
  return editPermission(roleId, entity, `scope ${scope} on ${entity} for ${roleId}`, (p) => ({
    ...p,
    scope,
  }));
}

/** Sets one field's access under the role (`inherit` removes the field's entry). */
export function setFieldAccess(
  roleId: string,
  entity: string,
  field: string,
  access: FieldAccessChoice,
): Command {
  return editPermission(roleId, entity, `field ${entity}.${field} ${access} for ${roleId}`, (p) => {
    const rest = (p.fields ?? []).filter((f) => f.field !== field);
    const fields = access === 'inherit' ? rest : [...rest, { field, access }];
    const { fields: _old, ...base } = p;
    return fields.length > 0 ? { ...base, fields } : base;
  });
}
