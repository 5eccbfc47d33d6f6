import type { Locale } from '@stagecraft/schema';
import { localize, resolvePermission } from '@stagecraft/schema';
import { useTranslation } from 'react-i18next';
import { useRuntime } from '../runtime/runtime-context.js';
import type { RelatedListView } from '../services/runtime-services.js';
import { RecordLink } from './RecordLink.js';

/**
 * The records of other entities that point at this one, one list per reference field, each with
 * "new … here" (a form that starts with the reference filled in) when the user may create them.
 */
export function RelatedLists({
  recordId,
  lists,
  locale,
}: {
  recordId: string;
  lists: RelatedListView[];
  locale: Locale;
}) {
  const { t } = useTranslation();
  const { app, links, session } = useRuntime();
  const roles = session.user?.roles ?? [];
  const perEntity = new Map<string, number>();
  for (const l of lists) perEntity.set(l.entity, (perEntity.get(l.entity) ?? 0) + 1);
  if (lists.length === 0) return <p className="sc-muted">{t('record.relatedNone')}</p>;
  return (
    <div className="sc-related">
      {lists.map((l) => {
        const entity = app.entities.find((e) => e.id === l.entity);
        const field = entity?.fields.find((f) => f.id === l.field);
        const machine = app.stageMachines.find((m) => m.entity === l.entity);
        const name = localize(entity?.label, locale);
        const heading =
          (perEntity.get(l.entity) ?? 0) > 1
            ? t('record.relatedOf', { entity: name, field: localize(field?.label, locale) })
            : name;
        const mayCreate = links && roles.length > 0 && resolvePermission(app, l.entity, roles).create;
        return (
          <section
            key={`${l.entity}.${l.field}`}
            className="sc-related-list"
            data-entity={l.entity}
            data-field={l.field}
          >
            <h3>
              {heading} <span className="sc-muted">{l.total}</span>
            </h3>
            {l.records.length > 0 && (
              <ul>
                {l.records.map((r) => (
                  <li key={r.id}>
                    <RecordLink entity={l.entity} id={r.id} locale={locale} />
                    {machine && r.stage && (
                      <span className="sc-badge">
                        {localize(machine.stages.find((s) => s.id === r.stage)?.label, locale)}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {l.total > l.records.length && (
              <p className="sc-muted">
                {t('record.relatedCount', { shown: l.records.length, total: l.total })}
              </p>
            )}
            {mayCreate && (
              <a className="sc-link" href={links.newRecord(l.entity, { [l.field]: recordId })}>
                + {t('record.newHere', { entity: name })}
              </a>
            )}
          </section>
        );
      })}
    </div>
  );
}
