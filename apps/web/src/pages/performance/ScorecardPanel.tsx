import { useRuntime } from '@stagecraft/renderer';
import type { Locale } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useEffect, useState } from 'react';
import { performanceApi, type ScoreLine } from './performance-api.js';
import { usePerformanceText } from './usePerformanceText.js';

interface Card {
  id: string;
  label: Record<string, string>;
  role: string;
  metrics: { id: string; label: Record<string, string>; kind: string; weight: number }[];
}

/** KPI scorecards: per role, the weighted result, process and compliance metrics of each rep, named. */
export function ScorecardPanel({ app }: { app: string }) {
  const { t, language, money } = usePerformanceText();
  const [cards, setCards] = useState<Card[] | null>(null);
  const [lines, setLines] = useState<Record<string, ScoreLine[]>>({});
  const [error, setError] = useState<string | null>(null);
  const label = (v: Record<string, string>) => localize(v, language as Locale);
  const { app: published } = useRuntime();
  // The role by the app's own name for it (the pack relabels the built-in ones too), its id only if none.
  const roleName = (id: string) => {
    const role = published.roles.find((r) => r.id === id);
    return role ? label(role.label) : id;
  };

  useEffect(() => {
    void performanceApi.documents(app).then(async (r) => {
      if (!r.ok) return setError(r.error.message);
      const list = r.value.scorecards as Card[];
      setCards(list);
      for (const card of list) {
        const s = await performanceApi.scorecard(app, card.id);
        if (s.ok) setLines((old) => ({ ...old, [card.id]: s.value.lines as ScoreLine[] }));
        else setError(s.error.message);
      }
    });
  }, [app]);

  if (error) return <p className="sc-banner sc-banner-error">{t('failed', { message: error })}</p>;
  if (cards === null) return <p className="sc-state">{t('loading')}</p>;
  if (cards.length === 0) return <p className="sc-state">{t('none')}</p>;
  return (
    <div className="scorecard-panel">
      <p className="sc-muted">{t('scoreIntro')}</p>
      {cards.map((card) => (
        <section key={card.id} aria-labelledby={`card-${card.id}`}>
          <h2 id={`card-${card.id}`}>{label(card.label)}</h2>
          <p className="sc-muted">{t('role', { role: roleName(card.role) })}</p>
          <ul className="score-weights">
            {card.metrics.map((m) => (
              <li key={m.id}>
                <span className={`kind kind-${m.kind}`}>{t(`kind_${m.kind}`)}</span> {label(m.label)} ·{' '}
                {t('weight', { weight: m.weight })}
              </li>
            ))}
          </ul>
          {!lines[card.id] ? (
            <p className="sc-state">{t('loading')}</p>
          ) : lines[card.id]?.length === 0 ? (
            <p className="sc-state">{t('noReps')}</p>
          ) : (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take the keyboard
            <section className="heatmap-scroll" tabIndex={0} aria-labelledby={`card-${card.id}`}>
              <table className="perf-table" data-testid="scorecard-lines">
                <thead>
                  <tr>
                    <th scope="col">{t('rank')}</th>
                    <th scope="col">{t('rep')}</th>
                    <th scope="col">{t('score')}</th>
                    {card.metrics.map((m) => (
                      <th key={m.id} scope="col">
                        {label(m.label)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {lines[card.id]?.map((l) => (
                    <tr key={l.owner}>
                      <td>{l.rank}</td>
                      <th scope="row">{l.ownerName}</th>
                      <td>{Math.round(l.score * 10) / 10}</td>
                      {l.metrics.map((m) => (
                        <td key={m.id}>
                          {m.value === null ? '—' : money(m.value)} ({t('points', { points: m.points })})
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </section>
      ))}
    </div>
  );
}
