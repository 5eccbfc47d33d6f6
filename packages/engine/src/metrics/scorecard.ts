/**
 * KPI scorecards: each metric's value earns the points of the highest tier it reaches; a rep's
 * score is the weighted mean of the points (weights need not add up to 1); the leaderboard ranks
 * reps by score (ties share a rank).
 */
import type { Scorecard, ScoreTier } from '@stagecraft/schema';

/** Points of the highest tier whose `min` the value reaches (0 below every tier or without a value). */
export function tierPoints(value: number | null, tiers: readonly ScoreTier[]): number {
  if (value === null || !Number.isFinite(value)) return 0;
  let best: ScoreTier | undefined;
  for (const t of tiers) if (value >= t.min && (!best || t.min > best.min)) best = t;
  return best?.points ?? 0;
}

/** One rep's line on the scorecard. */
export interface ScoreLine {
  owner: string;
  score: number;
  rank: number;
  metrics: { id: string; kind: string; value: number | null; points: number; weight: number }[];
}

/** Scores every rep from metric values (`values[owner][metricId]`) and ranks them. */
export function scoreReps(
  card: Scorecard,
  values: Readonly<Record<string, Readonly<Record<string, number | null>>>>,
): ScoreLine[] {
  const totalWeight = card.metrics.reduce((a, m) => a + m.weight, 0);
  const lines = Object.keys(values).map((owner) => {
    const metrics = card.metrics.map((m) => {
      const value = values[owner]?.[m.id] ?? null;
      return { id: m.id, kind: m.kind, value, points: tierPoints(value, m.tiers), weight: m.weight };
    });
    const weighted = metrics.reduce((a, m) => a + m.points * m.weight, 0);
    const score = totalWeight > 0 ? Math.round((weighted / totalWeight) * 100) / 100 : 0;
    return { owner, score, rank: 0, metrics };
  });
  lines.sort((a, b) => b.score - a.score || a.owner.localeCompare(b.owner));
  for (const [k, line] of lines.entries())
    line.rank = k > 0 && lines[k - 1]?.score === line.score ? (lines[k - 1]?.rank ?? k + 1) : k + 1;
  return lines;
}
