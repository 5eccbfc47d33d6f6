import { issue } from '@stagecraft/schema';
import { sql } from 'kysely';
import type { OrgUnit, Result } from '../contract.js';
import type { Db } from '../db.js';
import { inTransaction } from '../transaction.js';
import { toOrgUnit } from './identity-rows.js';

/**
 * Renames an org unit and/or moves it under another parent. A move rewrites the materialised path
 * and level of the unit and everything below it in one statement, inside one transaction, so
 * subtree scope never sees a half-moved tree. Moving a unit under itself or its own descendant is
 * refused with VALIDATION_FAILED; an unknown parent is REFERENCE_UNKNOWN.
 */
export async function updateOrgUnit(
  db: Db,
  workspaceId: string,
  id: string,
  patch: { name?: string; parentId?: string | null },
): Promise<Result<OrgUnit>> {
  return inTransaction(db, async (trx) => {
    const unit = await trx
      .selectFrom('org_units')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!unit)
      return {
        ok: false,
        issues: [issue('NOT_FOUND', '/id', { en: 'No such org unit.', 'zh-CN': '组织不存在。' })],
      };
    if (patch.name !== undefined)
      await trx
        .updateTable('org_units')
        .set({ name: patch.name })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .execute();
    if (patch.parentId !== undefined && patch.parentId !== unit.parent_id) {
      let newPath = `/${id}/`;
      let newLevel = 0;
      if (patch.parentId !== null) {
        const parent = await trx
          .selectFrom('org_units')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', patch.parentId)
          .executeTakeFirst();
        if (!parent) return { ok: false, issues: [issue('REFERENCE_UNKNOWN', '/parentId')] };
        if ((parent.path as string).startsWith(unit.path as string))
          return {
            ok: false,
            issues: [
              issue('VALIDATION_FAILED', '/parentId', {
                en: 'A unit cannot move under itself or its own descendant.',
                'zh-CN': '组织不能移动到自身或其下级组织之下。',
              }),
            ],
          };
        newPath = `${parent.path}${id}/`;
        newLevel = Number(parent.level) + 1;
      }
      const oldPath = unit.path as string;
      const shift = newLevel - Number(unit.level);
      await sql`
        update org_units
        set path = ${newPath} || substr(path, ${oldPath.length + 1}), level = level + ${shift},
            parent_id = case when id = ${id} then ${patch.parentId} else parent_id end
        where workspace_id = ${workspaceId} and left(path, ${oldPath.length}) = ${oldPath}`.execute(trx);
    }
    const row = await trx
      .selectFrom('org_units')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { ok: true, value: toOrgUnit(row) };
  });
}
