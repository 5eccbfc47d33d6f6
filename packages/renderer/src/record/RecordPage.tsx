import type { Form, Locale } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isEmptyValue } from '../fields/check-value.js';
import { FormRenderer } from '../form/FormRenderer.js';
import { useRuntime } from '../runtime/runtime-context.js';
import type { FileRef } from '../services/runtime-services.js';
import { RecordTitle } from '../titles/RecordTitle.js';
import { TransitionDialog } from '../transition/TransitionDialog.js';
import { TransitionPanel } from '../transition/TransitionPanel.js';
import { RelatedLists } from './RelatedLists.js';
import { RelatedTimeline } from './RelatedTimeline.js';
import { StagePathBar } from './StagePathBar.js';
import { Timeline } from './Timeline.js';
import { useEvidenceFiles } from './useEvidenceFiles.js';
import { useRecordDetails } from './useRecordDetails.js';
import { useRelated } from './useRelated.js';

interface Props {
  entityId: string;
  recordId: string;
  /** The form used by "Edit"; without one the page is read-only. */
  form?: Form;
}

/**
 * One record: stage path with key fields and guidance, the transitions (blocked ones explained),
 * the transition dialog, the field values, attachments and the timeline.
 */
export function RecordPage({ entityId, recordId, form }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { app, registry } = useRuntime();
  const entity = app.entities.find((e) => e.id === entityId);
  const machine = app.stageMachines.find((m) => m.entity === entityId);
  const details = useRecordDetails(entityId, recordId, Boolean(machine));
  const evidence = useEvidenceFiles(details.history);
  const { related, reload: reloadRelated } = useRelated(entityId, recordId);
  // A record other entities point at (a customer) gets related lists and the merged 360° timeline.
  const referenced = app.entities.some((e) =>
    e.fields.some((f) => f.type === 'reference' && f.entity === entityId),
  );
  const [editing, setEditing] = useState(false);
  const [running, setRunning] = useState<string | null>(null);
  const { record } = details;

  if (!entity) return null;
  if (details.error)
    return (
      <p className="sc-state sc-state-error">
        {details.error.status === 404 ? t('record.notFound') : details.error.message}
      </p>
    );
  if (!record) return <p className="sc-state">{t('list.loading')}</p>;
  const transition = machine?.transitions.find((x) => x.id === running);
  const files = [
    ...entity.fields.flatMap((f) =>
      (f.type === 'attachment' || f.type === 'image') && Array.isArray(record[f.id])
        ? (record[f.id] as FileRef[]).map((file) => ({ file, label: localize(f.label, locale) }))
        : [],
    ),
    ...evidence.map((e) => {
      const req = machine?.transitions
        .find((x) => x.id === e.transitionId)
        ?.evidence?.find((r) => r.id === e.requirement);
      return { file: e.file, label: req ? localize(req.label, locale) : e.requirement };
    }),
  ];

  return (
    <article className="sc-record">
      <header className="sc-record-head">
        <h1>
          <RecordTitle entity={entity} record={record} locale={locale} />
        </h1>
        <span className="sc-muted">{localize(entity.label, locale)}</span>
        {form && !editing && (
          <button type="button" className="sc-button" onClick={() => setEditing(true)}>
            {t('record.edit')}
          </button>
        )}
      </header>
      {machine && (
        <StagePathBar machine={machine} entity={entity} record={record} locale={locale} sla={details.sla} />
      )}
      {machine && (
        <section className="sc-card">
          <h2>{t('record.transitions')}</h2>
          <TransitionPanel
            machine={machine}
            options={details.transitions}
            onPick={(o) => setRunning(o.id)}
            locale={locale}
          />
        </section>
      )}
      <div className="sc-record-body">
        <div className="sc-record-main">
          <section className="sc-card">
            <h2>{t('record.details')}</h2>
            {editing && form ? (
              <FormRenderer
                form={form}
                entity={entity}
                record={record}
                onSaved={() => {
                  setEditing(false);
                  details.reload();
                  reloadRelated();
                }}
                onCancel={() => setEditing(false)}
              />
            ) : (
              <dl className="sc-details">
                {entity.fields.map((f) => {
                  const Display = registry.field(f.type)?.display;
                  return (
                    <div key={f.id} className="sc-detail">
                      <dt>{localize(f.label, locale)}</dt>
                      <dd>
                        {isEmptyValue(record[f.id]) ? (
                          <span className="sc-muted" title={t('record.noValue')}>
                            —<span className="sc-visually-hidden">{t('record.noValue')}</span>
                          </span>
                        ) : Display ? (
                          <Display field={f} value={record[f.id]} locale={locale} />
                        ) : (
                          String(record[f.id] ?? '')
                        )}
                      </dd>
                    </div>
                  );
                })}
              </dl>
            )}
          </section>
          {referenced && (
            <section className="sc-card sc-related-card">
              <h2>{t('record.related')}</h2>
              {related ? (
                <RelatedLists recordId={record.id} lists={related.lists} locale={locale} />
              ) : (
                <p className="sc-state">{t('list.loading')}</p>
              )}
            </section>
          )}
        </div>
        <aside className="sc-record-side">
          <section className="sc-card">
            <h2>{t('record.attachments')}</h2>
            {files.length === 0 ? (
              <p className="sc-muted">{t('record.noAttachments')}</p>
            ) : (
              <ul className="sc-file-list">
                {files.map(({ file, label }) => (
                  <li key={`${label}:${file.id}`}>
                    {file.url ? <a href={file.url}>{file.name}</a> : file.name}{' '}
                    <span className="sc-muted">{label}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {referenced && related && (
            <section className="sc-card sc-activity-card">
              <h2>{t('record.activity')}</h2>
              <RelatedTimeline timeline={related.timeline} locale={locale} />
            </section>
          )}
          <section className="sc-card">
            <h2>{t('record.timeline')}</h2>
            <Timeline
              entity={entity}
              machine={machine}
              history={details.history}
              audit={details.audit}
              locale={locale}
            />
          </section>
        </aside>
      </div>
      {machine && transition && (
        <TransitionDialog
          machine={machine}
          transition={transition}
          entity={entity}
          record={record}
          onCancel={() => setRunning(null)}
          onDone={() => {
            setRunning(null);
            details.reload();
            reloadRelated();
          }}
        />
      )}
    </article>
  );
}
