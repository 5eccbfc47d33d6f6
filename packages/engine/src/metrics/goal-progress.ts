/**
 * Goal progress: attainment of a target from an actual value, and the deviation from the
 * pro-rated target (the share of the period that has passed, in the workspace zone). A deviation
 * beyond the threshold (default 15 %) either way flags the goal.
 */

import { zonedStart } from '@stagecraft/rules';
import type { GoalTarget } from '@stagecraft/schema';
import { addDays, addMonths, bucketEnd, bucketStart } from './calendar.js';

/** The default deviation threshold: 15 % of the pro-rated target. */
export const DEFAULT_DEVIATION_THRESHOLD = 0.15;

/** Progress of one target at a point in time. */
export interface GoalProgress {
  target: number;
  actual: number;
  /** actual ÷ target (null for a zero target). */
  attainment: number | null;
  /** Share of the period elapsed, 0..1. */
  elapsed: number;
  /** target × elapsed. */
  expected: number;
  /** (actual − expected) ÷ expected (null before the period starts). */
  deviation: number | null;
  status: 'behind' | 'on_track' | 'ahead';
  flagged: boolean;
}

/**
 * The day after a target's period. Week targets are week slices (see goal-split): they end at the
 * next Monday or the next month's first day, whichever comes first.
 */
export function periodEnd(target: Pick<GoalTarget, 'period' | 'start'>): string {
  if (target.period !== 'week') return bucketEnd(target.start, target.period);
  const monday = addDays(bucketStart(target.start, 'week'), 7);
  const month = addMonths(bucketStart(target.start, 'month'), 1);
  // biome-ignore lint/complexity/useMathMinMax: ISO date strings, compared as text
  return monday < month ? monday : month;
}

/** The first instant of a target's period and of the next one, in a zone. */
export function periodRange(
  target: Pick<GoalTarget, 'period' | 'start'>,
  timeZone: string,
): { from: string; to: string } {
  return { from: zonedStart(target.start, timeZone), to: zonedStart(periodEnd(target), timeZone) };
}

/** Progress of a target given its actual value and the clock. */
export function goalProgress(
  target: Pick<GoalTarget, 'period' | 'start' | 'amount'>,
  actual: number,
  now: string,
  timeZone: string,
  threshold = DEFAULT_DEVIATION_THRESHOLD,
): GoalProgress {
  const { from, to } = periodRange(target, timeZone);
  const span = Date.parse(to) - Date.parse(from);
  const elapsed = Math.min(1, Math.max(0, (Date.parse(now) - Date.parse(from)) / span));
  const expected = target.amount * elapsed;
  const deviation = expected > 0 ? (actual - expected) / expected : null;
  const status =
    deviation === null
      ? 'on_track'
      : deviation < -threshold
        ? 'behind'
        : deviation > threshold
          ? 'ahead'
          : 'on_track';
  return {
    target: target.amount,
    actual,
    attainment: target.amount > 0 ? actual / target.amount : null,
    elapsed,
    expected,
    deviation,
    status,
    flagged: status !== 'on_track',
  };
}
