import type { TargetProgress } from './performance-api.js';

/** A node of the goal tree: a target with its progress and the targets of its sub-periods. */
export interface GoalNode {
  target: TargetProgress;
  children: GoalNode[];
}

const LEVEL = { year: 0, quarter: 1, month: 2, week: 3 } as const;

/** The first day after a target's period (week slices end at the month's end at the latest). */
function endOf(t: Pick<TargetProgress, 'period' | 'start'>): string {
  const [y, m, d] = t.start.split('-').map(Number) as [number, number, number];
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  if (t.period === 'year') return iso(Date.UTC(y + 1, 0, 1));
  if (t.period === 'quarter') return iso(Date.UTC(y, m - 1 + 3, 1));
  if (t.period === 'month') return iso(Date.UTC(y, m, 1));
  return iso(Date.UTC(y, m - 1, d + 7));
}

/**
 * Nests targets of one unit (year → quarter → month → week) by period containment, in date order.
 * Pure, so the page and its test build the same tree.
 */
export function buildGoalTree(targets: readonly TargetProgress[]): GoalNode[] {
  const sorted = [...targets].sort(
    (a, b) => LEVEL[a.period] - LEVEL[b.period] || a.start.localeCompare(b.start),
  );
  const roots: GoalNode[] = [];
  const placed: GoalNode[] = [];
  for (const target of sorted) {
    const node: GoalNode = { target, children: [] };
    const parent = [...placed]
      .reverse()
      .find(
        (p) =>
          LEVEL[p.target.period] === LEVEL[target.period] - 1 &&
          p.target.start <= target.start &&
          target.start < endOf(p.target),
      );
    (parent ? parent.children : roots).push(node);
    placed.push(node);
  }
  return roots;
}
