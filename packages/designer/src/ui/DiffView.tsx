import { localize } from '@stagecraft/schema';
import type { AppDiff, TableChange } from '../publish/diff.js';
import { useDesigner } from './designer-context.js';

/** The publish diff: fields added/removed/changed, other documents, and the data impact of the dry run. */
export function DiffView({ diff, impact }: { diff: AppDiff; impact?: TableChange[] | null }) {
  const { t, locale } = useDesigner();
  return (
    <div className="sc-diff">
      <h4>{t('diffFields')}</h4>
      {diff.fields.length === 0 && diff.entities.added.length === 0 && diff.entities.removed.length === 0 ? (
        <p className="sc-muted">{t('nothingChanged')}</p>
      ) : (
        <ul>
          {diff.entities.added.map((e) => (
            <li key={`e+${e}`} className="sc-diff-added">
              + {e}
            </li>
          ))}
          {diff.entities.removed.map((e) => (
            <li key={`e-${e}`} className="sc-diff-removed">
              − {e}
            </li>
          ))}
          {diff.fields.map((f) => (
            <li
              key={`${f.entity}.${f.field}`}
              className={`sc-diff-${f.kind}`}
              data-diff={`${f.kind}:${f.entity}.${f.field}`}
            >
              {f.kind === 'added' ? '+' : f.kind === 'removed' ? '−' : '~'} {f.entity}.{f.field} (
              {localize(f.label, locale)}) — {t(f.kind)}
              {f.keys ? `: ${f.keys.join(', ')}` : ''}
            </li>
          ))}
        </ul>
      )}
      {diff.documents.length > 0 && (
        <>
          <h4>{t('documents')}</h4>
          <ul>
            {diff.documents.map((d) => (
              <li key={`${d.list}/${d.id}`}>
                {d.list}/{d.id} — {t(d.kind)}
              </li>
            ))}
          </ul>
        </>
      )}
      {impact !== undefined && <h4>{t('dataImpact')}</h4>}
      {impact === undefined ? null : impact === null ? (
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
    </div>
  );
}
