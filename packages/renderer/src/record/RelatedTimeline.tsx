import type { Locale } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format/format-value.js';
import { useRuntime } from '../runtime/runtime-context.js';
import type { RelatedActivityView } from '../services/runtime-services.js';
import { useWantTitles } from '../titles/useTitle.js';
import { RecordLink } from './RecordLink.js';
import { UserName } from './UserName.js';

/**
 * One merged timeline of a record and the records that point at it (the 360° view): each entry
 * names its record (linked), who did it and when, and what happened (created, moved, fields updated).
 */
export function RelatedTimeline({ timeline, locale }: { timeline: RelatedActivityView[]; locale: Locale }) {
  const { t } = useTranslation();
  const { app } = useRuntime();
  const refs = useMemo(
    () => [
      ...timeline.map((a) => ({ kind: 'reference' as const, entity: a.entity, id: a.recordId })),
      ...timeline.filter((a) => a.actor).map((a) => ({ kind: 'user' as const, id: a.actor as string })),
    ],
    [timeline],
  );
  useWantTitles(refs, locale);
  if (timeline.length === 0) return <p className="sc-muted">{t('record.activityNone')}</p>;
  return (
    <ol className="sc-timeline sc-related-timeline">
      {timeline.map((a) => {
        const entity = app.entities.find((e) => e.id === a.entity);
        const machine = app.stageMachines.find((m) => m.entity === a.entity);
        const stageLabel = (id: unknown) =>
          typeof id === 'string'
            ? localize(machine?.stages.find((s) => s.id === id)?.label, locale) || '—'
            : '—';
        const stage = a.changes.stage;
        const text =
          a.action === 'transition' && stage
            ? t('record.movedTo', { from: stageLabel(stage.from), to: stageLabel(stage.to) })
            : t(
                a.action === 'create'
                  ? 'record.created'
                  : a.action === 'delete'
                    ? 'record.deleted'
                    : 'record.updated',
              );
        const fields =
          a.action === 'update'
            ? Object.keys(a.changes)
                .map((k) => entity?.fields.find((f) => f.id === k))
                .filter((f) => f !== undefined)
                .map((f) => localize(f.label, locale))
            : [];
        return (
          <li key={`${a.entity}:${a.id}`} data-entity={a.entity}>
            <time dateTime={a.at}>{formatDateTime(a.at, locale)}</time>{' '}
            <UserName id={a.actor} locale={locale} />
            <div>
              <span className="sc-badge">{localize(entity?.label, locale)}</span>{' '}
              <RecordLink entity={a.entity} id={a.recordId} locale={locale} /> · {text}
              {fields.length > 0 && (
                <span className="sc-muted"> ({fields.join(locale === 'zh-CN' ? '、' : ', ')})</span>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
