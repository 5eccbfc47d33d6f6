import type { BoardView, Entity, StageMachine } from '@stagecraft/schema';
import { useCallback, useEffect, useRef, useState } from 'react';
import { andFilters } from '../list/filter-logic.js';
import { useRuntime } from '../runtime/runtime-context.js';
import type { RecordData } from '../services/runtime-services.js';

/** The loaded cards of one column, how many there are in all, and the server-side aggregates. */
export interface ColumnData {
  records: RecordData[];
  total: number;
  /** Aggregate values by aggregate id, computed by the server over every card of the column. */
  aggregates: Record<string, number | null>;
}

/** The filter of one stage's column; records without a stage belong to the initial stage. */
function stageFilter(machine: StageMachine, stage: string): unknown {
  return stage === machine.initialStage
    ? { or: [{ '==': [{ var: 'stage' }, stage] }, { '==': [{ var: 'stage' }, null] }] }
    : { '==': [{ var: 'stage' }, stage] };
}

/**
 * Loads a board: one page of cards per stage (more on demand as a column scrolls), and the column
 * aggregates from the server's aggregate query grouped by stage, so sums cover every card.
 */
export function useBoardColumns(view: BoardView, entity: Entity, machine: StageMachine, pageSize: number) {
  const { services } = useRuntime();
  const [columns, setColumns] = useState<Record<string, ColumnData>>({});
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const loading = useRef(new Set<string>());

  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is how reload() asks again
  useEffect(() => {
    let live = true;
    const measured = (view.aggregates ?? []).filter((a) => a.op !== 'count');
    const aggregates = measured.length
      ? services.aggregate(entity.id, {
          filter: view.filter,
          groupBy: 'stage',
          measures: measured.map((a) => ({ op: a.op, ...(a.field ? { field: a.field } : {}) })),
        })
      : Promise.resolve(null);
    const lists = Promise.all(
      machine.stages.map(
        async (s) =>
          [
            s.id,
            await services.listRecords(entity.id, {
              filter: andFilters(view.filter, stageFilter(machine, s.id)),
              sort: view.sort,
              limit: pageSize,
            }),
          ] as const,
      ),
    );
    void Promise.all([lists, aggregates]).then(([results, agg]) => {
      if (!live) return;
      const byStage = new Map<string, (number | null)[]>();
      if (agg?.ok)
        for (const g of agg.value)
          byStage.set(g.group == null ? machine.initialStage : String(g.group), g.values);
      const out: Record<string, ColumnData> = {};
      for (const [id, r] of results) {
        if (!r.ok) return setError(r.error.message);
        const values = byStage.get(id);
        out[id] = {
          records: r.value.records,
          total: r.value.total,
          aggregates: Object.fromEntries(measured.map((a, i) => [a.id, agg?.ok ? (values?.[i] ?? 0) : null])),
        };
      }
      setError(null);
      setColumns(out);
    });
    return () => {
      live = false;
    };
  }, [services, entity, machine, view.filter, view.sort, view.aggregates, pageSize, tick]);

  const loadMore = useCallback(
    (stage: string) => {
      const col = columns[stage];
      if (!col || col.records.length >= col.total || loading.current.has(stage)) return;
      loading.current.add(stage);
      const offset = col.records.length;
      void services
        .listRecords(entity.id, {
          filter: andFilters(view.filter, stageFilter(machine, stage)),
          sort: view.sort,
          limit: pageSize,
          offset,
        })
        .then((r) => {
          loading.current.delete(stage);
          if (!r.ok) return;
          setColumns((cur) => {
            const c = cur[stage];
            if (!c || c.records.length !== offset) return cur;
            return {
              ...cur,
              [stage]: { ...c, records: [...c.records, ...r.value.records], total: r.value.total },
            };
          });
        });
    },
    [columns, services, entity, machine, view.filter, view.sort, pageSize],
  );

  return { columns, error, reload: useCallback(() => setTick((n) => n + 1), []), loadMore };
}
