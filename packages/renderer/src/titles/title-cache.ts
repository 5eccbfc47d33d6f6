/**
 * The names behind ids for one set of services and one language: asked for in batches (every id
 * wanted in the same tick goes out in ONE `services.titles` request), then kept, so a list, a
 * board or a record page never asks per cell and never asks twice.
 */
import type { Locale } from '@stagecraft/schema';
import type { RuntimeServices, TitleMap, TitleRequest } from '../services/runtime-services.js';

/** What names an id: a record of an entity, a user or an org unit. */
export type TitleRef =
  /** `field`: name the record by this field instead of its title (a reference's displayField). */
  | { kind: 'reference'; entity: string; field?: string; id: string }
  | { kind: 'user'; id: string }
  | { kind: 'org_unit'; id: string };

/** A name as known: `undefined` while it loads, `null` hidden or gone, `''` a record with no title. */
export type TitleState = string | null | undefined;

/** The request's key of a reference's entity: `entity`, or `entity.field` for a display field. */
const refKey = (ref: { entity: string; field?: string }) =>
  ref.field ? `${ref.entity}.${ref.field}` : ref.entity;
const keyOf = (ref: TitleRef): string =>
  ref.kind === 'reference' ? `r\u0000${refKey(ref)}\u0000${ref.id}` : `${ref.kind}\u0000${ref.id}`;

/** Batched, cached title look-ups (see the file comment). */
export class TitleCache {
  private readonly known = new Map<string, string | null>();
  private readonly queued = new Map<string, TitleRef>();
  private readonly asked = new Map<string, Promise<void>>();
  private readonly listeners = new Set<() => void>();
  private flushing: Promise<void> | null = null;

  constructor(private readonly fetch: (request: TitleRequest) => ReturnType<RuntimeServices['titles']>) {}

  /** The name of one id as known now. */
  get(ref: TitleRef): TitleState {
    return this.known.get(keyOf(ref));
  }

  /** Asks for the names not known or asked yet; all wanted in the same tick go in one request. */
  want(refs: readonly TitleRef[]): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const ref of refs) {
      const key = keyOf(ref);
      if (this.known.has(key)) continue;
      const pending = this.asked.get(key);
      if (pending) {
        waits.push(pending);
        continue;
      }
      this.queued.set(key, ref);
      this.flushing ??= Promise.resolve().then(() => this.flush());
      this.asked.set(key, this.flushing);
      waits.push(this.flushing);
    }
    return Promise.all(waits).then(() => undefined);
  }

  /** Called when a name arrives; returns the unsubscribe function (useSyncExternalStore's shape). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private async flush(): Promise<void> {
    const batch = [...this.queued];
    this.queued.clear();
    this.flushing = null;
    const request: Required<TitleRequest> = { refs: {}, users: [], orgUnits: [] };
    for (const [, ref] of batch) {
      if (ref.kind === 'reference') {
        const key = refKey(ref);
        const ids = request.refs[key] ?? [];
        ids.push(ref.id);
        request.refs[key] = ids;
      } else if (ref.kind === 'user') request.users.push(ref.id);
      else request.orgUnits.push(ref.id);
    }
    const answer = await this.fetch(request).catch(() => null);
    const map: TitleMap | null = answer?.ok ? answer.value : null;
    for (const [key, ref] of batch) {
      // A failed request names nothing: the id stays hidden rather than shown.
      const found =
        ref.kind === 'reference'
          ? map?.refs[refKey(ref)]?.[ref.id]
          : ref.kind === 'user'
            ? map?.users[ref.id]
            : map?.orgUnits[ref.id];
      this.known.set(key, found ?? null);
      this.asked.delete(key);
    }
    for (const l of this.listeners) l();
  }
}

const caches = new WeakMap<object, Map<Locale, TitleCache>>();

/** The one cache of a services instance in a language (names of selects differ per language). */
export function titleCacheFor(services: RuntimeServices, locale: Locale): TitleCache {
  const byLocale = caches.get(services) ?? new Map<Locale, TitleCache>();
  caches.set(services, byLocale);
  const cache = byLocale.get(locale) ?? new TitleCache((r) => services.titles(r));
  byLocale.set(locale, cache);
  return cache;
}
