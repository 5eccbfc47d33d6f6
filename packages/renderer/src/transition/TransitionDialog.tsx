import type { Entity, Locale, StageMachine, Transition } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkValue, problemMessage } from '../fields/check-value.js';
import { FileUploader } from '../fields/FileUploader.js';
import { FieldRow } from '../form/FieldRow.js';
import { useRuntime } from '../runtime/runtime-context.js';
import type { FileRef, RecordData } from '../services/runtime-services.js';

interface Props {
  machine: StageMachine;
  transition: Transition;
  entity: Entity;
  record: RecordData;
  onDone(record: RecordData): void;
  onCancel(): void;
}

/**
 * Asks for what a transition needs (its fields and evidence files), then runs it. A refusal keeps
 * the dialog open with each unmet condition shown where it belongs.
 */
export function TransitionDialog({ machine, transition, entity, record, onDone, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { services } = useRuntime();
  const [fields, setFields] = useState<Record<string, unknown>>(() =>
    Object.fromEntries((transition.fields ?? []).map((f) => [f.field, record[f.field] ?? null])),
  );
  const [evidence, setEvidence] = useState<Record<string, FileRef[]>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const target = machine.stages.find((s) => s.id === transition.to);
  const title = t('transition.title', { stage: localize(target?.label, locale) || transition.to });

  async function run() {
    const found: Record<string, string> = {};
    for (const tf of transition.fields ?? []) {
      const f = entity.fields.find((x) => x.id === tf.field);
      const p = f && checkValue(f, fields[tf.field], true);
      if (p) found[tf.field] = problemMessage(t, p);
    }
    for (const ev of transition.evidence ?? []) {
      if ((evidence[ev.id]?.length ?? 0) < ev.minCount)
        found[`evidence:${ev.id}`] = t('transition.needsFiles', { count: ev.minCount });
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    const r = await services.runTransition(entity.id, record.id, {
      to: transition.to,
      transitionId: transition.id,
      version: record.version,
      fields,
      evidence,
    });
    setBusy(false);
    if (r.ok) return onDone(r.value);
    const mapped: Record<string, string> = {};
    const rest: string[] = [];
    for (const d of r.error.details) {
      const seg = d.path.split('/').filter(Boolean);
      const ev = seg[0] === 'evidence' ? seg[1] : undefined;
      const fieldId = seg.find((s) => (transition.fields ?? []).some((f) => f.field === s));
      if (ev && !mapped[`evidence:${ev}`]) mapped[`evidence:${ev}`] = d.message;
      else if (fieldId && !mapped[fieldId]) mapped[fieldId] = d.message;
      else rest.push(d.message);
    }
    setErrors(mapped);
    setGeneral([r.error.message, ...rest]);
  }

  return (
    <div className="sc-dialog-backdrop">
      <div className="sc-dialog" role="dialog" aria-modal="true" aria-label={title}>
        <h2>{title}</h2>
        <p className="sc-muted">{localize(transition.label, locale)}</p>
        {general.length > 0 && (
          <div className="sc-banner sc-banner-error" role="alert">
            <strong>{t('transition.refused')}</strong>
            <ul>
              {general.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        )}
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          {(transition.fields ?? []).map((tf) => {
            const f = entity.fields.find((x) => x.id === tf.field);
            if (!f) return null;
            return (
              <FieldRow
                key={tf.field}
                field={f}
                inputId={`tr-${transition.id}-${f.id}`}
                value={fields[f.id]}
                onChange={(v) => setFields((s) => ({ ...s, [f.id]: v }))}
                onInputError={(m) => setErrors(({ [f.id]: _, ...s }) => (m ? { ...s, [f.id]: m } : s))}
                error={errors[f.id]}
                required
                locale={locale}
              />
            );
          })}
          {(transition.evidence ?? []).length > 0 && <h3>{t('transition.evidence')}</h3>}
          {(transition.evidence ?? []).map((ev) => (
            <div
              key={ev.id}
              className={errors[`evidence:${ev.id}`] ? 'sc-field sc-field-invalid' : 'sc-field'}
            >
              <label className="sc-label" htmlFor={`tr-${transition.id}-ev-${ev.id}`}>
                {localize(ev.label, locale)} <span className="sc-muted">(≥ {ev.minCount})</span>
              </label>
              <FileUploader
                inputId={`tr-${transition.id}-ev-${ev.id}`}
                value={evidence[ev.id] ?? []}
                accept={ev.accept}
                onChange={(files) => setEvidence((s) => ({ ...s, [ev.id]: files }))}
                onInputError={(m) =>
                  setErrors(({ [`evidence:${ev.id}`]: _, ...s }) =>
                    m ? { ...s, [`evidence:${ev.id}`]: m } : s,
                  )
                }
              />
              {ev.help && <p className="sc-help">{localize(ev.help, locale)}</p>}
              {errors[`evidence:${ev.id}`] && (
                <p className="sc-error" role="alert">
                  {errors[`evidence:${ev.id}`]}
                </p>
              )}
            </div>
          ))}
          <div className="sc-actions">
            <button type="button" className="sc-button" onClick={onCancel}>
              {t('transition.cancel')}
            </button>
            <button type="submit" className="sc-button sc-primary" disabled={busy}>
              {busy ? t('transition.running') : t('transition.run')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
