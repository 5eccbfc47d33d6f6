import type { Trigger } from '@stagecraft/schema';
import { conditionHolds } from './condition.js';
import { actionJobs } from './match.js';
import type { Automation, AutomationContext, AutomationRecord, AutomationRun } from './types.js';

type RelativeTrigger = Extract<Trigger, { type: 'relative_time' }>;

const HOUR = 3_600_000;

/** When a relative-time trigger fires for a record: the field's instant plus the offset; null if empty. */
export function relativeDueAt(trigger: RelativeTrigger, record: Record<string, unknown>): Date | null {
  const value = record[trigger.field];
  if (typeof value !== 'string' || value === '') return null;
  const base = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(base)) return null;
  return new Date(base + trigger.offsetHours * HOUR);
}

/**
 * The latest field value that is due at `now`: records whose field is at or before this instant are
 * due (the store turns it into a filter so only candidates are read).
 */
export function relativeCutoff(trigger: RelativeTrigger, now: Date): Date {
  return new Date(now.getTime() - trigger.offsetHours * HOUR);
}

/**
 * The firing key of a relative-time automation for a record: the field value is part of it, so a
 * new value (a new contact, a new stage entry) arms the reminder again, and the same value never
 * fires twice.
 */
export function relativeFiringKey(automation: Automation, record: AutomationRecord): string | null {
  if (automation.trigger.type !== 'relative_time') return null;
  const due = relativeDueAt(automation.trigger, record);
  if (!due) return null;
  return `rel:${automation.id}:${record.id}:${String(record[automation.trigger.field])}`;
}

/**
 * The pure step of a relative-time automation for one record at `now`: not yet due → null; due →
 * the run (skipped when `unless` became true or the condition is false), with its action jobs.
 */
export function planRelative(
  automation: Automation,
  record: AutomationRecord,
  context: AutomationContext,
): (AutomationRun & { firingKey: string }) | null {
  const trigger = automation.trigger;
  if (trigger.type !== 'relative_time') return null;
  const due = relativeDueAt(trigger, record);
  const firingKey = relativeFiringKey(automation, record);
  if (!due || !firingKey || due.getTime() > context.now.getTime()) return null;
  return planDue(automation, record, context, firingKey, trigger.unless);
}

/**
 * The run of a time-based automation whose due time has come (relative time, stage SLA): skipped
 * when `unless` became true meanwhile or the condition is false, else its action jobs.
 */
export function planDue(
  automation: Automation,
  record: AutomationRecord,
  context: AutomationContext,
  firingKey: string,
  unless: unknown,
): AutomationRun & { firingKey: string } {
  const base = { automation: automation.id, triggered: true, firingKey };
  if (unless !== undefined) {
    const skip = conditionHolds(unless, record, null, context);
    if (!skip.ok) return { ...base, condition: null, error: skip.error, jobs: [] };
    if (skip.value) return { ...base, condition: false, jobs: [] };
  }
  const holds = conditionHolds(automation.condition, record, null, context);
  if (!holds.ok) return { ...base, condition: null, error: holds.error, jobs: [] };
  return { ...base, condition: holds.value, jobs: holds.value ? actionJobs(automation, firingKey) : [] };
}
