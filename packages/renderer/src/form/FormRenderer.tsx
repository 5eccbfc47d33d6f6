import type { Entity, Form, Locale } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkValue, isEmptyValue, problemMessage } from '../fields/check-value.js';
import { formRuleContext } from '../rules/rule-session.js';
import { useRuntime } from '../runtime/runtime-context.js';
import type { RecordData } from '../services/runtime-services.js';
import { checkRules } from './check-rules.js';
import { FieldRow } from './FieldRow.js';
import { FormConditions } from './form-conditions.js';
import { FormDraftStore } from './form-draft.js';
import { mapServerErrors } from './server-errors.js';

interface Props {
  form: Form;
  entity: Entity;
  /** The record being edited; absent for a new record. */
  record?: RecordData;
  onSaved(record: RecordData): void;
  onCancel?(): void;
  /** Where to keep an offline draft of a new record (localStorage key); none when absent. */
  draftKey?: string;
  /** Values a new record starts with (a reference pre-filled from a related list); they win over a draft. */
  initial?: Record<string, unknown>;
}

/**
 * Renders a form document: sections and columns, live visibility/required/read-only conditions,
 * inline errors (typed, browser-checked and server-returned at the same place). Nothing is sent
 * before Save, and a refused Save keeps every typed value.
 */
export function FormRenderer({ form, entity, record, onSaved, onCancel, draftKey, initial }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { app, services, rules, session } = useRuntime();
  const drafts = useMemo(
    () => (draftKey && !record ? new FormDraftStore(draftKey) : null),
    [draftKey, record],
  );
  const [restored] = useState(() => drafts?.load() ?? null);
  const [showRestored, setShowRestored] = useState(restored !== null);
  const [values, setValues] = useState<Record<string, unknown>>(() => ({
    ...initialValues(entity, record),
    ...(restored ?? {}),
    ...(record ? {} : (initial ?? {})),
  }));
  const [changed, setChanged] = useState<Set<string>>(() => new Set());
  const [inputErrors, setInputErrors] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  const fields = useMemo(() => new Map(entity.fields.map((f) => [f.id, f])), [entity]);
  const conditions = useMemo(() => new FormConditions(form, rules), [form, rules]);
  const data = { ...(record ?? {}), ...values };
  // Every evaluation reads the server's clock anew: a form left open past midnight moves to the next day.
  const ruleContext = () => formRuleContext(session, record, locale);
  const [cond, setCond] = useState(() => conditions.evaluateAll(data, ruleContext()));
  const formId = useId().replace(/:/g, '');

  function setValue(fieldId: string, value: unknown) {
    const next = { ...values, [fieldId]: value };
    setValues(next);
    drafts?.save(next);
    setChanged((s) => new Set(s).add(fieldId));
    setCond(conditions.update({ ...(record ?? {}), ...next }, [fieldId], ruleContext()).state);
    if (errors[fieldId]) setErrors(({ [fieldId]: _, ...rest }) => rest);
  }

  function setInputError(fieldId: string, message: string | null) {
    setInputErrors((prev) => {
      if (!message) {
        if (!(fieldId in prev)) return prev;
        const { [fieldId]: _, ...rest } = prev;
        return rest;
      }
      return prev[fieldId] === message ? prev : { ...prev, [fieldId]: message };
    });
  }

  const visibleItems = form.sections
    .filter((s) => !cond.hidden.has(`section:${s.id}`))
    .flatMap((s) => s.items.filter((it) => !cond.hidden.has(`item:${it.id}`)));
  const isRequired = (itemId: string, fieldId: string) =>
    Boolean(fields.get(fieldId)?.required) || cond.required.has(`item:${itemId}`);

  async function save() {
    setFormErrors([]);
    const found: Record<string, string> = {};
    for (const it of visibleItems) {
      const f = fields.get(it.field);
      if (!f) continue;
      const problem = checkValue(f, data[f.id], isRequired(it.id, f.id));
      if (problem) found[f.id] = problemMessage(t, problem);
    }
    const mode = record ? 'update' : 'create';
    const entityRules = app.validationRules.filter((r) => r.entity === entity.id);
    const ruleErrors = checkRules(entityRules, rules, data, mode, locale, ruleContext());
    const general: string[] = [];
    for (const e of ruleErrors) {
      if (e.field && fields.has(e.field) && !found[e.field]) found[e.field] = e.message;
      else if (!e.field) general.push(e.message);
    }
    if (Object.keys(inputErrors).length > 0 || Object.keys(found).length > 0 || general.length > 0) {
      setErrors(found);
      setFormErrors([t('form.fixErrors'), ...general]);
      return;
    }
    setSaving(true);
    const payload = payloadOf(
      values,
      record ? changed : null,
      fields,
      new Set(visibleItems.map((i) => i.field)),
    );
    const result = record
      ? await services.updateRecord(entity.id, record.id, record.version, payload)
      : await services.createRecord(entity.id, payload);
    setSaving(false);
    if (result.ok) {
      drafts?.clear();
      return onSaved(result.value);
    }
    const mapped = mapServerErrors(result.error, new Set(fields.keys()));
    setErrors(mapped.fields);
    setFormErrors([
      t('form.saveFailed', { message: result.error.message }),
      ...mapped.form.filter((m) => m !== result.error.message),
    ]);
  }

  return (
    <form
      className="sc-form"
      noValidate
      aria-label={localize(form.label, locale)}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {showRestored && (
        <div className="sc-banner sc-banner-info" role="status">
          {t('form.draftRestored')}{' '}
          <button
            type="button"
            className="sc-link"
            onClick={() => {
              drafts?.clear();
              const fresh = { ...initialValues(entity, record), ...(record ? {} : (initial ?? {})) };
              setValues(fresh);
              setCond(conditions.evaluateAll({ ...(record ?? {}), ...fresh }, ruleContext()));
              setShowRestored(false);
            }}
          >
            {t('form.discardDraft')}
          </button>
        </div>
      )}
      {formErrors.length > 0 && (
        <div className="sc-banner sc-banner-error" role="alert">
          {formErrors.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
      {form.sections.map((s) =>
        // a section whose every field is hidden (a questionnaire not asked for yet) is not shown at all
        cond.hidden.has(`section:${s.id}`) ||
        s.items.every((it) => !fields.has(it.field) || cond.hidden.has(`item:${it.id}`)) ? null : (
          <fieldset key={s.id} className="sc-section">
            {s.label && <legend>{localize(s.label, locale)}</legend>}
            {s.description && <p className="sc-help">{localize(s.description, locale)}</p>}
            <div className="sc-grid" style={{ ['--sc-cols' as string]: String(s.columns ?? 1) }}>
              {s.items.map((it) => {
                const f = fields.get(it.field);
                if (!f || cond.hidden.has(`item:${it.id}`)) return null;
                return (
                  <FieldRow
                    key={it.id}
                    field={f}
                    widget={it.widget}
                    inputId={`${formId}-${f.id}`}
                    value={data[f.id]}
                    onChange={(v) => setValue(f.id, v)}
                    onInputError={(m) => setInputError(f.id, m)}
                    error={inputErrors[f.id] ?? errors[f.id]}
                    help={it.help}
                    required={isRequired(it.id, f.id)}
                    readOnly={
                      Boolean(f.readOnly) ||
                      cond.readOnly.has(`item:${it.id}`) ||
                      f.type === 'formula' ||
                      f.type === 'auto_number'
                    }
                    span={it.span && it.span > 1 ? Math.min(it.span, s.columns ?? 1) : undefined}
                    locale={locale}
                  />
                );
              })}
            </div>
          </fieldset>
        ),
      )}
      <div className="sc-actions">
        {onCancel && (
          <button type="button" className="sc-button" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        )}
        <button type="submit" className="sc-button sc-primary" disabled={saving}>
          {saving ? t('form.saving') : t('form.save')}
        </button>
      </div>
    </form>
  );
}

function initialValues(entity: Entity, record: RecordData | undefined): Record<string, unknown> {
  if (record) return {};
  const out: Record<string, unknown> = {};
  for (const f of entity.fields) if (f.defaultValue !== undefined) out[f.id] = f.defaultValue;
  return out;
}

/** On create: every filled, writable, visible value. On update: only what the user changed. */
function payloadOf(
  values: Record<string, unknown>,
  changed: Set<string> | null,
  fields: Map<string, Entity['fields'][number]>,
  visible: Set<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const f = fields.get(k);
    if (!f || f.type === 'formula' || f.type === 'auto_number') continue;
    if (changed) {
      if (changed.has(k)) out[k] = v ?? null;
    } else if (visible.has(k) && !isEmptyValue(v)) out[k] = v;
  }
  return out;
}
