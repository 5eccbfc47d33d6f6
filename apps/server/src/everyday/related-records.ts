/**
 * A record's related lists and its 360° timeline. The relations come from the published app's
 * reference fields only (every field of another entity whose `entity` is this one), so no template
 * is named here. Each list is an ordinary list query under the caller's scope and field access: a
 * rep sees only the related records they may read, and an entity they may not read gives no list.
 * The timeline merges the audit trails (creation, stage moves, updates) of the record and of the
 * related records listed, newest first.
 */
import { RELATED_LIMIT } from '@stagecraft/contract';
import type { AuditEntry, RecordData } from '@stagecraft/store';
import { entityContextOf } from '@stagecraft/store';
import type { ServerServices } from '../services.js';
import { may } from '../use-cases/authorization.js';
import { getRecord } from '../use-cases/record-use-cases.js';
import type { EntityRequest } from '../use-cases/request-context.js';

/** Most timeline entries one answer carries. */
export const TIMELINE_LIMIT = 200;

/** The reference fields of the app that point at `entityId`, as `{ entity, field }` pairs. */
export function referencesTo(req: Pick<EntityRequest, 'pub'>, entityId: string) {
  return req.pub.definition.entities.flatMap((e) =>
    e.fields
      .filter((f) => f.type === 'reference' && f.entity === entityId)
      .map((f) => ({ entity: e.id, field: f.id })),
  );
}

/** The related lists and the merged timeline of one readable record. */
export async function relatedOf(services: ServerServices, req: EntityRequest, id: string) {
  const record = await getRecord(req, id);
  const { actor, pub } = req;
  const lists: { entity: string; field: string; total: number; records: RecordData[] }[] = [];
  const trail: { entity: string; id: string }[] = [{ entity: req.entity.id, id: record.id }];
  for (const ref of referencesTo(req, req.entity.id)) {
    const ctx = entityContextOf(actor, pub.ref, ref.entity);
    if (!ctx.ok || !may(ctx.value, 'read')) continue;
    const page = await services.store.records.in(ctx.value).list({
      filter: { '==': [{ var: ref.field }, record.id] },
      sort: [{ field: 'createdAt', direction: 'desc' }],
      limit: RELATED_LIMIT,
      offset: 0,
    });
    if (!page.ok) continue; // a reference field the caller may not read lists nothing
    lists.push({
      entity: ref.entity,
      field: ref.field,
      total: page.value.total,
      records: page.value.records,
    });
    for (const r of page.value.records) trail.push({ entity: ref.entity, id: r.id });
  }
  const seen = new Set<string>();
  const timeline: (AuditEntry & { entity: string })[] = [];
  for (const t of trail) {
    const key = `${t.entity}:${t.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const entries = await services.store.records.audit(actor, pub.appId, t.entity, t.id);
    if (entries.ok) timeline.push(...entries.value.map((e) => ({ ...e, entity: t.entity })));
  }
  timeline.sort((a, b) => b.at.localeCompare(a.at));
  return {
    lists,
    timeline: timeline.slice(0, TIMELINE_LIMIT).map((e) => ({
      id: e.id,
      entity: e.entity,
      recordId: e.recordId,
      action: e.action,
      actor: e.actor,
      at: e.at,
      changes: e.changes,
    })),
  };
}
