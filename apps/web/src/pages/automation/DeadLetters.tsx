import { useState } from 'react';
import { recordLink } from '../InboxApi.js';
import { actionOfKey, automationApi, jobTarget, type QueueJob } from './automation-api.js';
import type { AutomationCatalog } from './useAutomationCatalog.js';
import { useAutomationText } from './useAutomationText.js';

/** Dead jobs with their last error and a Retry button that queues them again with fresh attempts. */
export function DeadLetters({
  jobs,
  onRetried,
  catalog,
}: {
  jobs: QueueJob[];
  onRetried(): void;
  catalog: AutomationCatalog;
}) {
  const { t, locale } = useAutomationText();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const retry = async (id: number) => {
    setBusy(id);
    const res = await automationApi.retry(id);
    setBusy(null);
    setMessage(res.ok ? t('retried') : t('retryFailed', { message: res.error.message }));
    if (res.ok) onRetried();
  };
  return (
    <>
      {message && (
        <p className="auto-message" role="status">
          {message}
        </p>
      )}
      {jobs.length === 0 ? (
        <p className="sc-muted">{t('noDead')}</p>
      ) : (
        <div className="auto-table-wrap">
          <table className="auto-table" data-testid="automation-dead">
            <thead>
              <tr>
                <th scope="col">{t('job')}</th>
                <th scope="col">{t('record')}</th>
                <th scope="col">{t('attempt')}</th>
                <th scope="col">{t('lastError')}</th>
                <th scope="col">{t('time')}</th>
                <th scope="col">
                  <span className="sc-visually-hidden">{t('retry')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => {
                const target = jobTarget(job);
                const link = recordLink(target.app ?? null, target.entity ?? null, target.recordId ?? null);
                return (
                  <tr key={job.id}>
                    <td>
                      {target.automation ? catalog.label(target.app, target.automation) : job.kind}
                      {' · '}
                      <code>{target.action ?? actionOfKey(job.key)}</code>
                    </td>
                    <td>
                      {link ? (
                        <a href={link}>
                          {catalog.entityLabel(target.app ?? '', target.entity ?? '')} · {t('open')}
                        </a>
                      ) : (
                        <span className="sc-muted">—</span>
                      )}
                    </td>
                    <td>
                      {job.attempts} / {job.maxAttempts}
                    </td>
                    <td className="auto-error">{job.lastError ?? ''}</td>
                    <td className="auto-nowrap">
                      {new Date(job.finishedAt ?? job.runAt).toLocaleString(locale)}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="sc-button"
                        disabled={busy === job.id}
                        onClick={() => void retry(job.id)}
                      >
                        {t('retry')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
