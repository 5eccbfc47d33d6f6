import type { Issue, Locale, LocalizedText, StageMachine, Transition } from '@stagecraft/schema';
import type { RulePort } from './rule-port.js';

/** The part of a record the step reads and writes: its stage, when it entered it, and field values. */
export interface StageRecord {
  stage: string | null;
  stageEnteredAt: string | null;
  [field: string]: unknown;
}

/** An uploaded file offered as evidence; the step checks kinds and counts, never the bytes. */
export interface EvidenceFile {
  id: string;
  mime: string;
  name?: string;
  size?: number;
}

/** What the user asks for: the target stage, the transition's fields, and evidence per requirement. */
export interface TransitionRequest {
  to: string;
  /** Picks one transition when several lead from the current stage to `to`. */
  transitionId?: string;
  fields?: Record<string, unknown>;
  evidence?: Record<string, EvidenceFile[]>;
}

/** Who moves the record, when (server clock, passed in), and how to word explanations. */
export interface TransitionContext {
  user: { id: string; roles: readonly string[]; orgUnit?: string | null };
  /** Server time as an ISO-8601 string or Date; the engine never reads a clock itself. */
  now: string | Date;
  /** The app's zone (`appTimeZone`) that `today` and date operators of guards use; default zone when absent. */
  timeZone?: string;
  locale: Locale;
  /** Field labels by field id, so explanations name fields the way users see them. */
  labels?: Record<string, LocalizedText>;
  /** Evaluates and explains rules; defaults to @stagecraft/rules. */
  rules?: RulePort;
}

/** One row of stage history, as the store writes it. */
export interface HistoryEntry {
  from: string | null;
  to: string;
  transitionId: string;
  actor: string;
  at: string;
  /** Time spent in `from`; null when the record had no entry time. */
  dwellMs: number | null;
}

/** The outcome of a step: the next record state with its history, or every reason not to. */
export type StepResult =
  | {
      ok: true;
      record: StageRecord;
      /** Only what changed: stage, stageEnteredAt, the transition's field values and its `setFields`. */
      changes: Record<string, unknown>;
      transition: Transition;
      history: HistoryEntry;
      /** Attachment ids per requirement that satisfied the evidence, for linking. */
      evidence: Record<string, string[]>;
    }
  | { ok: false; issues: Issue[] };

/** One transition from the current stage, whether it may run now, and what it needs. */
export interface AvailableTransition {
  id: string;
  to: string;
  label: string;
  toLabel: string;
  allowed: boolean;
  /** Why not (role, entry criteria); empty when allowed. */
  reasons: Issue[];
  requires: {
    fields: { field: string; label: string }[];
    evidence: { id: string; label: string; minCount: number; accept?: string[] }[];
  };
}

export type { StageMachine, Transition };
