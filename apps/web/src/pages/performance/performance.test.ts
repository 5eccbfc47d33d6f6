import { describe, expect, it } from 'vitest';
import { accuracyPerRep } from './accuracy.js';
import { buildGoalTree } from './goal-tree.js';
import type { TargetProgress } from './performance-api.js';

const progress = {
  actual: 0,
  expected: 0,
  attainment: 0,
  deviation: null,
  status: 'on_track',
  flagged: false,
} as const;
const target = (period: TargetProgress['period'], start: string): TargetProgress => ({
  period,
  start,
  amount: 1,
  progress,
});

describe('buildGoalTree', () => {
  it('nests year → quarter → month → week by period, in date order', () => {
    const roots = buildGoalTree([
      target('week', '2026-02-02'),
      target('month', '2026-02-01'),
      target('quarter', '2026-04-01'),
      target('month', '2026-01-01'),
      target('quarter', '2026-01-01'),
      target('year', '2026-01-01'),
      target('week', '2026-01-26'),
    ]);
    expect(roots).toHaveLength(1);
    const [q1, q2] = roots[0]?.children ?? [];
    expect([q1?.target.start, q2?.target.start]).toEqual(['2026-01-01', '2026-04-01']);
    expect(q1?.children.map((m) => m.target.start)).toEqual(['2026-01-01', '2026-02-01']);
    expect(q1?.children[0]?.children.map((w) => w.target.start)).toEqual(['2026-01-26']);
    expect(q1?.children[1]?.children.map((w) => w.target.start)).toEqual(['2026-02-02']);
  });
});

describe('accuracyPerRep', () => {
  it('averages the lines with an accuracy per rep, counts snapshot days, best first', () => {
    const line = (owner: string, takenOn: string, accuracy: number | null) => ({
      takenOn,
      owner,
      ownerName: owner.toUpperCase(),
      period: '2026-06-01',
      forecast: 1,
      actual: 1,
      accuracy,
    });
    expect(
      accuracyPerRep([
        line('a', '2026-06-01', 0.5),
        line('a', '2026-06-15', 0.7),
        line('b', '2026-06-01', 0.9),
        line('c', '2026-06-01', null),
      ]),
    ).toEqual([
      { owner: 'b', name: 'B', snapshots: 1, average: 0.9, latest: '2026-06-01' },
      { owner: 'a', name: 'A', snapshots: 2, average: 0.6, latest: '2026-06-15' },
      { owner: 'c', name: 'C', snapshots: 1, average: null, latest: '2026-06-01' },
    ]);
  });
});
