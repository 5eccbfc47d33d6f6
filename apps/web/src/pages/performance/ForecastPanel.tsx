import type { Locale } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useEffect, useState } from 'react';
import { accuracyPerRep } from './accuracy.js';
import { type AccuracyLine, performanceApi } from './performance-api.js';
import { usePerformanceText } from './usePerformanceText.js';

interface Row {
  period: string;
  category: string | null;
  deals: number;
  amount: number;
  weighted: number;
}

/**
 * The forecast page: the weighted, quality-adjusted pipeline by close month and category, and
 * accuracy per rep over the past snapshots (with the lines behind it).
 */
export function ForecastPanel({ app }: { app: string }) {
  const { t, language, money, percent } = usePerformanceText();
  const [forecasts, setForecasts] = useState<{ id: string; label?: Record<string, string> }[] | null>(null);
  const [id, setId] = useState('');
  const [rows, setRows] = useState<Row[] | null>(null);
  const [lines, setLines] = useState<AccuracyLine[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void performanceApi.documents(app).then((r) => {
      if (!r.ok) return setError(r.error.message);
      const list = r.value.forecasts as { id: string; label?: Record<string, string> }[];
      setForecasts(list);
      setId(list[0]?.id ?? '');
    });
  }, [app]);
  useEffect(() => {
    if (!id) return;
    setRows(null);
    setLines(null);
    void performanceApi.forecast(app, id, false).then((r) => {
      if (r.ok) setRows(r.value.rows as unknown as Row[]);
      else setError(r.error.message);
    });
    void performanceApi.accuracy(app, id).then((r) => {
      if (r.ok) setLines(r.value.rows as unknown as AccuracyLine[]);
      else setError(r.error.message);
    });
  }, [app, id]);

  if (error) return <p className="sc-banner sc-banner-error">{t('failed', { message: error })}</p>;
  if (forecasts === null) return <p className="sc-state">{t('loading')}</p>;
  if (forecasts.length === 0) return <p className="sc-state">{t('none')}</p>;
  const month = (d: string) =>
    new Date(`${d}T00:00:00Z`).toLocaleDateString(language, {
      year: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    });
  const reps = lines ? accuracyPerRep(lines) : null;
  return (
    <div className="forecast-panel">
      {forecasts.length > 1 && (
        <select value={id} onChange={(e) => setId(e.target.value)} aria-label={t('forecast')}>
          {forecasts.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label ? localize(f.label, language as Locale) : f.id}
            </option>
          ))}
        </select>
      )}
      <section aria-labelledby="accuracy-title">
        <h2 id="accuracy-title">{t('accuracy')}</h2>
        <p className="sc-muted">{t('accuracyIntro')}</p>
        {reps === null ? (
          <p className="sc-state">{t('loading')}</p>
        ) : reps.length === 0 ? (
          <p className="sc-state">{t('noSnapshots')}</p>
        ) : (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take the keyboard
          <section className="heatmap-scroll" tabIndex={0} aria-labelledby="accuracy-title">
            <table className="perf-table" data-testid="accuracy-per-rep">
              <thead>
                <tr>
                  <th scope="col">{t('rep')}</th>
                  <th scope="col">{t('average')}</th>
                  <th scope="col">{t('snapshots')}</th>
                  <th scope="col">{t('latest')}</th>
                </tr>
              </thead>
              <tbody>
                {reps.map((r) => (
                  <tr key={r.owner}>
                    <th scope="row">{r.name}</th>
                    <td data-testid="rep-accuracy">{percent(r.average)}</td>
                    <td>{r.snapshots}</td>
                    <td>{r.latest}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>
      <section aria-labelledby="pipeline-title">
        <h2 id="pipeline-title">{t('pipeline')}</h2>
        <p className="sc-muted">{t('pipelineIntro')}</p>
        {rows === null ? (
          <p className="sc-state">{t('loading')}</p>
        ) : (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take the keyboard
          <section className="heatmap-scroll" tabIndex={0} aria-labelledby="pipeline-title">
            <table className="perf-table" data-testid="weighted-pipeline">
              <thead>
                <tr>
                  <th scope="col">{t('period')}</th>
                  <th scope="col">{t('category')}</th>
                  <th scope="col">{t('deals')}</th>
                  <th scope="col">{t('amount')}</th>
                  <th scope="col">{t('weighted')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.period}-${r.category}`}>
                    <td>{r.period ? month(r.period) : '—'}</td>
                    <td>{r.category ? t(`cat_${r.category}`) : '—'}</td>
                    <td>{r.deals}</td>
                    <td>{money(r.amount)}</td>
                    <td>{money(r.weighted)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>
    </div>
  );
}
