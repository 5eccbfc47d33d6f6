import { useEffect, useState } from 'react';
import { useRuntime } from '../runtime/runtime-context.js';
import type { FileRef, StageHistoryEntry } from '../services/runtime-services.js';

/** One evidence file with the requirement it satisfied. */
export interface EvidenceFileView {
  file: FileRef;
  requirement: string;
  transitionId: string | undefined;
}

/** Resolves the evidence ids of a record's stage history into files the page can list and link. */
export function useEvidenceFiles(history: StageHistoryEntry[]): EvidenceFileView[] {
  const { services } = useRuntime();
  const [files, setFiles] = useState<EvidenceFileView[]>([]);
  const wanted = history.flatMap((h) =>
    Object.entries(h.evidence ?? {}).flatMap(([req, ids]) =>
      ids.map((id) => ({ id, req, transitionId: h.transitionId })),
    ),
  );
  const key = JSON.stringify(wanted);
  useEffect(() => {
    let live = true;
    const list = JSON.parse(key) as typeof wanted;
    void Promise.all(list.map(async (w) => ({ w, r: await services.attachment(w.id) }))).then((found) => {
      if (!live) return;
      setFiles(
        found.flatMap(({ w, r }) =>
          r.ok ? [{ file: r.value, requirement: w.req, transitionId: w.transitionId }] : [],
        ),
      );
    });
    return () => {
      live = false;
    };
  }, [services, key]);
  return files;
}
