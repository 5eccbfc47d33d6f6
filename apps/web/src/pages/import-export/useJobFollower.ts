import type { ApiError, ApiResult } from '@stagecraft/renderer';
import { useCallback, useEffect, useRef } from 'react';
import { isActive } from './import-progress.js';
import type { ImportJob } from './transfer-api.js';

/** How often a queued or running job is asked for its progress. */
export const POLL_MS = 500;
/** Polls in a row that may fail (network, 5xx, 429) before the dialog says the job is out of sight. */
export const POLL_RETRIES = 4;

/** How following a job ended: it finished (any end state), or it went out of sight. */
export type FollowEnd =
  | { kind: 'settled'; job: ImportJob }
  | { kind: 'lost'; job: ImportJob; error: ApiError };

/** A failure worth asking again for: the connection, the server busy or broken, not a refusal. */
function transient(error: ApiError): boolean {
  return error.status === 0 || error.status === 429 || error.status >= 500;
}

/**
 * Follows import jobs: `follow(job, onProgress)` asks for the job every `pollMs` while it is queued
 * or running, passes each answer to `onProgress`, and resolves with how it ended, or with null when
 * it was stopped (`stop()`, another follow, or the dialog unmounting: polling never outlives it).
 * A failed poll is retried with a growing pause; after `POLL_RETRIES` failures in a row, or a
 * refusal (404: not the user's job any more), it resolves `lost` with the last error.
 */
export function useJobFollower(get: (id: string) => Promise<ApiResult<ImportJob>>, pollMs = POLL_MS) {
  const generation = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const stop = useCallback(() => {
    generation.current++;
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  }, []);
  useEffect(() => stop, [stop]);

  const follow = useCallback(
    async (start: ImportJob, onProgress: (job: ImportJob) => void): Promise<FollowEnd | null> => {
      stop();
      const mine = generation.current;
      const live = () => mine === generation.current;
      const pause = (ms: number) =>
        new Promise<void>((resolve) => {
          timer.current = setTimeout(resolve, ms);
        });
      let job = start;
      let misses = 0;
      while (isActive(job)) {
        await pause(pollMs * 2 ** misses);
        if (!live()) return null;
        const r = await get(job.id);
        if (!live()) return null;
        if (r.ok) {
          misses = 0;
          job = r.value;
          if (isActive(job)) onProgress(job);
          continue;
        }
        misses++;
        if (!transient(r.error) || misses >= POLL_RETRIES) return { kind: 'lost', job, error: r.error };
      }
      return { kind: 'settled', job };
    },
    [get, pollMs, stop],
  );

  return { follow, stop };
}
