/** A job as callers see it. */
export interface Job {
  id: number;
  workspaceId: string;
  kind: string;
  /** Idempotency key: one job per key, ever. */
  key: string;
  payload: unknown;
  status: 'pending' | 'running' | 'done' | 'dead';
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lockedBy: string | null;
  lockedUntil: string | null;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** What to enqueue. */
export interface JobInput {
  workspaceId: string;
  kind: string;
  key: string;
  payload: unknown;
  /** Not before this instant (default: now). */
  runAt?: Date;
  maxAttempts?: number;
}

/** Maps a `jobs` row. */
export function toJob(row: Record<string, unknown>): Job {
  return {
    id: Number(row.id),
    workspaceId: String(row.workspace_id),
    kind: String(row.kind),
    key: String(row.key),
    payload: row.payload,
    status: row.status as Job['status'],
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    runAt: String(row.run_at),
    lockedBy: (row.locked_by as string | null) ?? null,
    lockedUntil: (row.locked_until as string | null) ?? null,
    lastError: (row.last_error as string | null) ?? null,
    createdAt: String(row.created_at),
    finishedAt: (row.finished_at as string | null) ?? null,
  };
}

/** Exponential backoff: base × 2^(attempt − 1), capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
