import { useCallback, useEffect, useState } from 'react';
import { useRuntime } from '../runtime/runtime-context.js';
import type {
  ApiError,
  AuditEntryView,
  RecordData,
  SlaView,
  StageHistoryEntry,
  TransitionOption,
} from '../services/runtime-services.js';

/** Everything the record page shows about one record, loaded together and reloadable after a change. */
export interface RecordDetails {
  record: RecordData | null;
  error: ApiError | null;
  transitions: TransitionOption[] | null;
  /** SLA state of the current stage, when it has an SLA. */
  sla: SlaView | null;
  history: StageHistoryEntry[];
  audit: AuditEntryView[];
  reload(): void;
}

/** Loads a record with its transitions, stage history and audit trail. */
export function useRecordDetails(entity: string, id: string, withStages: boolean): RecordDetails {
  const { services } = useRuntime();
  const [record, setRecord] = useState<RecordData | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [transitions, setTransitions] = useState<TransitionOption[] | null>(null);
  const [sla, setSla] = useState<SlaView | null>(null);
  const [history, setHistory] = useState<StageHistoryEntry[]>([]);
  const [audit, setAudit] = useState<AuditEntryView[]>([]);
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is how reload() asks again
  useEffect(() => {
    let live = true;
    void services.getRecord(entity, id).then((r) => {
      if (!live) return;
      if (r.ok) setRecord(r.value);
      else setError(r.error);
    });
    if (withStages) {
      void services.transitions(entity, id).then((r) => {
        if (!live) return;
        setTransitions(r.ok ? r.value.options : []);
        setSla(r.ok ? r.value.sla : null);
      });
      void services.history(entity, id).then((r) => live && r.ok && setHistory(r.value));
    }
    void services.audit(entity, id).then((r) => live && r.ok && setAudit(r.value));
    return () => {
      live = false;
    };
  }, [services, entity, id, withStages, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { record, error, transitions, sla, history, audit, reload };
}
