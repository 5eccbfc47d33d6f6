import type { Entity, Field, Form, FormItem, LocalizedText, SelectOption } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { removeField, updateField } from '../ops/entity-ops.js';
import { removeFormItem, updateFormItem } from '../ops/form-ops.js';
import { CommitInput } from './CommitInput.js';
import { useDesigner } from './designer-context.js';
import { RuleBuilder } from './RuleBuilder.js';
import { ValueInput } from './ValueInput.js';
import { WidgetSelect } from './WidgetSelect.js';

const withText = (
  text: LocalizedText | undefined,
  locale: 'en' | 'zh-CN',
  value: string,
): LocalizedText | undefined => {
  const next = { ...(text ?? {}) } as Record<string, string>;
  if (value) next[locale] = value;
  else delete next[locale];
  return Object.keys(next).length > 0 ? (next as LocalizedText) : undefined;
};

/** The property panel of the selected form item and its field. */
export function FieldProperties({ entity, form, item }: { entity: Entity; form: Form; item: FormItem }) {
  const { t, run, select } = useDesigner();
  const field = entity.fields.find((f) => f.id === item.field);
  if (!field) return null;
  const set = (patch: Record<string, unknown>) => run(updateField(entity.id, field.id, patch));
  const others = entity.fields.filter((f) => f.id !== field.id);
  return (
    <aside className="sc-properties" aria-label={t('properties')}>
      <h3>{t('properties')}</h3>
      <label>
        {t('fieldId')} <input value={field.id} readOnly />
      </label>
      <label>
        {t('labelZh')}
        <CommitInput
          value={field.label['zh-CN'] ?? ''}
          onCommit={(v) => set({ label: withText(field.label, 'zh-CN', v) ?? field.label })}
        />
      </label>
      <label>
        {t('labelEn')}
        <CommitInput
          value={field.label.en ?? ''}
          onCommit={(v) => set({ label: withText(field.label, 'en', v) ?? field.label })}
        />
      </label>
      <label className="sc-check">
        <input
          type="checkbox"
          checked={field.required === true}
          onChange={(e) => set({ required: e.target.checked ? true : undefined })}
        />{' '}
        {t('required')}
      </label>
      <div className="sc-prop">
        <span>{t('defaultValue')}</span>
        <ValueInput
          label={t('defaultValue')}
          field={field}
          value={field.defaultValue}
          onChange={(v) => set({ defaultValue: v })}
        />
      </div>
      <label>
        {t('helpZh')}
        <CommitInput
          value={field.help?.['zh-CN'] ?? ''}
          onCommit={(v) => set({ help: withText(field.help, 'zh-CN', v) })}
        />
      </label>
      <label>
        {t('help')}
        <CommitInput
          value={field.help?.en ?? ''}
          onCommit={(v) => set({ help: withText(field.help, 'en', v) })}
        />
      </label>
      <WidgetSelect
        type={field.type}
        value={item.widget}
        onChange={(widget) => run(updateFormItem(form.id, item.id, { widget }))}
      />
      {(field.type === 'single_select' || field.type === 'multi_select') && (
        <OptionsEditor field={field} set={set} />
      )}
      <RuleBuilder
        name="visibleWhen"
        label={t('visibleWhen')}
        value={item.visibleWhen}
        fields={others}
        onChange={(rule) =>
          run(updateFormItem(form.id, item.id, { visibleWhen: rule as FormItem['visibleWhen'] }))
        }
      />
      <RuleBuilder
        name="requiredWhen"
        label={t('requiredWhen')}
        value={item.requiredWhen}
        fields={others}
        onChange={(rule) =>
          run(updateFormItem(form.id, item.id, { requiredWhen: rule as FormItem['requiredWhen'] }))
        }
      />
      <div className="sc-prop-actions">
        <button
          type="button"
          className="sc-button"
          onClick={() => {
            run(removeFormItem(form.id, item.id));
            select({ tab: 'form', entity: entity.id });
          }}
        >
          {t('removeFromForm')}
        </button>
        <button
          type="button"
          className="sc-button sc-danger"
          onClick={() => {
            run(removeField(entity.id, field.id));
            select({ tab: 'form', entity: entity.id });
          }}
        >
          {t('deleteField')}
        </button>
      </div>
    </aside>
  );
}

function OptionsEditor({
  field,
  set,
}: {
  field: Field & { options: SelectOption[] };
  set(p: Record<string, unknown>): void;
}) {
  const { t, locale } = useDesigner();
  const put = (options: SelectOption[]) => set({ options });
  return (
    <fieldset className="sc-options">
      <legend>{t('options')}</legend>
      {field.options.map((o, i) => (
        <div key={o.id} className="sc-option-row">
          <code>{o.id}</code>
          <CommitInput
            aria-label={`${t('options')} ${o.id}`}
            value={localize(o.label, locale)}
            onCommit={(v) =>
              put(
                field.options.map((x, j) =>
                  j === i ? { ...x, label: withText(x.label, locale, v) ?? x.label } : x,
                ),
              )
            }
          />
          {field.options.length > 1 && (
            <button
              type="button"
              className="sc-link"
              onClick={() => put(field.options.filter((_, j) => j !== i))}
            >
              ×
            </button>
          )}
        </div>
      ))}
      <button
        type="button"
        className="sc-button"
        onClick={() => {
          const n = field.options.length + 1;
          let id = `opt${n}`;
          for (let k = n; field.options.some((o) => o.id === id); k++) id = `opt${k + 1}`;
          put([...field.options, { id, label: { 'zh-CN': `选项${n}`, en: `Option ${n}` } }]);
        }}
      >
        + {t('addOption')}
      </button>
    </fieldset>
  );
}
