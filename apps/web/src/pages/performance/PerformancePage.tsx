import { href } from '../../shell/route.js';
import { ForecastPanel } from './ForecastPanel.js';
import { GoalsPanel } from './GoalsPanel.js';
import { ScorecardPanel } from './ScorecardPanel.js';
import { usePerformanceText } from './usePerformanceText.js';
import './performance.css';

/** The tabs of the performance page. */
export type PerformanceTab = 'goals' | 'forecast' | 'scorecards';
const TABS: PerformanceTab[] = ['goals', 'forecast', 'scorecards'];

/** Goals, forecast and KPI scorecards of an app as one page with a tab each, scoped like every read. */
export function PerformancePage({ app, tab }: { app: string; tab: PerformanceTab }) {
  const { t } = usePerformanceText();
  return (
    <section className="performance-page" aria-labelledby="performance-title">
      <h1 id="performance-title">{t(tab)}</h1>
      <nav className="perf-tabs" aria-label={t(tab)}>
        {TABS.map((x) => (
          <a
            key={x}
            href={href({ page: 'performance', app, tab: x })}
            aria-current={x === tab ? 'page' : undefined}
          >
            {t(x)}
          </a>
        ))}
      </nav>
      {tab === 'goals' ? (
        <GoalsPanel app={app} />
      ) : tab === 'forecast' ? (
        <ForecastPanel app={app} />
      ) : (
        <ScorecardPanel app={app} />
      )}
    </section>
  );
}
