import type { Action, Automation, Locale } from '@stagecraft/schema';

/** A record as automations see it: system fields plus field values, flat. */
export type AutomationRecord = Record<string, unknown> & { id: string };

/** Something that happened to a record, written by the server after the write committed. */
export interface RecordEvent {
  type: 'record_created' | 'record_updated' | 'record_deleted' | 'stage_changed';
  app: string;
  entity: string;
  record: AutomationRecord;
  /** The stored version before the write (updates, deletes, stage changes). */
  previous: AutomationRecord | null;
  /** Stage change only. */
  from?: string | null;
  to?: string;
  transitionId?: string;
  stageMachine?: string;
  actor: string | null;
  /** Server time of the write (ISO). */
  at: string;
  /** Stable key of the event: the idempotency keys of its action runs derive from it. */
  key: string;
}

/** What conditions and value rules may read besides the record. */
export interface AutomationContext {
  now: Date;
  timeZone: string;
  locale?: Locale;
}

/** One action to run, with the idempotency key that makes it run at most once per event. */
export interface ActionJob {
  key: string;
  automation: string;
  action: Action;
}

/** How one automation responded to one event: the run log line. */
export interface AutomationRun {
  automation: string;
  /** Whether the trigger matched (false runs are not logged). */
  triggered: boolean;
  /** Result of the condition (true when there is none); null when it could not be evaluated. */
  condition: boolean | null;
  error?: string;
  jobs: ActionJob[];
}

export type { Action, Automation };
