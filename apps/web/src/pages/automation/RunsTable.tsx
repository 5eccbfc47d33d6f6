import { recordLink } from '../InboxApi.js';
import { type AutomationRun, actionOfKey } from './automation-api.js';
import { StatusBadge } from './StatusBadge.js';
import { useAutomationText } from './useAutomationText.js';

/** The run log: one row per firing with its trigger, record, condition result, actions and error. */
export function RunsTable({
  runs,
  label,
  entityLabel,
}: {
  runs: AutomationRun[];
  /** The automation's label in the UI language. */
  label(app: string, id: string): string;
  /** The entity's label in the UI language. */
  entityLabel(app: string, id: string): string;
}) {
  const { t, locale } = useAutomationText();
  if (runs.length === 0) return <p className="sc-muted">{t('noRuns')}</p>;
  const condition = (c: boolean | null) =>
    c === null ? t('conditionError') : c ? t('conditionTrue') : t('conditionFalse');
  return (
    <div className="auto-table-wrap">
      <table className="auto-table" data-testid="automation-runs">
        <thead>
          <tr>
            <th scope="col">{t('time')}</th>
            <th scope="col">{t('automation')}</th>
            <th scope="col">{t('trigger')}</th>
            <th scope="col">{t('record')}</th>
            <th scope="col">{t('condition')}</th>
            <th scope="col">{t('actions')}</th>
            <th scope="col">{t('error')}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const link = recordLink(run.appId, run.entityId, run.recordId);
            return (
              <tr key={run.id}>
                <td className="auto-nowrap">{new Date(run.at).toLocaleString(locale)}</td>
                <td>
                  {label(run.appId, run.automationId)}
                  <div className="sc-muted">
                    <code>{run.automationId}</code>
                  </div>
                </td>
                <td>{t(`trigger_${run.trigger}`)}</td>
                <td>
                  {link ? (
                    <a href={link}>
                      {entityLabel(run.appId, run.entityId)} · {t('open')}
                    </a>
                  ) : (
                    <span className="sc-muted">—</span>
                  )}
                </td>
                <td>
                  <span className={`auto-cond auto-cond-${String(run.condition)}`}>
                    {condition(run.condition)}
                  </span>
                </td>
                <td>
                  {run.actions.length === 0 ? (
                    <span className="sc-muted">—</span>
                  ) : (
                    <ul className="auto-actions">
                      {run.actions.map((a) => (
                        <li key={a.key}>
                          <code>{actionOfKey(a.key)}</code> <StatusBadge status={a.status} />{' '}
                          <span className="sc-muted">{t('attempts', { count: a.attempts })}</span>
                          {a.lastError && <div className="auto-error">{a.lastError}</div>}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="auto-error">{run.error ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
