import { useState } from 'react';
import { DeviationFlag, usePeriodName } from './GoalRow.js';
import { performanceApi, type TargetProgress } from './performance-api.js';
import { usePerformanceText } from './usePerformanceText.js';

/**
 * Months × teams, each cell the team's attainment of that month's target, coloured by status
 * (behind, on track, ahead, not started); a cell opens its weeks with their own progress.
 */
export function GoalHeatmap(props: {
  app: string;
  goal: object;
  units: { id: string; name: string }[];
  months: TargetProgress[];
  all: TargetProgress[];
}) {
  const { t, language, money, percent } = usePerformanceText();
  const name = usePeriodName();
  const [drill, setDrill] = useState<{ unit: string; month: TargetProgress; weeks: TargetProgress[] } | null>(
    null,
  );
  const starts = [...new Set(props.months.map((m) => m.start))].sort();
  const open = async (unit: { id: string; name: string }, month: TargetProgress) => {
    const end = new Date(`${month.start}T00:00:00Z`);
    end.setUTCMonth(end.getUTCMonth() + 1);
    const until = end.toISOString().slice(0, 10);
    const weeks = props.all.filter(
      (x) => x.period === 'week' && x.orgUnit === unit.id && x.start >= month.start && x.start < until,
    );
    const r = await performanceApi.progress(props.app, { ...props.goal, targets: weeks });
    if (r.ok) setDrill({ unit: unit.name, month, weeks: r.value.targets as unknown as TargetProgress[] });
  };
  const short = (start: string) =>
    new Date(`${start}T00:00:00Z`).toLocaleDateString(language, { month: 'short', timeZone: 'UTC' });
  return (
    <section aria-labelledby="goal-heat-title">
      <h2 id="goal-heat-title">{t('heatmap')}</h2>
      <p className="sc-muted">{t('heatmapIntro')}</p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take the keyboard */}
      <section className="heatmap-scroll" tabIndex={0} aria-labelledby="goal-heat-title">
        <table className="heatmap" data-testid="goal-heatmap">
          <thead>
            <tr>
              <th scope="col">{t('unit')}</th>
              {starts.map((s) => (
                <th key={s} scope="col">
                  {short(s)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.units.map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.name}</th>
                {starts.map((s) => {
                  const cell = props.months.find((m) => m.orgUnit === u.id && m.start === s);
                  if (!cell) return <td key={s} />;
                  const started = cell.progress.expected > 0;
                  return (
                    <td key={s} className={`heat heat-${started ? cell.progress.status : 'future'}`}>
                      <button
                        type="button"
                        title={`${u.name} · ${name(cell)}: ${money(cell.progress.actual)} / ${money(cell.amount)}`}
                        onClick={() => void open(u, cell)}
                      >
                        {started ? percent(cell.progress.attainment) : '·'}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {drill && (
        <div className="sc-card heat-drill" data-testid="heat-drill">
          <h3>{t('weeksOf', { unit: drill.unit, month: name(drill.month) })}</h3>
          <ul>
            {drill.weeks.map((w) => (
              <li key={w.start}>
                <strong>{name(w)}</strong> {money(w.progress.actual)} / {money(w.amount)} ({t('expected')}{' '}
                {money(w.progress.expected)}) <DeviationFlag target={w} />
              </li>
            ))}
          </ul>
          <button type="button" className="sc-button" onClick={() => setDrill(null)}>
            {t('closeDrill')}
          </button>
        </div>
      )}
    </section>
  );
}
