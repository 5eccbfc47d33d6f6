import type { Locale } from '@stagecraft/schema';
import { useEffect, useSyncExternalStore } from 'react';
import { useRuntime } from '../runtime/runtime-context.js';
import { type TitleRef, type TitleState, titleCacheFor } from './title-cache.js';

/**
 * The name behind one id, from the runtime's title cache: `undefined` while it loads (every id
 * wanted in the same render goes out in one request), then the name, `''` or `null` (hidden).
 */
export function useTitle(ref: TitleRef | null, locale: Locale): TitleState {
  const { services } = useRuntime();
  const cache = titleCacheFor(services, locale);
  const state = useSyncExternalStore(cache.subscribe, () => (ref ? cache.get(ref) : ''));
  const key = ref ? JSON.stringify(ref) : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `ref` by value
  useEffect(() => {
    if (ref && cache.get(ref) === undefined) void cache.want([ref]);
  }, [cache, key]);
  return state;
}

/** Asks for every name a page shows in one request, before (and whether or not) its rows render. */
export function useWantTitles(refs: readonly TitleRef[], locale: Locale): void {
  const { services } = useRuntime();
  const cache = titleCacheFor(services, locale);
  useEffect(() => {
    if (refs.length) void cache.want(refs);
  }, [cache, refs]);
}
