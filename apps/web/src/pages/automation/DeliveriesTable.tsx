import { actionOfKey, automationOfKey, type WebhookDelivery } from './automation-api.js';
import { useAutomationText } from './useAutomationText.js';

/** Every webhook attempt: URL, attempt number, HTTP status or network error, duration, time. */
export function DeliveriesTable({
  deliveries,
  label,
}: {
  deliveries: WebhookDelivery[];
  /** The automation's label in the UI language (the app is not known from a delivery). */
  label(app: undefined, id: string): string;
}) {
  const { t, locale } = useAutomationText();
  if (deliveries.length === 0) return <p className="sc-muted">{t('noDeliveries')}</p>;
  return (
    <div className="auto-table-wrap">
      <table className="auto-table" data-testid="automation-deliveries">
        <thead>
          <tr>
            <th scope="col">{t('time')}</th>
            <th scope="col">{t('job')}</th>
            <th scope="col">{t('url')}</th>
            <th scope="col">{t('attempt')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('duration')}</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => {
            const ok = d.status !== null && d.status >= 200 && d.status < 300;
            return (
              <tr key={d.id}>
                <td className="auto-nowrap">{new Date(d.at).toLocaleString(locale)}</td>
                <td>
                  {label(undefined, automationOfKey(d.jobKey))} · <code>{actionOfKey(d.jobKey)}</code>
                </td>
                <td className="auto-url">{d.url}</td>
                <td>{d.attempt}</td>
                <td>
                  <span className={`auto-badge ${ok ? 'auto-badge-done' : 'auto-badge-dead'}`}>
                    {d.status ?? '—'}
                  </span>
                  {d.error && d.error !== `HTTP ${d.status}` && <div className="auto-error">{d.error}</div>}
                </td>
                <td>{d.durationMs} ms</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
