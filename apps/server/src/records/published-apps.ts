/**
 * The published apps requests work against, held in memory: per workspace and app, the latest
 * published version with its definition, number, rule zone and one prepared record validator
 * (formulas and rules compiled once per version, not per request). A warm request reads nothing
 * from the database to know its app.
 *
 * Staying correct: the store counts the publishes it commits (`store.apps.publishes`); when the
 * count moved since the cache was filled, the cache starts afresh, so a publish in this process is
 * seen by the very next request. Another server process's publish is not seen this way: see
 * docs/architecture.md ("Published-app cache") for how that is meant to work (issue 19).
 */
import { appTimeZone } from '@stagecraft/rules';
import type { App, Entity } from '@stagecraft/schema';
import type { Actor, PublishedRef } from '@stagecraft/store';
import { fail, unwrap } from '../errors/issues-error.js';
import type { ServerStore } from '../store-port.js';
import { type PreparedRecordValidator, prepareRecordValidator } from './record-validation.js';

/** A published version with its prepared validator. */
export interface PublishedApp {
  appId: string;
  version: number;
  definition: App;
  validator: PreparedRecordValidator;
  /** The app's number (its tables are `t<appNo>_<entity>`). */
  appNo: number;
  /** The zone its rules, periods and buckets use: the app's setting, else the workspace's. */
  timeZone: string;
  /** What the store needs to build an entity context without reading the app again. */
  ref: PublishedRef;
}

/** Most apps kept at once; the oldest entry is dropped beyond it. */
const MAX_ENTRIES = 500;

/** Cache of the latest published version of each app, keyed by workspace + app. */
export class PublishedApps {
  readonly #cache = new Map<string, PublishedApp>();
  /** Validators by workspace + app + version: a version is immutable, so one compile serves it. */
  readonly #validators = new Map<string, PreparedRecordValidator>();
  #publishes: number;
  constructor(private readonly store: ServerStore) {
    this.#publishes = store.apps.publishes;
  }

  /** The latest published version of an app (APP_NOT_FOUND / NOT_PUBLISHED otherwise). */
  async latest(actor: Actor, appId: string): Promise<PublishedApp> {
    this.#dropIfPublished();
    const key = `${actor.workspaceId}:${appId}`;
    const cached = this.#cache.get(key);
    if (cached) return cached;
    const seen = this.store.apps.publishes;
    const head = unwrap(await this.store.apps.published(actor, appId));
    const { workspaceTimeZone, ...ref } = head;
    const versionKey = `${key}:${ref.version}`;
    let validator = this.#validators.get(versionKey);
    if (!validator) {
      validator = prepareRecordValidator(ref.definition);
      this.#remember(this.#validators, versionKey, validator);
    }
    const entry: PublishedApp = {
      appId,
      version: ref.version,
      definition: ref.definition,
      validator,
      appNo: ref.appNo,
      timeZone: appTimeZone(ref.definition.settings?.timeZone ?? null, workspaceTimeZone),
      ref,
    };
    // A publish that committed while this was read may have made it stale: not kept then.
    if (this.store.apps.publishes === seen) this.#remember(this.#cache, key, entry);
    return entry;
  }

  /** How many versions have a prepared validator (tests check the cache is used). */
  get size(): number {
    return this.#validators.size;
  }

  #dropIfPublished(): void {
    const now = this.store.apps.publishes;
    if (now === this.#publishes) return;
    this.#publishes = now;
    this.#cache.clear();
  }

  #remember<T>(map: Map<string, T>, key: string, value: T): void {
    if (map.size >= MAX_ENTRIES) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
    map.set(key, value);
  }
}

/** The entity of a published app, or ENTITY_NOT_FOUND. */
export function entityOf(app: PublishedApp, entityId: string): Entity {
  const entity = app.definition.entities.find((e) => e.id === entityId);
  if (!entity) fail('ENTITY_NOT_FOUND', '');
  return entity;
}
