import type { OrgUnit, User, Workspace } from '../contract.js';

// biome-ignore lint/suspicious/noExplicitAny: rows come untyped from dynamic SQL
type Row = Record<string, any>;

/** Maps a `users` row to the API's user (never the password hash). */
export function toUser(row: Row): User {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    email: row.email,
    name: row.name,
    roles: Array.isArray(row.roles) ? row.roles : [],
    orgUnitId: row.org_unit_id ?? null,
    managerId: row.manager_id ?? null,
    locale: row.locale === 'en' ? 'en' : 'zh-CN',
    disabled: Boolean(row.disabled),
    skillTags: Array.isArray(row.skill_tags) ? row.skill_tags : [],
    mustChangePassword: Boolean(row.must_change_password),
    emailNotifications: row.email_notifications !== false,
  };
}

/** Maps an `org_units` row. */
export function toOrgUnit(row: Row): OrgUnit {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    parentId: row.parent_id ?? null,
    name: row.name,
    path: row.path,
    level: Number(row.level),
  };
}

/** Maps a `workspaces` row. */
export function toWorkspace(row: Row): Workspace {
  return { id: row.id, name: row.name, timeZone: row.time_zone };
}
