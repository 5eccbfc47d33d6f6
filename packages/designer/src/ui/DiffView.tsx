import { localize } from '@stagecraft/schema';
import type { AppDiff, TableChange } from '../publish/diff.js';
import { useDesigner } from './designer-context.js';
import { ImpactList } from './ImpactList.js';

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
      {impact !== undefined && <ImpactList impact={impact} />}
    </div>
  );
}
