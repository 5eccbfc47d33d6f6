import { useEffect, useState } from 'react';
import { useRuntime } from '../runtime/runtime-context.js';
import type { ApiError, RecordData, RecordQuery } from '../services/runtime-services.js';

/** The state of one list request: loading, failed, or the page and the total. */
export type ListState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; records: RecordData[]; total: number };

/** Loads a page of records whenever the query changes; `reload` asks again with the same query. */
export function useRecordList(entity: string, query: RecordQuery): { state: ListState; reload(): void } {
  const { services } = useRuntime();
  const [state, setState] = useState<ListState>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is how reload() asks again
  useEffect(() => {
    let live = true;
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    void services.listRecords(entity, JSON.parse(key) as RecordQuery).then((r) => {
      if (!live) return;
      setState(
        r.ok
          ? { status: 'ready', records: r.value.records, total: r.value.total }
          : { status: 'error', error: r.error },
      );
    });
    return () => {
      live = false;
    };
  }, [services, entity, key, tick]);
  return { state, reload: () => setTick((n) => n + 1) };
}
