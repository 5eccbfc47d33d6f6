import { useCallback, useEffect, useState } from 'react';
import { useRuntime } from '../runtime/runtime-context.js';
import type { RelatedView } from '../services/runtime-services.js';

/** The records that reference a record and their merged timeline; `null` while loading or refused. */
export function useRelated(entity: string, id: string): { related: RelatedView | null; reload(): void } {
  const { services } = useRuntime();
  const [related, setRelated] = useState<RelatedView | null>(null);
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is how reload() asks again
  useEffect(() => {
    let live = true;
    void services.related(entity, id).then((r) => live && setRelated(r.ok ? r.value : null));
    return () => {
      live = false;
    };
  }, [services, entity, id, tick]);
  return { related, reload: useCallback(() => setTick((n) => n + 1), []) };
}
