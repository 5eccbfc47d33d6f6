import type { Entity, Locale } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import type { ImportJob } from './transfer-api.js';

/** A job the server has not finished: the dialog follows it. */
export function isActive(job: ImportJob): boolean {
  return job.state === 'queued' || job.state === 'running';
}

/** The i18n key of what a queued or running job is doing. */
export function phaseKey(job: ImportJob): string {
  if (job.state === 'queued' && (job.phase === null || job.phase === 'upload')) return 'transfer.phaseQueued';
  switch (job.phase) {
    case 'upload':
      return 'transfer.phaseUpload';
    case 'write':
      return 'transfer.phaseWrite';
    case 'validate':
      return 'transfer.phaseValidate';
    default:
      return 'transfer.phaseRead';
  }
}

/**
 * How far the current phase is, 0 to 100, or null while that is unknown (queued, uploading):
 * reading and checking go by the bytes of the stored file read, writing by the rows written of
 * those read.
 */
export function percentDone(job: ImportJob): number | null {
  const p = job.progress;
  let part: number | null = null;
  if (job.phase === 'write') part = p.rowsRead > 0 ? p.rowsWritten / p.rowsRead : null;
  else if (job.phase === 'read' || job.phase === 'validate')
    part = p.bytesTotal > 0 ? p.bytesRead / p.bytesTotal : null;
  if (part === null || !Number.isFinite(part)) return null;
  return Math.max(0, Math.min(100, Math.floor(part * 100)));
}

/** A remaining time as the dialog says it: "5 s", "1 min 5 s", "2 h 3 min" (keys in the catalog). */
export function durationParts(seconds: number): { key: string; values: Record<string, number> } {
  const total = Math.max(1, Math.ceil(seconds));
  if (total < 60) return { key: 'transfer.seconds', values: { s: total } };
  if (total < 3600) return { key: 'transfer.minutes', values: { m: Math.floor(total / 60), s: total % 60 } };
  return {
    key: 'transfer.hours',
    values: { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60) },
  };
}

/**
 * The fields an upsert matches rows on, as the server picks them: the entity's first dedupe key,
 * else its first unique field; null when it has neither (only creating is offered then).
 */
export function upsertKey(entity: Entity, locale: Locale): string | null {
  const key =
    entity.dedupeKeys?.[0] ??
    (() => {
      const unique = entity.fields.find((f) => f.unique);
      return unique ? [unique.id] : undefined;
    })();
  if (!key || key.length === 0) return null;
  return key
    .map((id) => {
      const field = entity.fields.find((f) => f.id === id);
      return field ? localize(field.label, locale) : id;
    })
    .join(' + ');
}
