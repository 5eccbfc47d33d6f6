import type { AccuracyLine } from './performance-api.js';

/** One rep's accuracy over the past snapshots. */
export interface RepAccuracy {
  owner: string;
  name: string;
  snapshots: number;
  /** Mean accuracy of the lines that have one (null when none has). */
  average: number | null;
  latest: string;
}

/** Accuracy per rep from the snapshot lines, best first. Pure. */
export function accuracyPerRep(lines: readonly AccuracyLine[]): RepAccuracy[] {
  const reps = new Map<string, { name: string; days: Set<string>; sum: number; n: number; latest: string }>();
  for (const l of lines) {
    if (!l.owner) continue;
    const r = reps.get(l.owner) ?? { name: l.ownerName, days: new Set(), sum: 0, n: 0, latest: '' };
    r.days.add(l.takenOn);
    if (l.accuracy !== null) {
      r.sum += l.accuracy;
      r.n++;
    }
    if (l.takenOn > r.latest) r.latest = l.takenOn;
    reps.set(l.owner, r);
  }
  return [...reps.entries()]
    .map(([owner, r]) => ({
      owner,
      name: r.name,
      snapshots: r.days.size,
      average: r.n ? r.sum / r.n : null,
      latest: r.latest,
    }))
    .sort((a, b) => (b.average ?? -1) - (a.average ?? -1) || a.name.localeCompare(b.name));
}
