import { DEFAULT_TIME_ZONE } from '@stagecraft/rules';
import { issue } from '@stagecraft/schema';
import type { Kysely } from 'kysely';
import type { ApiTokenView, IdentityRepository, OrgUnit, Result, User, Workspace } from '../contract.js';
import { apiTokenOperations } from './api-tokens.js';
import { toOrgUnit, toUser, toWorkspace } from './identity-rows.js';
import { updateOrgUnit } from './org-tree.js';
import { SessionCache } from './session-cache.js';

/** Extra identity operations beyond the contract (org moves, role changes, token revocation). */
export interface IdentityRepositoryExt extends IdentityRepository {
  getWorkspace(id: string): Promise<Workspace | null>;
  getOrgUnit(workspaceId: string, id: string): Promise<OrgUnit | null>;
  /** Renames and/or re-parents an org unit; the subtree's paths move with it, atomically. */
  updateOrgUnit(
    workspaceId: string,
    id: string,
    patch: { name?: string; parentId?: string | null },
  ): Promise<Result<OrgUnit>>;
  updateUser(
    workspaceId: string,
    id: string,
    patch: Partial<
      Pick<
        User,
        | 'name'
        | 'roles'
        | 'orgUnitId'
        | 'managerId'
        | 'locale'
        | 'disabled'
        | 'skillTags'
        | 'mustChangePassword'
        | 'emailNotifications'
      >
    > & {
      passwordHash?: string;
    },
  ): Promise<Result<User>>;
  deleteUserSessions(userId: string): Promise<void>;
  /** Ends a user's sessions except one (a password change keeps the session that made it). */
  deleteOtherSessions(userId: string, keepSessionId: string | null): Promise<void>;
  apiTokens(userId: string): Promise<ApiTokenView[]>;
  revokeApiToken(userId: string, id: string, now: Date): Promise<boolean>;
}

/**
 * Workspaces, the org tree, users, sessions and API tokens. Every method that reads users or org
 * units takes the workspace and filters by it; sessions and tokens are looked up by the hash of a
 * random secret only, and only enabled users come back.
 */
export function createIdentityRepository(
  // biome-ignore lint/suspicious/noExplicitAny: system tables are addressed by name
  db: Kysely<any>,
  newId: () => string,
  /** The session repository's cache: a user write empties it, so no session serves the old user. */
  sessions: SessionCache = new SessionCache(0),
): IdentityRepositoryExt {
  const users = () => db.selectFrom('users').selectAll();

  const orgUnitExists = async (workspaceId: string, id: string | null) =>
    id === null ||
    (await db
      .selectFrom('org_units')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst()) !== undefined;

  const userExists = async (workspaceId: string, id: string | null) =>
    id === null ||
    (await users().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst()) !==
      undefined;

  const repo: IdentityRepositoryExt = {
    async createWorkspace(name, timeZone = DEFAULT_TIME_ZONE) {
      const row = await db
        .insertInto('workspaces')
        .values({ id: newId(), name, time_zone: timeZone })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toWorkspace(row);
    },

    async getWorkspace(id) {
      const row = await db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toWorkspace(row) : null;
    },

    async createOrgUnit(workspaceId, name, parentId, id) {
      const unitId = id ?? newId();
      // The id is a segment of the materialised path, so it may not contain the separator.
      if (unitId.includes('/')) throw new Error(`Org unit id may not contain "/": ${unitId}`);
      let path = `/${unitId}/`;
      let level = 0;
      if (parentId !== null) {
        const parent = await repo.getOrgUnit(workspaceId, parentId);
        if (!parent) throw new Error(`Org unit ${parentId} does not exist in this workspace.`);
        path = `${parent.path}${unitId}/`;
        level = parent.level + 1;
      }
      const row = await db
        .insertInto('org_units')
        .values({ workspace_id: workspaceId, id: unitId, parent_id: parentId, name, path, level })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toOrgUnit(row);
    },

    async getOrgUnit(workspaceId, id) {
      const row = await db
        .selectFrom('org_units')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toOrgUnit(row) : null;
    },

    updateOrgUnit: (workspaceId, id, patch) => updateOrgUnit(db, workspaceId, id, patch),

    async orgUnits(workspaceId) {
      const rows = await db
        .selectFrom('org_units')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('path')
        .execute();
      return rows.map(toOrgUnit);
    },

    async createUser(input) {
      const email = input.email.trim();
      if (!(await orgUnitExists(input.workspaceId, input.orgUnitId)))
        return { ok: false, issues: [issue('REFERENCE_UNKNOWN', '/orgUnitId')] };
      if (!(await userExists(input.workspaceId, input.managerId)))
        return { ok: false, issues: [issue('REFERENCE_UNKNOWN', '/managerId')] };
      const taken = await db
        .selectFrom('users')
        .select('id')
        .where(db.fn('lower', ['email']), '=', email.toLowerCase())
        .executeTakeFirst();
      if (taken)
        return {
          ok: false,
          issues: [
            issue('DUPLICATE_RECORD', '/email', {
              en: 'A user with this email already exists.',
              'zh-CN': '已存在使用该邮箱的用户。',
            }),
          ],
        };
      const row = await db
        .insertInto('users')
        .values({
          id: input.id ?? newId(),
          workspace_id: input.workspaceId,
          email,
          name: input.name,
          password_hash: input.passwordHash,
          roles: JSON.stringify(input.roles),
          org_unit_id: input.orgUnitId,
          manager_id: input.managerId,
          locale: input.locale,
          skill_tags: JSON.stringify(input.skillTags ?? []),
          must_change_password: input.mustChangePassword ?? false,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { ok: true, value: toUser(row) };
    },

    async updateUser(workspaceId, id, patch) {
      if (patch.orgUnitId !== undefined && !(await orgUnitExists(workspaceId, patch.orgUnitId)))
        return { ok: false, issues: [issue('REFERENCE_UNKNOWN', '/orgUnitId')] };
      if (patch.managerId !== undefined && !(await userExists(workspaceId, patch.managerId)))
        return { ok: false, issues: [issue('REFERENCE_UNKNOWN', '/managerId')] };
      const set: Record<string, unknown> = {};
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.roles !== undefined) set.roles = JSON.stringify(patch.roles);
      if (patch.orgUnitId !== undefined) set.org_unit_id = patch.orgUnitId;
      if (patch.managerId !== undefined) set.manager_id = patch.managerId;
      if (patch.locale !== undefined) set.locale = patch.locale;
      if (patch.disabled !== undefined) set.disabled = patch.disabled;
      if (patch.skillTags !== undefined) set.skill_tags = JSON.stringify(patch.skillTags);
      if (patch.passwordHash !== undefined) set.password_hash = patch.passwordHash;
      if (patch.mustChangePassword !== undefined) set.must_change_password = patch.mustChangePassword;
      if (patch.emailNotifications !== undefined) set.email_notifications = patch.emailNotifications;
      const query = Object.keys(set).length
        ? db
            .updateTable('users')
            .set(set)
            .where('workspace_id', '=', workspaceId)
            .where('id', '=', id)
            .returningAll()
        : users().where('workspace_id', '=', workspaceId).where('id', '=', id);
      const row = await query.executeTakeFirst();
      sessions.clear();
      return row
        ? { ok: true, value: toUser(row) }
        : {
            ok: false,
            issues: [issue('NOT_FOUND', '/id', { en: 'No such user.', 'zh-CN': '用户不存在。' })],
          };
    },

    async findUserByEmail(email) {
      const row = await users()
        .where(db.fn('lower', ['email']), '=', email.trim().toLowerCase())
        .executeTakeFirst();
      return row ? { ...toUser(row), passwordHash: row.password_hash as string } : null;
    },

    async getUser(workspaceId, id) {
      const row = await users()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toUser(row) : null;
    },

    async users(workspaceId) {
      return (
        await users().where('workspace_id', '=', workspaceId).orderBy('name').orderBy('id').execute()
      ).map(toUser);
    },

    async countUsers() {
      const row = await db.selectFrom('users').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async deleteUserSessions(userId) {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
      sessions.clear();
    },

    async deleteOtherSessions(userId, keepSessionId) {
      let query = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (keepSessionId) query = query.where('id', '!=', keepSessionId);
      await query.execute();
      sessions.clear();
    },

    ...apiTokenOperations(db, newId),
  };
  return repo;
}
