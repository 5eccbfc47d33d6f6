import { formatNumber } from '@stagecraft/renderer';
import type { ImportRowError } from './import-issues.js';
import { useTransferText } from './useTransferText.js';

/** A refused import: every shown problem at its spreadsheet line and column, and that nothing was saved. */
export function ImportErrors({ errors, total }: { errors: ImportRowError[]; total: number }) {
  const { t, locale } = useTransferText();
  const n = (v: number) => formatNumber(v, locale);
  return (
    <section className="io-errors" data-testid="import-errors">
      <p className="sc-banner sc-banner-error" role="alert">
        {t('transfer.invalid', { count: total, n: n(total) })}
      </p>
      {total > errors.length && (
        <p className="sc-help">{t('transfer.errorsShown', { shown: n(errors.length), total: n(total) })}</p>
      )}
      <div className="io-scroll">
        <table className="io-table">
          <thead>
            <tr>
              <th scope="col">{t('transfer.line')}</th>
              <th scope="col">{t('transfer.column')}</th>
              <th scope="col">{t('transfer.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one line may carry several problems in the same column
              <tr key={i} data-line={e.line ?? ''}>
                <td className="sc-num">{e.line ?? '—'}</td>
                <td>{e.column || '—'}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
