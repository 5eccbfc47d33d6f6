/**
 * Look-ups for import cells that name users, org units and records: by id, email (as the
 * directory allows), name, or the title the export wrote. Reference look-ups are asked per batch
 * of rows for the texts not seen yet.
 */
import { titleFieldOf } from '@stagecraft/engine';
import type { Actor } from '@stagecraft/store';
import type { PublishedApp } from '../records/published-apps.js';
import { seesFullDirectory } from '../routes/user-view.js';
import type { ServerServices } from '../services.js';

/** The key a cell text is looked up by (NFKC, trimmed, lower case, single spaces). */
export const lower = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

/** Adds `key → id` to a look-up, marking a key two different ids share as ambiguous (null). */
function addKey(map: Map<string, string | null>, key: string | null | undefined, id: string) {
  if (!key) return;
  const k = lower(key);
  const had = map.get(k);
  map.set(k, had === undefined || had === id ? id : null);
}

/** Users and org units by every name a cell may use (emails as the directory allows them). */
export async function identityLookups(services: ServerServices, actor: Actor) {
  const [users, orgUnits] = await Promise.all([
    services.store.identity.users(actor.workspaceId),
    services.store.identity.orgUnits(actor.workspaceId),
  ]);
  const userKeys = new Map<string, string | null>();
  // Emails name users only for those who see them in the directory (and everyone's own), so an
  // import cannot confirm a colleague's email to a member.
  const fullDirectory = seesFullDirectory(actor);
  for (const u of users) {
    addKey(userKeys, u.id, u.id);
    if (fullDirectory || u.id === actor.userId) addKey(userKeys, u.email, u.id);
  }
  for (const u of users) if (!userKeys.has(lower(u.name))) addKey(userKeys, u.name, u.id);
  const unitKeys = new Map<string, string | null>();
  for (const o of orgUnits) addKey(unitKeys, o.id, o.id);
  for (const o of orgUnits) if (!unitKeys.has(lower(o.name))) addKey(unitKeys, o.name, o.id);
  return { users, orgUnits, userKeys, unitKeys };
}

/**
 * Record ids (and titles) of a reference field's target for the distinct texts of its column: a
 * cell may hold the id or the title the export wrote. A title that is itself a reference (a visit
 * named by its store) is matched through the referenced records' titles, as the export named it.
 */
export async function referenceLookup(
  services: ServerServices,
  actor: Actor,
  app: PublishedApp,
  field: { entity: string; displayField?: string | undefined },
  texts: string[],
  depth = 0,
): Promise<Map<string, string | null>> {
  const map = new Map<string, string | null>();
  const target = app.definition.entities.find((e) => e.id === field.entity);
  const title = titleFieldOf(target, field.displayField);
  // texts → the values the title field holds (the texts themselves, or the ids they name)
  let keysOf = (texts: string[]) => new Map(texts.map((t) => [t, [t]]));
  if (title?.type === 'reference' && depth < 3) {
    const nested = await referenceLookup(services, actor, app, title, texts, depth + 1);
    keysOf = (texts) =>
      new Map(texts.map((t) => [t, [nested.get(lower(t))].filter((v): v is string => Boolean(v))]));
  }
  for (let i = 0; i < texts.length; i += 500) {
    const chunk = texts.slice(i, i + 500);
    const keys = keysOf(chunk);
    const values = [...new Set([...keys.values()].flat())];
    const filter =
      title && values.length
        ? { or: [{ in: [{ var: 'id' }, chunk] }, { in: [{ var: title.id }, values] }] }
        : { in: [{ var: 'id' }, chunk] };
    const found = await services.store.records.list(actor, app.appId, field.entity, {
      filter,
      limit: 10_000,
    });
    if (!found.ok) continue; // a target the user may not read: every cell is then "not found"
    for (const r of found.value.records) addKey(map, r.id, r.id);
    if (!title) continue;
    for (const [text, held] of keys)
      for (const r of found.value.records)
        if (typeof r[title.id] === 'string' && held.includes(r[title.id] as string)) addKey(map, text, r.id);
  }
  return map;
}
