import type { Entity, Locale } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordLink } from '../record/RecordLink.js';
import { useRuntime } from '../runtime/runtime-context.js';
import type { BulkRowView } from '../services/runtime-services.js';

/** Field types a bulk edit offers (one value for every selected row). */
const EDITABLE = new Set([
  'text',
  'number',
  'currency',
  'percent',
  'single_select',
  'date',
  'boolean',
  'user',
]);

interface Props {
  entity: Entity;
  selected: string[];
  locale: Locale;
  onClear(): void;
  /** After a run: the list reloads, and the rows that went through leave the selection. */
  onDone(doneIds: string[]): void;
}

/**
 * What to do with the selected rows: move them to a stage, or set one field. The server runs each
 * row as a single save and reports it by itself; the report lists every row, refused ones with
 * their reason, until it is closed.
 */
export function BulkBar({ entity, selected, locale, onClear, onDone }: Props) {
  const { t } = useTranslation();
  const { app, services, registry } = useRuntime();
  const machine = app.stageMachines.find((m) => m.entity === entity.id);
  const targets = [...new Set(machine?.transitions.map((x) => x.to) ?? [])];
  const fields = entity.fields.filter((f) => EDITABLE.has(f.type) && !('formula' in f && f.formula));
  const [fieldId, setFieldId] = useState('');
  const [value, setValue] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<{ done: number; refused: number; rows: BulkRowView[] } | null>(null);
  const inputId = useId();
  const field = fields.find((f) => f.id === fieldId);
  const Input = field ? registry.field(field.type)?.input : undefined;

  async function run(ask: { set: Record<string, unknown> } | { transition: { to: string } }) {
    setRunning(true);
    const res = await services.bulk(entity.id, { ids: selected, ...ask });
    setRunning(false);
    if (!res.ok) {
      setReport({
        done: 0,
        refused: selected.length,
        rows: selected.map((id) => ({ id, ok: false, message: res.error.message })),
      });
      return;
    }
    setReport(res.value);
    onDone(res.value.rows.filter((r) => r.ok).map((r) => r.id));
  }

  const stageLabel = (id: string | null | undefined) =>
    localize(machine?.stages.find((s) => s.id === id)?.label, locale);
  return (
    <section className="sc-bulk" aria-label={t('list.selected', { n: selected.length })}>
      {selected.length > 0 && (
        <div className="sc-bulk-bar">
          <strong>{t('list.selected', { n: selected.length })}</strong>
          {machine && (
            <select
              className="sc-input"
              aria-label={t('list.bulkMove')}
              value=""
              disabled={running}
              onChange={(e) => e.target.value && void run({ transition: { to: e.target.value } })}
            >
              <option value="">{t('list.bulkMove')}</option>
              {targets.map((s) => (
                <option key={s} value={s}>
                  {stageLabel(s)}
                </option>
              ))}
            </select>
          )}
          <select
            className="sc-input"
            aria-label={t('list.bulkEdit')}
            value={fieldId}
            disabled={running}
            onChange={(e) => {
              setFieldId(e.target.value);
              setValue(null);
            }}
          >
            <option value="">{t('list.bulkEdit')}</option>
            {fields.map((f) => (
              <option key={f.id} value={f.id}>
                {localize(f.label, locale)}
              </option>
            ))}
          </select>
          {field && Input && (
            <span className="sc-bulk-value">
              <label className="sc-visually-hidden" htmlFor={inputId}>
                {t('list.bulkValue')}
              </label>
              <Input
                field={field}
                value={value}
                onChange={setValue}
                onInputError={() => {}}
                inputId={inputId}
                locale={locale}
              />
              <button
                type="button"
                className="sc-button sc-primary"
                disabled={running}
                onClick={() => void run({ set: { [field.id]: value ?? null } })}
              >
                {t('list.bulkApply')}
              </button>
            </span>
          )}
          <button type="button" className="sc-link" onClick={onClear}>
            {t('list.clearSelection')}
          </button>
          {running && <span className="sc-muted">{t('list.bulkRunning')}</span>}
        </div>
      )}
      {report && (
        <div className="sc-card sc-bulk-report" role="status">
          <p>
            <strong>{t('list.bulkResult', { done: report.done, refused: report.refused })}</strong>{' '}
            <button type="button" className="sc-link" onClick={() => setReport(null)}>
              {t('list.bulkClose')}
            </button>
          </p>
          <ul>
            {report.rows.map((r) => (
              <li key={r.id} className={r.ok ? 'sc-bulk-done' : 'sc-bulk-refused'} data-record-id={r.id}>
                <RecordLink entity={entity.id} id={r.id} locale={locale} />{' '}
                <span className="sc-badge">{r.ok ? t('list.rowDone') : t('list.rowRefused')}</span>{' '}
                {r.ok ? (
                  r.stage ? (
                    stageLabel(r.stage)
                  ) : (
                    ''
                  )
                ) : (
                  <span className="sc-bulk-reason">{r.message}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
