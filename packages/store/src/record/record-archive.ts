import { issue } from '@stagecraft/schema';
import { readableAuditKeys } from '../audit/audit-access.js';
import type { RecordRepository, Result } from '../contract.js';
import type { Db } from '../db.js';
import { archiveBatches, restoreBatch } from '../ddl/field-archive.js';
import { MESSAGES, type RecordAction } from '../messages.js';
import { inTransaction } from '../transaction.js';
import { loadEntityContext } from './entity-context.js';

const forbidden = (action: RecordAction): Result<never> => ({
  ok: false,
  issues: [issue('FORBIDDEN', '', MESSAGES.forbidden(action))],
});

/**
 * Archived values of removed fields: listing and restoring them is for actors who reach every
 * record of the entity (scope `all`), since a batch spans all records; a batch of a field the actor
 * may not read (as the audit trail decides) is not listed, and restoring needs write access to it.
 */
export function createArchiveMethods(
  db: Db,
): Pick<RecordRepository, 'archivedFields' | 'restoreArchivedField'> {
  const context = loadEntityContext;
  return {
    async archivedFields(actor, appId, entityId) {
      const loaded = await context(db, actor, appId, entityId);
      if (!loaded.ok) return loaded;
      const ctx = loaded.value;
      if (ctx.permission.scope !== 'all' || !ctx.permission.read) return forbidden('seeArchive');
      const batches = await archiveBatches(db, ctx.appNo, entityId);
      const readable = await readableAuditKeys(
        db,
        ctx,
        actor,
        batches.map((b) => b.field),
      );
      return {
        ok: true,
        value: batches
          .filter((b) => readable.has(b.field))
          .map((b) => ({
            archiveId: b.archiveId,
            field: b.field,
            archivedAt: b.archivedAt,
            values: b.values,
            restoredAt: b.restoredAt,
          })),
      };
    },

    async restoreArchivedField(actor, appId, entityId, archiveId) {
      return inTransaction(db, async (trx) => {
        const loaded = await context(trx, actor, appId, entityId);
        if (!loaded.ok) return loaded;
        const ctx = loaded.value;
        if (ctx.permission.scope !== 'all' || !ctx.permission.update) return forbidden('restoreArchive');
        const batch = (await archiveBatches(trx, ctx.appNo, entityId)).find((b) => b.archiveId === archiveId);
        if (!batch)
          return {
            ok: false,
            issues: [issue('NOT_FOUND', '/archiveId', { en: 'No such archive.', 'zh-CN': '归档不存在。' })],
          };
        const field = ctx.entity.fields.find((f) => f.id === batch.field);
        if (field && ctx.permission.fieldAccess[field.id] !== 'write') return forbidden('restoreArchive');
        if (!field)
          return {
            ok: false,
            issues: [
              issue('UNKNOWN_FIELD', '/archiveId', {
                en: `Add the field "${batch.field}" back to the entity and publish, then restore.`,
                'zh-CN': `请先将字段「${batch.field}」重新加回实体并发布，再进行恢复。`,
              }),
            ],
          };
        const restored = await restoreBatch(trx, ctx.table, field, batch, {
          workspaceId: ctx.workspaceId,
          appNo: ctx.appNo,
          entityId,
          actorId: actor.userId,
          definitionVersion: ctx.version,
        });
        if (restored === null)
          return {
            ok: false,
            issues: [
              issue('UNSAFE_TYPE_CHANGE', '/archiveId', {
                en: `The archived ${batch.fieldDefinition.type} values do not fit the field's current type ${field.type}.`,
                'zh-CN': `归档的 ${batch.fieldDefinition.type} 类型的值不符合字段当前的类型 ${field.type}。`,
              }),
            ],
          };
        return { ok: true, value: { restored } };
      });
    },
  };
}
