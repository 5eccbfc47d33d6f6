/**
 * Titles of records, users and org units by id, in one pass per entity: what the titles route,
 * exports and dashboard labels show instead of ids. A record's title follows the shared rule of
 * `titleFieldOf` (@stagecraft/engine); a title field that is itself a reference is named by the
 * referenced record's title (a visit by its store), a user or org-unit title field by the name.
 *
 * Permission: records are read under the caller's scope and field access (`getMany`), so a record
 * the caller may not read, or one that does not exist, comes back as `null`, and the two cannot be
 * told apart. A readable record without a title is `''`.
 */
import { isLookupField, titleFieldOf } from '@stagecraft/engine';
import type { Locale } from '@stagecraft/schema';
import type { Actor } from '@stagecraft/store';
import type { ServerServices } from '../services.js';
import { AUTOMATION_USER } from '../use-cases/system-actor.js';
import { exportCell } from './import-values.js';
import type { PublishedApp } from './published-apps.js';

/**
 * The ids to name: record ids per entity id (or per `entity.field`, to name them by that field as
 * a reference's `displayField` does), user ids and org-unit ids.
 */
export interface TitleRequest {
  refs?: Record<string, readonly string[]>;
  users?: readonly string[];
  orgUnits?: readonly string[];
}

/** Names by id; `null` is "not found or not readable", `''` a readable record with no title. */
export interface TitleMap {
  refs: Record<string, Record<string, string | null>>;
  users: Record<string, string | null>;
  orgUnits: Record<string, string | null>;
}

/** How many references deep a title may follow (a visit → its store → …). */
const MAX_DEPTH = 3;
/** Ids read per query. */
const CHUNK = 500;

/** Resolves titles for one actor and locale; keeps the directory of users and org units it read. */
export class TitleResolver {
  private directory: Promise<{ users: Map<string, string>; units: Map<string, string> }> | null = null;

  constructor(
    private readonly services: ServerServices,
    private readonly actor: Actor,
    private readonly pub: Pick<PublishedApp, 'appId' | 'definition'>,
    private readonly locale: Locale,
  ) {}

  /** Everything a request asks for, each id answered (see `TitleMap`). */
  async resolve(request: TitleRequest): Promise<TitleMap> {
    const { users, units } = await this.people();
    const out: TitleMap = { refs: {}, users: {}, orgUnits: {} };
    for (const id of request.users ?? []) out.users[id] = users.get(id) ?? null;
    for (const id of request.orgUnits ?? []) out.orgUnits[id] = units.get(id) ?? null;
    for (const [key, ids] of Object.entries(request.refs ?? {})) {
      const [entity = '', field] = key.split('.');
      out.refs[key] = Object.fromEntries(await this.records(entity, ids, 0, field));
    }
    return out;
  }

  /**
   * Titles of records of one entity, by id (ids of an unknown entity are all `null`), named by
   * `displayField` when given.
   */
  async records(
    entityId: string,
    ids: readonly string[],
    depth = 0,
    displayField?: string,
  ): Promise<Map<string, string | null>> {
    const unique = [...new Set(ids)];
    const out = new Map<string, string | null>(unique.map((id) => [id, null]));
    const entity = this.pub.definition.entities.find((e) => e.id === entityId);
    if (!entity || unique.length === 0) return out;
    const field = titleFieldOf(entity, displayField);
    const found = [];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const page = await this.services.store.records.getMany(
        this.actor,
        this.pub.appId,
        entityId,
        unique.slice(i, i + CHUNK),
      );
      if (!page.ok) return out; // an entity the caller may not read names nothing
      found.push(...page.value);
    }
    if (!field) {
      for (const r of found) out.set(r.id, '');
      return out;
    }
    const values = new Map(found.map((r) => [r.id, r[field.id]]));
    const texts = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
    if (isLookupField(field)) {
      const keys = [...values.values()].map(texts).filter((v): v is string => v !== null);
      let names: Map<string, string | null>;
      if (field.type === 'reference')
        names =
          depth < MAX_DEPTH
            ? await this.records(field.entity, keys, depth + 1, field.displayField)
            : new Map();
      else {
        const { users, units } = await this.people();
        names = field.type === 'user' ? users : units;
      }
      for (const [id, v] of values) {
        const key = texts(v);
        out.set(id, key === null ? '' : (names.get(key) ?? ''));
      }
      return out;
    }
    const context = { locale: this.locale, titles: new Map(), users: new Map(), orgUnits: new Map() };
    for (const [id, v] of values) {
      const cell = exportCell(field, v, context);
      out.set(id, cell === null ? '' : String(cell));
    }
    return out;
  }

  /** User and org-unit names of the workspace (every user may see them: pickers list them all). */
  people(): Promise<{ users: Map<string, string>; units: Map<string, string> }> {
    this.directory ??= Promise.all([
      this.services.store.identity.users(this.actor.workspaceId),
      this.services.store.identity.orgUnits(this.actor.workspaceId),
    ]).then(([users, units]) => ({
      // automations write as a user of their own: the audit's author of their changes
      users: new Map([
        [AUTOMATION_USER, this.locale === 'zh-CN' ? '自动化' : 'Automation'],
        ...users.map((u) => [u.id, u.name] as const),
      ]),
      units: new Map(units.map((u) => [u.id, u.name])),
    }));
    return this.directory;
  }
}
