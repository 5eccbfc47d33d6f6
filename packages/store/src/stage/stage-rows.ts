/** Row ↔ API mapping for stage history, and how transition values are written to entity columns. */
import type { Entity } from '@stagecraft/schema';
import { columnType } from '../ddl/column-types.js';

/** One stage-history entry as the API returns it. */
export interface StageHistoryEntry {
  id: number;
  from: string | null;
  to: string;
  transitionId: string;
  actor: string | null;
  at: string;
  /** Time spent in `from` before this move. */
  dwellMs: number | null;
  definitionVersion: number;
  /** The transition's field values as written. */
  fields: Record<string, unknown>;
  /** Attachment ids linked as evidence, per requirement. */
  evidence: Record<string, string[]>;
}

// biome-ignore lint/suspicious/noExplicitAny: rows come untyped from dynamic SQL
type Row = Record<string, any>;

/** Maps a `stage_history` row (evidence is attached by the caller). */
export function toHistoryEntry(row: Row, evidence: Record<string, string[]> = {}): StageHistoryEntry {
  return {
    id: Number(row.id),
    from: row.from_stage ?? null,
    to: row.to_stage,
    transitionId: row.transition_id,
    actor: row.actor_id ?? null,
    at: row.at instanceof Date ? row.at.toISOString() : String(row.at),
    dwellMs: row.dwell_ms == null ? null : Number(row.dwell_ms),
    definitionVersion: Number(row.definition_version),
    fields: row.fields ?? {},
    evidence,
  };
}

/** System keys a transition writes, and their columns. */
const SYSTEM_COLUMNS: Record<string, string> = { stage: 'stage', stageEnteredAt: 'stage_entered_at' };

/**
 * The column values of a transition's changes: system keys to their snake_case columns, field ids
 * to their own columns (jsonb values as JSON text). A key that is neither is a bug of the caller.
 */
export function changeColumns(entity: Entity, changes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    const system = SYSTEM_COLUMNS[key];
    if (system) {
      out[system] = value;
      continue;
    }
    const field = entity.fields.find((f) => f.id === key);
    if (!field) throw new Error(`Transition change of unknown field ${entity.id}.${key}`);
    out[key] = columnType(field) === 'jsonb' && value != null ? JSON.stringify(value) : value;
  }
  return out;
}
