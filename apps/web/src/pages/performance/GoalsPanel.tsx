import type { Locale } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useEffect, useMemo, useState } from 'react';
import { GoalHeatmap } from './GoalHeatmap.js';
import { GoalRow } from './GoalRow.js';
import { buildGoalTree } from './goal-tree.js';
import { performanceApi, type TargetProgress } from './performance-api.js';
import { usePerformanceText } from './usePerformanceText.js';

interface GoalDoc {
  id: string;
  label: Record<string, string>;
  deviationThreshold?: number;
  targets: { period: string; start: string; amount: number; orgUnit?: string; owner?: string }[];
}

/** Most targets one progress request may hold (the server's limit). */
const MAX_TARGETS = 400;

/**
 * The goal tree of one goal: its year target split exactly down to week slices, each with actual and
 * expected-to-date from the records and the deviation flag; then a heat map of the year split
 * across the top teams, month by month, with a drill into a cell's weeks.
 */
export function GoalsPanel({ app }: { app: string }) {
  const { t, language } = usePerformanceText();
  const [goals, setGoals] = useState<GoalDoc[] | null>(null);
  const [goalId, setGoalId] = useState<string>('');
  const [tree, setTree] = useState<TargetProgress[] | null>(null);
  const [units, setUnits] = useState<{ id: string; name: string }[]>([]);
  const [byUnit, setByUnit] = useState<TargetProgress[]>([]);
  const [unitTargets, setUnitTargets] = useState<TargetProgress[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void performanceApi.goals(app).then((r) => {
      if (!r.ok) return setError(r.error.message);
      const list = r.value.goals as GoalDoc[];
      setGoals(list);
      setGoalId(list[0]?.id ?? '');
    });
  }, [app]);

  const goal = goals?.find((g) => g.id === goalId);
  useEffect(() => {
    if (!goal) return;
    const year = goal.targets.find((x) => x.period === 'year' && !x.orgUnit && !x.owner) ?? goal.targets[0];
    if (!year) return;
    setTree(null);
    void (async () => {
      const split = await performanceApi.split(app, year);
      if (!split.ok) return setError(split.error.message);
      const parts = split.value.targets as GoalDoc['targets'];
      const company = parts.some((x) => x.period === 'year') ? parts : [year, ...parts];
      const progress = await performanceApi.progress(app, { ...goal, targets: company });
      if (!progress.ok) return setError(progress.error.message);
      setTree(progress.value.targets as unknown as TargetProgress[]);
      // The heat map: the year across the top teams (the children of the root unit).
      const org = await performanceApi.orgUnits();
      if (!org.ok) return;
      const roots = org.value.orgUnits.filter((u) => u.parentId === null);
      const top = roots.length === 1 ? org.value.orgUnits.filter((u) => u.parentId === roots[0]?.id) : roots;
      if (top.length === 0) return;
      setUnits(top.map((u) => ({ id: u.id, name: u.name })));
      const across = await performanceApi.split(
        app,
        year,
        top.map((u) => ({ orgUnit: u.id })),
      );
      if (!across.ok) return;
      const all = (across.value.targets as GoalDoc['targets']).filter((x) => x.orgUnit);
      const months = all.filter((x) => x.period === 'month').slice(0, MAX_TARGETS);
      const heat = await performanceApi.progress(app, { ...goal, targets: months });
      if (heat.ok) setByUnit(heat.value.targets as unknown as TargetProgress[]);
      setUnitTargets(all as unknown as TargetProgress[]);
    })();
  }, [app, goal]);

  const roots = useMemo(() => (tree ? buildGoalTree(tree) : []), [tree]);
  if (error) return <p className="sc-banner sc-banner-error">{t('failed', { message: error })}</p>;
  if (goals === null) return <p className="sc-state">{t('loading')}</p>;
  if (goals.length === 0) return <p className="sc-state">{t('none')}</p>;
  const threshold = Math.round((goal?.deviationThreshold ?? 0.15) * 100);
  return (
    <div className="goals-panel">
      <label className="perf-picker">
        {t('goal')}{' '}
        <select value={goalId} onChange={(e) => setGoalId(e.target.value)}>
          {goals.map((g) => (
            <option key={g.id} value={g.id}>
              {localize(g.label, language as Locale)}
            </option>
          ))}
        </select>
      </label>
      <section aria-labelledby="goal-tree-title">
        <h2 id="goal-tree-title">{t('tree')}</h2>
        <p className="sc-muted">{t('treeIntro', { threshold })}</p>
        {tree === null ? (
          <p className="sc-state">{t('loading')}</p>
        ) : (
          <ul className="goal-tree" data-testid="goal-tree">
            {roots.map((n) => (
              <GoalRow key={`${n.target.period}-${n.target.start}`} node={n} depth={0} />
            ))}
          </ul>
        )}
      </section>
      {units.length > 0 && byUnit.length > 0 && goal && (
        <GoalHeatmap app={app} goal={goal} units={units} months={byUnit} all={unitTargets} />
      )}
    </div>
  );
}
