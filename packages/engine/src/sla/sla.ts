/**
 * Stage SLA: how long a record may stay in a stage. `slaState` judges one record; `slaFilter` turns
 * a state into a JSON Logic filter over `stage` and `stageEnteredAt`, so the records API filters by
 * SLA through its normal filter path (and the database does the work). Both are computed from the
 * machine's stages only, with the clock passed in.
 */
import type { Stage, StageMachine } from '@stagecraft/schema';

/** On time, due within the stage's warning window, or past its maximum dwell time. */
export const SLA_STATES = ['on_time', 'due_soon', 'overdue'] as const;
export type SlaState = (typeof SLA_STATES)[number];

const HOUR_MS = 3_600_000;

/** The warning window of a stage: its `dueSoonHours`, else a quarter of its maximum dwell time. */
export function dueSoonHours(stage: Stage): number {
  const sla = stage.sla;
  if (!sla) return 0;
  return Math.min(sla.dueSoonHours ?? sla.maxHours / 4, sla.maxHours);
}

/** The SLA of a record now, or null when its stage has no SLA or it has no entry time. */
export function slaState(
  machine: StageMachine,
  record: { stage: string | null; stageEnteredAt: string | null },
  now: Date | string,
): { state: SlaState; dwellMs: number; dueAt: string } | null {
  const stage = machine.stages.find((s) => s.id === record.stage);
  if (!stage?.sla || !record.stageEnteredAt) return null;
  const entered = Date.parse(record.stageEnteredAt);
  const nowMs = new Date(now).getTime();
  if (Number.isNaN(entered) || Number.isNaN(nowMs)) return null;
  const dwellMs = Math.max(0, nowMs - entered);
  const maxMs = stage.sla.maxHours * HOUR_MS;
  const soonMs = dueSoonHours(stage) * HOUR_MS;
  const state: SlaState = dwellMs > maxMs ? 'overdue' : dwellMs > maxMs - soonMs ? 'due_soon' : 'on_time';
  return { state, dwellMs, dueAt: new Date(entered + maxMs).toISOString() };
}

const iso = (nowMs: number, hoursAgo: number) => new Date(nowMs - hoursAgo * HOUR_MS).toISOString();
const entered = { var: 'stageEnteredAt' };

/**
 * A JSON Logic filter matching the records whose SLA state is `state` at `now`: for each stage with
 * an SLA, `stage == id` and `stageEnteredAt` inside that state's window. Matches nothing when no
 * stage has an SLA. Boundaries agree with `slaState`.
 */
export function slaFilter(machine: StageMachine, state: SlaState, now: Date | string): unknown {
  const nowMs = new Date(now).getTime();
  const parts: unknown[] = [];
  for (const stage of machine.stages) {
    if (!stage.sla) continue;
    const overdueBefore = iso(nowMs, stage.sla.maxHours);
    const soonBefore = iso(nowMs, stage.sla.maxHours - dueSoonHours(stage));
    const window =
      state === 'overdue'
        ? [{ '<': [entered, overdueBefore] }]
        : state === 'due_soon'
          ? [{ '>=': [entered, overdueBefore] }, { '<': [entered, soonBefore] }]
          : [{ '>=': [entered, soonBefore] }];
    parts.push({ and: [{ '==': [{ var: 'stage' }, stage.id] }, { '!=': [entered, null] }, ...window] });
  }
  return parts.length === 0 ? { '==': [1, 0] } : parts.length === 1 ? parts[0] : { or: parts };
}

/** A JSON Logic filter for records that have been in their current stage for at least `hours`. */
export function dwellFilter(hours: number, now: Date | string): unknown {
  return { and: [{ '!=': [entered, null] }, { '<=': [entered, iso(new Date(now).getTime(), hours)] }] };
}
