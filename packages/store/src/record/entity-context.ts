import { type App, type FieldType, issue, resolvePermission, SYSTEM_FIELDS } from '@stagecraft/schema';
import { type Expression, type SqlBool, sql } from 'kysely';
import { findApp } from '../app/find-app.js';
import type { Actor, EntityContext, PublishedRef, ResolvedPermission, Result } from '../contract.js';
import type { Db } from '../db.js';
import { valueType } from '../ddl/column-types.js';
import { entityTableName } from '../ddl/names.js';
import { SYSTEM_COLUMNS } from '../ddl/system-columns.js';

export type { EntityContext, PublishedRef } from '../contract.js';

const definitions = new Map<string, App>();

/**
 * A published definition; versions are immutable, so they are cached by workspace, app and
 * version (the workspace id keeps two databases in one process apart).
 */
export async function publishedDefinition(
  db: Db,
  workspaceId: string,
  appNo: number,
  version: number,
): Promise<App | undefined> {
  const key = `${workspaceId}:${appNo}:${version}`;
  const cached = definitions.get(key);
  if (cached) return cached;
  const row = await db
    .selectFrom('app_versions')
    .select('definition')
    .where('app_no', '=', appNo)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) return undefined;
  definitions.set(key, row.definition as App);
  return row.definition as App;
}

/**
 * The predicate restricting rows to the actor's record scope, used inside every query on the
 * entity's table: `own` = owned by the actor; `subtree` = owned by the actor or in the actor's org
 * unit or below (materialised path prefix, compared with left() so no LIKE wildcard applies); `all` = everything of this app (the app itself is
 * already confined to the actor's workspace).
 */
export function scopePredicate(actor: Actor, scope: ResolvedPermission['scope']): Expression<SqlBool> {
  if (scope === 'all') return sql<SqlBool>`true`;
  const own = sql<SqlBool>`owner_id = ${actor.userId}`;
  if (scope === 'own' || !actor.orgUnitId) return own;
  return sql<SqlBool>`(${own} or org_unit_id in (
    select u.id from org_units u
    where u.workspace_id = ${actor.workspaceId}
      and exists (select 1 from org_units p
                  where p.workspace_id = ${actor.workspaceId} and p.id = ${actor.orgUnitId}
                    and left(u.path, length(p.path)) = p.path)))`;
}

/**
 * The entity context of an app version the caller already holds: no database read. The table
 * name is computed (`entityTableName`), the permission resolved from the definition and roles.
 */
export function entityContextOf(actor: Actor, ref: PublishedRef, entityId: string): Result<EntityContext> {
  const entity = ref.definition.entities.find((e) => e.id === entityId);
  if (!entity || ref.workspaceId !== actor.workspaceId)
    return { ok: false, issues: [issue('ENTITY_NOT_FOUND', '/entity')] };
  const permission = resolvePermission(ref.definition, entityId, actor.roles);
  const visible = new Map(
    entity.fields.filter((f) => permission.fieldAccess[f.id] !== 'none').map((f) => [f.id, f]),
  );
  return {
    ok: true,
    value: {
      actor,
      workspaceId: actor.workspaceId,
      appNo: ref.appNo,
      appId: ref.appId,
      version: ref.version,
      definition: ref.definition,
      entity,
      table: entityTableName(ref.appNo, entity.id),
      permission,
      visible,
      scope: scopePredicate(actor, permission.scope),
    },
  };
}

/**
 * Resolves app (in the actor's workspace only), published version, entity, table and the actor's
 * permission. An app of another workspace is simply not found.
 */
export async function loadEntityContext(
  db: Db,
  actor: Actor,
  appId: string,
  entityId: string,
): Promise<Result<EntityContext>> {
  const app = await findApp(db, actor.workspaceId, appId);
  if (!app) return { ok: false, issues: [issue('APP_NOT_FOUND', '/app')] };
  if (app.published_version === null || app.published_version === undefined)
    return { ok: false, issues: [issue('NOT_PUBLISHED', '/app')] };
  const version = Number(app.published_version);
  const definition = await publishedDefinition(db, actor.workspaceId, app.no, version);
  if (!definition) return { ok: false, issues: [issue('ENTITY_NOT_FOUND', '/entity')] };
  const ref = { workspaceId: actor.workspaceId, appNo: Number(app.no), appId, version, definition };
  return entityContextOf(actor, ref, entityId);
}

/** The column and value type a rule, sort or group may use for a key, if the actor may see it. */
export function columnOf(ctx: EntityContext, key: string): { column: string; type: FieldType } | undefined {
  if (Object.hasOwn(SYSTEM_COLUMNS, key)) {
    const system = key as keyof typeof SYSTEM_FIELDS;
    return { column: SYSTEM_COLUMNS[system], type: SYSTEM_FIELDS[system] };
  }
  const field = ctx.visible.get(key);
  return field ? { column: field.id, type: valueType(field) } : undefined;
}
