import { formatNumber } from '@stagecraft/renderer';
import type { Entity } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from './transfer-api.js';
import { useTransferText } from './useTransferText.js';

/** The first rows as the server read them (mapped columns only), so garbled text shows before importing. */
function SampleRows({
  report,
  caption,
  lineLabel,
}: {
  report: ImportReport;
  caption: string;
  lineLabel: string;
}) {
  const shown = report.columns.flatMap((c, i) => (c.field !== null ? [{ header: c.header, i }] : []));
  return (
    <div className="io-sample" data-testid="import-sample">
      <table className="io-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{lineLabel}</th>
            {shown.map((c) => (
              <th key={c.header} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(report.sample ?? []).map((row) => (
            <tr key={row.line}>
              <td>{row.line}</td>
              {shown.map((c) => (
                <td key={c.header}>{row.cells[c.i] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What the server read from a file: how many rows, which column went to which field, what it ignored. */
export function ImportSummary({ report, entity }: { report: ImportReport; entity: Entity }) {
  const { t, locale } = useTransferText();
  const { i18n } = useTranslation();
  const mapped = report.columns.filter((c) => c.field !== null);
  // An entity field by its label; a system column (an admin's owner column) by the renderer's name for it.
  const label = (field: string) => {
    const f = entity.fields.find((x) => x.id === field);
    if (f) return localize(f.label, locale);
    return i18n.exists(`system.${field}`) ? t(`system.${field}`) : field;
  };
  return (
    <section className="io-summary" data-testid="import-summary">
      <p className="io-rows">
        <strong>
          {t('transfer.rowsFound', { count: report.rows, n: formatNumber(report.rows, locale) })}
        </strong>
        {/* What an upsert would do: rows matching a record update it, the others add one (when
            the dry run counted them: a server may leave both at 0 until the real import). */}
        {report.dryRun &&
          report.mode === 'upsert' &&
          report.rows > 0 &&
          report.created + report.updated === report.rows && (
            <span className="io-counts" data-testid="import-counts">
              {' '}
              {t('transfer.willWrite', {
                created: formatNumber(report.created, locale),
                updated: formatNumber(report.updated, locale),
              })}
            </span>
          )}
      </p>
      {mapped.length > 0 && (
        <table className="io-table io-mapping">
          <thead>
            <tr>
              <th scope="col">{t('transfer.header')}</th>
              <th scope="col">{t('transfer.field')}</th>
            </tr>
          </thead>
          <tbody>
            {mapped.map((c) => (
              <tr key={c.header} data-field={c.field}>
                <td>{c.header}</td>
                <td>
                  <span aria-hidden="true">→ </span>
                  {label(c.field as string)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.sample && report.sample.length > 0 && mapped.length > 0 && (
        <SampleRows report={report} caption={t('transfer.sample')} lineLabel={t('transfer.line')} />
      )}
      {report.ignoredColumns.length > 0 && (
        <p className="io-ignored" data-testid="import-ignored">
          {t('transfer.ignored')}{' '}
          {report.ignoredColumns.map((h) => (
            <span key={h} className="io-chip">
              {h}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
