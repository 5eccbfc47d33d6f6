/**
 * The published definitions the records API works against, with one prepared record validator per
 * published app version (validators are compiled once per version, not per request). Versions
 * are immutable, so a cache entry never goes stale; a new publish simply gets a new key.
 */
import type { App, Entity } from '@stagecraft/schema';
import type { Actor } from '@stagecraft/store';
import { fail, unwrap } from '../errors/issues-error.js';
import type { ServerStore } from '../store-port.js';
import { type PreparedRecordValidator, prepareRecordValidator } from './record-validation.js';

/** A published version with its prepared validator. */
export interface PublishedApp {
  appId: string;
  version: number;
  definition: App;
  validator: PreparedRecordValidator;
}

/** Most versions kept at once; the oldest entry is dropped beyond it. */
const MAX_ENTRIES = 500;

/** Cache of published app versions keyed by workspace + app + version. */
export class PublishedApps {
  readonly #cache = new Map<string, PublishedApp>();
  constructor(private readonly store: ServerStore) {}

  /**
   * The latest published version of an app (APP_NOT_FOUND / NOT_PUBLISHED otherwise). Only the
   * small app summary is read per request; the definition is loaded once per version.
   */
  async latest(actor: Actor, appId: string): Promise<PublishedApp> {
    const summary = (await this.store.apps.list(actor)).find((a) => a.id === appId);
    if (!summary) fail('APP_NOT_FOUND', '/app');
    if (summary.publishedVersion === null) fail('NOT_PUBLISHED', '/app');
    const key = `${actor.workspaceId}:${appId}:${summary.publishedVersion}`;
    const cached = this.#cache.get(key);
    if (cached) return cached;
    const { version, definition } = unwrap(
      await this.store.apps.getVersion(actor, appId, summary.publishedVersion),
    );
    const entry: PublishedApp = { appId, version, definition, validator: prepareRecordValidator(definition) };
    if (this.#cache.size >= MAX_ENTRIES) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    this.#cache.set(key, entry);
    return entry;
  }

  /** How many versions have a prepared validator (tests check the cache is used). */
  get size(): number {
    return this.#cache.size;
  }
}

/** The entity of a published app, or ENTITY_NOT_FOUND. */
export function entityOf(app: PublishedApp, entityId: string): Entity {
  const entity = app.definition.entities.find((e) => e.id === entityId);
  if (!entity) fail('ENTITY_NOT_FOUND', '');
  return entity;
}
