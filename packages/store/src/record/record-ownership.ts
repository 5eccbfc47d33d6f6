import { type Issue, issue } from '@stagecraft/schema';
import type { Db } from '../db.js';
import type { EntityContext } from './entity-context.js';

/**
 * Checks the owner and org unit a write sets: both must exist in the actor's workspace (an id from
 * another workspace is REFERENCE_UNKNOWN, never stored). On create, a record assigned to someone
 * else without an explicit org unit goes to that owner's org unit, so it lands in their team's
 * subtree rather than the assigner's.
 */
export async function checkOwnership(
  db: Db,
  ctx: EntityContext,
  columns: Record<string, unknown>,
  explicit: { owner: boolean; orgUnit: boolean },
  mode: 'create' | 'update',
): Promise<Issue[]> {
  const issues: Issue[] = [];
  if (explicit.owner && columns.owner_id !== null) {
    const owner = await db
      .selectFrom('users')
      .select(['id', 'org_unit_id'])
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', String(columns.owner_id))
      .executeTakeFirst();
    if (!owner)
      issues.push(
        issue('REFERENCE_UNKNOWN', '/owner', {
          en: 'No such user in this workspace.',
          'zh-CN': '该工作区中没有这个用户。',
        }),
      );
    else if (mode === 'create' && !explicit.orgUnit) columns.org_unit_id = owner.org_unit_id ?? null;
  }
  if (explicit.orgUnit && columns.org_unit_id !== null) {
    const unit = await db
      .selectFrom('org_units')
      .select('id')
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', String(columns.org_unit_id))
      .executeTakeFirst();
    if (!unit)
      issues.push(
        issue('REFERENCE_UNKNOWN', '/orgUnit', {
          en: 'No such org unit in this workspace.',
          'zh-CN': '该工作区中没有这个组织。',
        }),
      );
  }
  return issues;
}
