/**
 * The one home of record authorization on the server: whether the actor may read, create,
 * update, delete or move records of an entity, and which fields they may write. It reads the
 * permission the store resolved once into the request's entity context (role → entity rights,
 * field access, record scope), so routes and the worker ask here instead of resolving
 * permissions themselves. The store applies the same rights inside its queries as a second line.
 */
import type { Bilingual } from '@stagecraft/schema';
import { issue } from '@stagecraft/schema';
import type { EntityContext } from '@stagecraft/store';
import { fail, IssuesError } from '../errors/issues-error.js';

/** What may be done to records. A transition is an update that also moves the stage. */
export type RecordRight = 'read' | 'create' | 'update' | 'delete' | 'transition';

const REFUSED: Record<RecordRight, Bilingual> = {
  read: { en: 'You may not read records of this entity.', 'zh-CN': '您无权查看该实体的记录。' },
  create: { en: 'You may not create records of this entity.', 'zh-CN': '您无权新建该实体的记录。' },
  update: { en: 'You may not update records of this entity.', 'zh-CN': '您无权修改该实体的记录。' },
  delete: { en: 'You may not delete records of this entity.', 'zh-CN': '您无权删除该实体的记录。' },
  transition: { en: 'You may not update records of this entity.', 'zh-CN': '您无权修改该实体的记录。' },
};

/** Whether the actor of `ctx` has `right` on the entity's records. */
export function may(ctx: EntityContext, right: RecordRight): boolean {
  const p = ctx.permission;
  return right === 'transition' ? p.update : p[right];
}

/** Refuses with FORBIDDEN (message in en and zh-CN) unless the actor has `right`. */
export function authorize(ctx: EntityContext, right: RecordRight): void {
  if (!may(ctx, right)) fail('FORBIDDEN', '', REFUSED[right]);
}

/**
 * Refuses the keys among `keys` that are fields the actor may see but not write, each with
 * FORBIDDEN at `<prefix>/<field>` (unknown keys are left to validation).
 */
export function authorizeFieldWrites(ctx: EntityContext, keys: readonly string[], prefix = ''): void {
  const access = ctx.permission.fieldAccess;
  const readOnly = keys.filter((f) => access[f] !== undefined && access[f] !== 'write');
  if (readOnly.length > 0) throw new IssuesError(readOnly.map((f) => issue('FORBIDDEN', `${prefix}/${f}`)));
}
