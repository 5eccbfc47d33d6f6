import { type Locale, localize } from '@stagecraft/schema';
import { useEffect, useMemo, useState } from 'react';
import { useRuntime } from '../runtime/runtime-context.js';
import type { RecordData, RecordQuery } from '../services/runtime-services.js';
import { RecordTitle } from '../titles/RecordTitle.js';
import { titleRefsOf } from '../titles/title-refs.js';
import { useWantTitles } from '../titles/useTitle.js';
import { dashText } from './dashboard-messages.js';
import type { DashboardServices } from './dashboard-services.js';

/** The records behind a clicked point (its filter and reached stage), listed with links to their pages. */
export function DrillRecords({
  services,
  entity,
  query,
  locale,
  recordHref,
  onClose,
}: {
  services: DashboardServices;
  entity: string;
  query: RecordQuery;
  locale: Locale;
  recordHref: (entity: string, id: string) => string;
  onClose: () => void;
}) {
  const { app } = useRuntime();
  const [result, setResult] = useState<{ records: RecordData[]; total: number } | string | null>(null);
  useEffect(() => {
    setResult(null);
    void services
      .listRecords(entity, { ...query, limit: 100 })
      .then((r) => setResult(r.ok ? r.value : r.error.message));
  }, [services, entity, query]);
  const def = app.entities.find((e) => e.id === entity);
  const refs = useMemo(
    () => titleRefsOf(app, entity, result && typeof result !== 'string' ? result.records : [], []),
    [app, entity, result],
  );
  useWantTitles(refs, locale);
  const stages = new Map(
    app.stageMachines.filter((m) => m.entity === entity).flatMap((m) => m.stages.map((s) => [s.id, s.label])),
  );
  return (
    <section className="sc-card sc-drill-records" aria-label={dashText(locale, 'records')}>
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <h3>
          {dashText(locale, 'records')} · {def ? localize(def.label, locale) : entity}
        </h3>
        <button type="button" className="sc-button" onClick={onClose}>
          {dashText(locale, 'close')}
        </button>
      </header>
      {result === null ? (
        <p className="sc-state">{dashText(locale, 'loading')}</p>
      ) : typeof result === 'string' ? (
        <p className="sc-state sc-state-error">{dashText(locale, 'failed', { message: result })}</p>
      ) : (
        <>
          <p className="sc-muted">{dashText(locale, 'total', { count: result.total })}</p>
          <ul className="sc-drill-list">
            {result.records.map((r) => (
              <li key={r.id}>
                <a href={recordHref(entity, r.id)}>
                  {def ? <RecordTitle entity={def} record={r} locale={locale} /> : null}
                </a>
                {r.stage && (
                  <span className="sc-muted">
                    {' '}
                    · {localize(stages.get(r.stage) ?? { en: r.stage }, locale)}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
