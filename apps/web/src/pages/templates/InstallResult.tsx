import type { ApiError } from '@stagecraft/renderer';
import type { Locale } from '@stagecraft/schema';
import type { InstallConflict, InstallReport } from './templates-api.js';
import { useTemplateText } from './useTemplateText.js';

/** A conflict value for people: a localized text in the UI language, anything else as short JSON. */
export function conflictValue(value: unknown, locale: Locale): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const text = (value as Record<string, unknown>)[locale];
    if (typeof text === 'string') return text;
  }
  const json = JSON.stringify(value);
  return json.length > 120 ? `${json.slice(0, 117)}…` : json;
}

/** What an install or upgrade did, or why it failed; announced to screen readers. */
export function InstallResult({ report, error }: { report?: InstallReport; error?: ApiError }) {
  const { t, locale } = useTemplateText();
  if (error)
    return (
      <div className="tpl-result tpl-result-error" role="alert">
        <p>{t('templates.result.failed', { message: error.message })}</p>
        {error.details.length > 0 && (
          <ul>
            {error.details.map((d) => (
              <li key={`${d.path}:${d.message}`}>
                <code>{d.path || '/'}</code> {d.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  if (!report) return null;
  const values = {
    version: report.version,
    appVersion: report.appVersion ?? '—',
    from: report.fromVersion ?? '—',
  };
  const records = report.demo ? Object.values(report.demo.records).reduce((a, b) => a + b, 0) : 0;
  return (
    <div className={`tpl-result tpl-result-${report.status}`} role="status" data-status={report.status}>
      <p>{t(`templates.result.${report.status}`, values)}</p>
      {report.demo && (
        <p>
          {t('templates.result.demo', { records: records.toLocaleString(locale), users: report.demo.users })}
        </p>
      )}
      {report.status === 'upgraded' &&
        (report.conflicts.length === 0 ? (
          <p>{t('templates.result.noConflicts')}</p>
        ) : (
          <Conflicts conflicts={report.conflicts} />
        ))}
    </div>
  );
}

function Conflicts({ conflicts }: { conflicts: InstallConflict[] }) {
  const { t, locale } = useTemplateText();
  return (
    <>
      <p>{t('templates.result.conflicts', { n: conflicts.length })}</p>
      <table className="tpl-conflicts">
        <thead>
          <tr>
            <th scope="col">{t('templates.conflict.path')}</th>
            <th scope="col">{t('templates.conflict.reason')}</th>
            <th scope="col">{t('templates.conflict.template')}</th>
            <th scope="col">{t('templates.conflict.current')}</th>
          </tr>
        </thead>
        <tbody>
          {conflicts.map((c) => (
            <tr key={c.path}>
              <td>
                <code>{c.path}</code>
              </td>
              <td>{t(`templates.conflict.${c.reason}`)}</td>
              <td>{conflictValue(c.template, locale)}</td>
              <td>{conflictValue(c.current, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
