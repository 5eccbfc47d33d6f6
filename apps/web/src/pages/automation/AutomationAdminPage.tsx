import { useCallback, useEffect, useState } from 'react';
import './automation-admin.css';
import {
  type AutomationRun,
  automationApi,
  type QueueJob,
  type RunFilter,
  type WebhookDelivery,
} from './automation-api.js';
import { DeadLetters } from './DeadLetters.js';
import { DeliveriesTable } from './DeliveriesTable.js';
import { RunFilters } from './RunFilters.js';
import { RunsTable } from './RunsTable.js';
import { useAutomationCatalog } from './useAutomationCatalog.js';
import { useAutomationText } from './useAutomationText.js';

interface Loaded {
  runs: AutomationRun[];
  dead: QueueJob[];
  deliveries: WebhookDelivery[];
}

/** Admin view of the automation runner: the run log, the dead letters (retry) and webhook deliveries. */
export function AutomationAdminPage() {
  const { t, locale } = useAutomationText();
  const catalog = useAutomationCatalog(locale);
  const [filter, setFilter] = useState<RunFilter>({});
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const [runs, dead, deliveries] = await Promise.all([
      automationApi.runs(filter),
      automationApi.dead(),
      automationApi.deliveries(),
    ]);
    const failed = [runs, dead, deliveries].find((r) => !r.ok);
    if (failed && !failed.ok) {
      setError(failed.error.message);
      return;
    }
    if (runs.ok && dead.ok && deliveries.ok)
      setData({ runs: runs.value.runs, dead: dead.value.jobs, deliveries: deliveries.value.deliveries });
  }, [filter]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="auto-admin" aria-labelledby="auto-admin-title">
      <div className="auto-head">
        <h1 id="auto-admin-title">{t('title')}</h1>
        <button type="button" className="sc-button" onClick={() => void load()}>
          {t('refresh')}
        </button>
      </div>
      <p className="sc-muted">{t('intro')}</p>
      {error && <p className="sc-state sc-state-error">{t('loadFailed', { message: error })}</p>}
      {data && (
        <>
          <h2>
            {t('deadLetters')} <span className="auto-count">{data.dead.length}</span>
          </h2>
          <DeadLetters jobs={data.dead} onRetried={() => void load()} catalog={catalog} />
          <h2>
            {t('runs')} <span className="auto-count">{data.runs.length}</span>
          </h2>
          <RunFilters catalog={catalog} filter={filter} onChange={setFilter} />
          <RunsTable runs={data.runs} label={catalog.label} entityLabel={catalog.entityLabel} />
          <h2>
            {t('deliveries')} <span className="auto-count">{data.deliveries.length}</span>
          </h2>
          <DeliveriesTable deliveries={data.deliveries} label={catalog.label} />
        </>
      )}
    </section>
  );
}
