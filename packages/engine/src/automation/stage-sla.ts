/**
 * Stage-SLA triggers ("a deal stuck in its stage past the stage's SLA"): each stage carries its own
 * maximum dwell time (`sla.maxHours`), so the due time of a record depends on the stage it is in
 * now. A record is due once it has stayed in its current stage longer than that stage's SLA (plus
 * the trigger's offset), the moment the SLA state turns `overdue`; one firing per stage entry, so
 * a record that moved on before is not flagged, and its new stage counts from its new entry.
 */
import type { StageMachine, Trigger } from '@stagecraft/schema';
import { planDue } from './relative-time.js';
import type { Automation, AutomationContext, AutomationRecord, AutomationRun } from './types.js';

type StageSlaTrigger = Extract<Trigger, { type: 'stage_sla' }>;

const HOUR = 3_600_000;
const entered = { var: 'stageEnteredAt' };

/** The stages a trigger watches: the listed ones (or all) that have an SLA, with their due hours. */
function watched(trigger: StageSlaTrigger, machine: StageMachine): { stage: string; hours: number }[] {
  return machine.stages
    .filter((s) => s.sla && (!trigger.stages || trigger.stages.includes(s.id)))
    .map((s) => ({ stage: s.id, hours: (s.sla?.maxHours ?? 0) + (trigger.offsetHours ?? 0) }));
}

/**
 * When a record outstays its current stage's SLA: its entry into the stage plus the stage's
 * `maxHours` plus the offset. Null when the stage has no SLA, is not watched, or the record has no
 * entry time.
 */
export function stageSlaDueAt(
  trigger: StageSlaTrigger,
  machine: StageMachine,
  record: Record<string, unknown>,
): Date | null {
  const stage = watched(trigger, machine).find((w) => w.stage === record.stage);
  const at = record.stageEnteredAt;
  if (!stage || typeof at !== 'string') return null;
  const base = Date.parse(at);
  return Number.isNaN(base) ? null : new Date(base + stage.hours * HOUR);
}

/**
 * A JSON Logic filter for the candidates at `now`: records in a watched stage that entered it more
 * than that stage's due hours ago, and less than `lookbackHours` before that (older due times are
 * not replayed). Matches nothing when no watched stage has an SLA. Boundaries agree with
 * `stageSlaDueAt` and with `slaState`'s `overdue` at offset 0.
 */
export function stageSlaFilter(
  trigger: StageSlaTrigger,
  machine: StageMachine,
  now: Date,
  lookbackHours: number,
): unknown {
  const before = (hours: number) => new Date(now.getTime() - hours * HOUR).toISOString();
  const parts = watched(trigger, machine).map((w) => ({
    and: [
      { '==': [{ var: 'stage' }, w.stage] },
      { '<': [entered, before(w.hours)] },
      { '>=': [entered, before(w.hours + lookbackHours)] },
    ],
  }));
  return parts.length === 0 ? { '==': [1, 0] } : parts.length === 1 ? parts[0] : { or: parts };
}

/**
 * The firing key: the stage and its entry time are part of it, so each stay in a stage fires at
 * most once, and a new entry arms the trigger again.
 */
export function stageSlaFiringKey(automation: Automation, record: AutomationRecord): string {
  return `sla:${automation.id}:${record.id}:${String(record.stage)}:${String(record.stageEnteredAt)}`;
}

/**
 * The pure step of a stage-SLA automation for one record at `now`: within its stage's SLA (or in a
 * stage without one) → null; past it → the run (skipped when `unless` became true or the
 * condition is false), with its action jobs.
 */
export function planStageSla(
  automation: Automation,
  machine: StageMachine,
  record: AutomationRecord,
  context: AutomationContext,
): (AutomationRun & { firingKey: string }) | null {
  const trigger = automation.trigger;
  if (trigger.type !== 'stage_sla') return null;
  const due = stageSlaDueAt(trigger, machine, record);
  if (!due || due.getTime() >= context.now.getTime()) return null;
  return planDue(automation, record, context, stageSlaFiringKey(automation, record), trigger.unless);
}
