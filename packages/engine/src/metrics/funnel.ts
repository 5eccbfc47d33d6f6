/**
 * Funnel post-processing: stage-to-stage conversion within each group of the other dimensions.
 * The executor returns one row per reached step (key `stage`); conversion of step n is its first
 * measure ÷ the same measure of step n−1 in the same group (null for the first step or a zero).
 * A step no record of a group reached gets a row of zeros.
 */
import type { MetricsRow } from './plan-types.js';

/** Adds `conversion` to funnel rows, ordered by the plan's steps within each group. */
export function withConversion(
  steps: readonly string[],
  dimensionIds: readonly string[],
  measureIds: readonly string[],
  rows: readonly MetricsRow[],
): MetricsRow[] {
  const measureId = measureIds[0] ?? '';
  const groups = new Map<string, MetricsRow[]>();
  for (const row of rows) {
    const key = JSON.stringify(dimensionIds.map((d) => row[d] ?? null));
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  const out: MetricsRow[] = [];
  for (const list of groups.values()) {
    const byStep = new Map(list.map((r) => [r.stage, r]));
    let previous: number | null = null;
    for (const [k, step] of steps.entries()) {
      const row = byStep.get(step) ?? {
        ...Object.fromEntries(dimensionIds.map((d) => [d, list[0]?.[d] ?? null])),
        stage: step,
        ...Object.fromEntries(measureIds.map((m) => [m, 0])),
      };
      const value = Number(row[measureId] ?? 0);
      out.push({ ...row, conversion: k === 0 || !previous ? null : value / previous });
      previous = value;
    }
  }
  return out;
}
