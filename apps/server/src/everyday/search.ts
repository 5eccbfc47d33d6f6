/**
 * Search across every entity of an app the caller may read. An entity's hits are its records whose
 * text fields contain the words (the list's own `search`), and its records whose reference points at
 * a record that matches (a fragment of a customer's name finds that customer's deals). Every query
 * is an ordinary list query under the caller's scope and field access, so a hit outside it, or one
 * reached through a record the caller may not read, never shows. Hits are named by their titles.
 */
import type { Locale } from '@stagecraft/schema';
import type { Actor, ListQuery } from '@stagecraft/store';
import { entityContextOf } from '@stagecraft/store';
import type { PublishedApp } from '../records/published-apps.js';
import { TitleResolver } from '../records/record-titles.js';
import type { ServerServices } from '../services.js';
import { may } from '../use-cases/authorization.js';

/** Hits per entity when the caller asks for no number. */
export const DEFAULT_SEARCH_LIMIT = 8;
/** Most matching records of a referenced entity whose referrers are looked for. */
const MAX_REFERENCED = 500;

/** The grouped hits of `q` in one app (entities with no hit are left out). */
export async function searchApp(
  services: ServerServices,
  actor: Actor,
  pub: PublishedApp,
  locale: Locale,
  q: string,
  limit = DEFAULT_SEARCH_LIMIT,
) {
  const text = q.trim();
  const readable = new Map<string, ReturnType<typeof services.store.records.in>>();
  for (const e of pub.definition.entities) {
    const ctx = entityContextOf(actor, pub.ref, e.id);
    if (ctx.ok && may(ctx.value, 'read')) readable.set(e.id, services.store.records.in(ctx.value));
  }
  const direct = new Map<string, string[]>();
  const matchIds = async (entityId: string, query: Omit<ListQuery, 'limit' | 'offset'>) => {
    const records = readable.get(entityId);
    if (!records) return [];
    const ids = await services.store.records.matchingIds(actor, pub.appId, entityId, query);
    return ids.ok ? ids.value : [];
  };
  for (const id of readable.keys())
    direct.set(
      id,
      text ? await matchIds(id, { search: text, sort: [{ field: 'updatedAt', direction: 'desc' }] }) : [],
    );

  const titles = new TitleResolver(services, actor, pub, locale);
  const groups: { entity: string; total: number; records: { id: string; title: string }[] }[] = [];
  for (const e of pub.definition.entities) {
    if (!readable.has(e.id)) continue;
    const refs = e.fields.flatMap((f) => {
      if (f.type !== 'reference') return [];
      const targets = (direct.get(f.entity) ?? []).slice(0, MAX_REFERENCED);
      return targets.length ? [{ in: [{ var: f.id }, targets] }] : [];
    });
    const viaRefs = refs.length
      ? await matchIds(e.id, { filter: { or: refs }, sort: [{ field: 'updatedAt', direction: 'desc' }] })
      : [];
    const ids = [...new Set([...(direct.get(e.id) ?? []), ...viaRefs])];
    if (ids.length === 0) continue;
    const page = ids.slice(0, limit);
    const names = await titles.records(e.id, page);
    groups.push({
      entity: e.id,
      total: ids.length,
      records: page.map((id) => ({ id, title: names.get(id) ?? '' })),
    });
  }
  return { groups };
}
