import { useState } from 'react';
import type { GoalNode } from './goal-tree.js';
import type { TargetProgress } from './performance-api.js';
import { usePerformanceText } from './usePerformanceText.js';

/** The localised name of a target's period ("2026 年第 4 季度", "Week from 7 Dec"). */
export function usePeriodName() {
  const { t, language } = usePerformanceText();
  return (target: Pick<TargetProgress, 'period' | 'start'>) => {
    const [y, m, d] = target.start.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (target.period === 'year') return t('year', { year: y });
    if (target.period === 'quarter') return t('quarter', { year: y, q: Math.floor((m - 1) / 3) + 1 });
    if (target.period === 'month')
      return t('month', {
        month: date.toLocaleDateString(language, { year: 'numeric', month: 'long', timeZone: 'UTC' }),
      });
    return t('week', {
      day: date.toLocaleDateString(language, { month: 'short', day: 'numeric', timeZone: 'UTC' }),
    });
  };
}

/** The deviation flag: shown when the deviation from the pro-rated target passes the threshold. */
export function DeviationFlag({ target }: { target: TargetProgress }) {
  const { t } = usePerformanceText();
  const p = target.progress;
  if (!p.flagged || p.deviation === null) return null;
  const value = Math.round(p.deviation * 100);
  return (
    <span className={`goal-flag goal-flag-${p.status}`} data-testid="deviation-flag" role="status">
      ⚠ {t('flag', { value: value > 0 ? `+${value}` : value })} ·{' '}
      {t(p.status === 'behind' ? 'behind' : 'ahead')}
    </span>
  );
}

/** One row of the goal tree and, when opened, its sub-periods. */
export function GoalRow({ node, depth }: { node: GoalNode; depth: number }) {
  const { t, money, percent } = usePerformanceText();
  const name = usePeriodName();
  const [open, setOpen] = useState(depth === 0);
  const { target, children } = node;
  const p = target.progress;
  const label = name(target);
  return (
    <li className="goal-node" data-period={target.period} data-start={target.start}>
      <div className="goal-row" style={{ paddingInlineStart: `${depth * 0.9}rem` }}>
        {children.length > 0 ? (
          <button
            type="button"
            className="goal-toggle"
            aria-expanded={open}
            aria-label={t(open ? 'collapse' : 'expand', { period: label })}
            onClick={() => setOpen(!open)}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="goal-toggle" aria-hidden="true" />
        )}
        <strong className="goal-period">{label}</strong>
        <dl className="goal-figures">
          <div>
            <dt>{t('target')}</dt>
            <dd>{money(target.amount)}</dd>
          </div>
          <div>
            <dt>{t('expected')}</dt>
            <dd>{money(p.expected)}</dd>
          </div>
          <div>
            <dt>{t('actual')}</dt>
            <dd data-testid="goal-actual">{money(p.actual)}</dd>
          </div>
          <div>
            <dt>{t('attainment')}</dt>
            <dd>{percent(p.attainment)}</dd>
          </div>
        </dl>
        <DeviationFlag target={target} />
      </div>
      {open && children.length > 0 && (
        <ul className="goal-children">
          {children.map((c) => (
            <GoalRow key={`${c.target.period}-${c.target.start}`} node={c} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}
