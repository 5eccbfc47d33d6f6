/**
 * Top-down goal splitting: year → quarters → months → week slices, and a period's target across
 * org units or reps, evenly or by weights. Amounts are split in whole smallest units (cents for
 * precision 2) with the largest-remainder method, so children always add up to their parent
 * exactly. A week that straddles two months is split into one slice per month (the slice starts on
 * the later of the week's Monday and the month's first day), so weeks add up to months too.
 */
import { type GoalTarget, type Issue, issue, type Result } from '@stagecraft/schema';
import { addDays, addMonths, bucketStart, daysBetween } from './calendar.js';

/**
 * Splits `total` into parts proportional to `weights`, in units of 10^-precision, so the parts sum
 * to exactly `total` (rounded to that precision). Ties go to the earlier part.
 */
export function splitAmount(total: number, weights: readonly number[], precision = 2): number[] {
  if (!weights.length) return [];
  const scale = 10 ** precision;
  const units = Math.round(total * scale);
  const sum = weights.reduce((a, w) => a + Math.max(0, w), 0);
  const shares = weights.map((w) => (sum > 0 ? (units * Math.max(0, w)) / sum : units / weights.length));
  const floors = shares.map(Math.floor);
  let left = units - floors.reduce((a, b) => a + b, 0);
  const order = shares
    .map((s, i) => ({ i, frac: s - Math.floor(s) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left -= 1;
  }
  return floors.map((u) => Number((u / scale).toFixed(precision)));
}

/** The week slices of a month: each Monday-week clipped to the month, with its day count. */
export function weekSlices(monthStart: string): { start: string; days: number }[] {
  const end = addMonths(monthStart, 1);
  const out: { start: string; days: number }[] = [];
  let start = monthStart;
  while (start < end) {
    const next = addDays(bucketStart(start, 'week'), 7);
    // biome-ignore lint/complexity/useMathMinMax: ISO date strings, compared as text
    const sliceEnd = next < end ? next : end;
    out.push({ start, days: daysBetween(start, sliceEnd) });
    start = sliceEnd;
  }
  return out;
}

/** How a yearly target is split down. */
export interface YearSplitOptions {
  precision?: number;
  /** Four weights (default even). */
  quarterWeights?: readonly number[];
  /** Twelve weights, applied within each quarter (default even). */
  monthWeights?: readonly number[];
}

/**
 * Splits a yearly target (period `year`, `start` on 1 January) into its quarters, months and week
 * slices (weeks by their days in the month). Returns the year followed by every child target,
 * each keeping the year's org unit or owner.
 */
export function splitYear(year: GoalTarget, options: YearSplitOptions = {}): Result<GoalTarget[]> {
  if (year.period !== 'year' || !year.start.endsWith('-01-01'))
    return {
      ok: false,
      issues: [
        issue('VALIDATION_FAILED', '/start', {
          en: 'A yearly target starts on 1 January.',
          'zh-CN': '年度目标必须从 1 月 1 日开始。',
        }),
      ],
    };
  const precision = options.precision ?? 2;
  const who = {
    ...(year.orgUnit ? { orgUnit: year.orgUnit } : {}),
    ...(year.owner ? { owner: year.owner } : {}),
  };
  const out: GoalTarget[] = [year];
  const quarters = splitAmount(year.amount, options.quarterWeights ?? [1, 1, 1, 1], precision);
  for (const [q, qAmount] of quarters.entries()) {
    const qStart = addMonths(year.start, q * 3);
    out.push({ period: 'quarter', start: qStart, amount: qAmount, ...who });
    const mw = options.monthWeights?.slice(q * 3, q * 3 + 3) ?? [1, 1, 1];
    for (const [m, mAmount] of splitAmount(qAmount, mw, precision).entries()) {
      const mStart = addMonths(qStart, m);
      out.push({ period: 'month', start: mStart, amount: mAmount, ...who });
      const slices = weekSlices(mStart);
      const wAmounts = splitAmount(
        mAmount,
        slices.map((s) => s.days),
        precision,
      );
      for (const [w, slice] of slices.entries())
        out.push({ period: 'week', start: slice.start, amount: wAmounts[w] ?? 0, ...who });
    }
  }
  return { ok: true, value: out };
}

/** Splits one period's target across org units or reps by weights (even when all weights are 1). */
export function splitAcross(
  target: GoalTarget,
  parts: readonly ({ orgUnit: string; weight?: number } | { owner: string; weight?: number })[],
  precision = 2,
): GoalTarget[] {
  const amounts = splitAmount(
    target.amount,
    parts.map((p) => p.weight ?? 1),
    precision,
  );
  return parts.map((p, k) => ({
    period: target.period,
    start: target.start,
    amount: amounts[k] ?? 0,
    ...('orgUnit' in p ? { orgUnit: p.orgUnit } : { owner: p.owner }),
  }));
}

/**
 * Re-splits a parent's amount after some children were adjusted by hand: adjusted children keep
 * their amounts, the rest share what is left in proportion to their previous amounts.
 */
export function resplit(
  parentAmount: number,
  children: readonly GoalTarget[],
  precision = 2,
): Result<GoalTarget[]> {
  const fixed = children.filter((c) => c.adjusted).reduce((a, c) => a + c.amount, 0);
  const left = Number((parentAmount - fixed).toFixed(precision));
  const issues: Issue[] = [];
  if (left < 0)
    issues.push(
      issue('VALIDATION_FAILED', '/targets', {
        en: 'Adjusted targets exceed the parent target.',
        'zh-CN': '调整后的目标超过了上级目标。',
      }),
    );
  const free = children.filter((c) => !c.adjusted);
  if (!free.length && left !== 0)
    issues.push(
      issue('VALIDATION_FAILED', '/targets', {
        en: 'Adjusted targets must add up to the parent target.',
        'zh-CN': '调整后的目标之和必须等于上级目标。',
      }),
    );
  if (issues.length) return { ok: false, issues };
  const weights = free.map((c) => c.amount);
  const amounts = splitAmount(left, weights.some((w) => w > 0) ? weights : free.map(() => 1), precision);
  let k = 0;
  return { ok: true, value: children.map((c) => (c.adjusted ? c : { ...c, amount: amounts[k++] ?? 0 })) };
}
