import type { TableChange } from '../publish/diff.js';
import { useDesigner } from './designer-context.js';

/** The data impact of a publish or rollback (the server's dry run); null while it is computed. */
export function ImpactList({ impact }: { impact: TableChange[] | null }) {
  const { t, locale } = useDesigner();
  return (
    <>
      <h4>{t('dataImpact')}</h4>
      {impact === null ? (
        <p className="sc-muted">…</p>
      ) : impact.length === 0 ? (
        <p className="sc-muted">{t('noDataImpact')}</p>
      ) : (
        <ul className="sc-impact">
          {impact.map((c) => (
            <li key={`${c.kind}:${c.entity}.${c.field ?? ''}`} className={`sc-impact-${c.kind}`}>
              {c.kind === 'archive_column'
                ? t('archiveImpact', {
                    f: `${c.entity}.${c.field}`,
                    n: new Intl.NumberFormat(locale).format(c.values ?? 0),
                  })
                : c.kind === 'add_column'
                  ? t('addColumn', { f: `${c.entity}.${c.field}` })
                  : c.kind === 'create_table'
                    ? t('createTable', { e: c.entity })
                    : c.kind === 'convert_column'
                      ? t('convertColumn', { f: `${c.entity}.${c.field}` })
                      : t('restoreColumn', { f: `${c.entity}.${c.field}` })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
