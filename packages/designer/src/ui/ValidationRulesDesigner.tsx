import type { ValidationRule } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { addValidationRule, removeValidationRule, updateValidationRule } from '../ops/validation-rule-ops.js';
import { CommitInput } from './CommitInput.js';
import { useDesigner } from './designer-context.js';
import { RuleBuilder } from './RuleBuilder.js';

/** Validation rules of an entity: the condition that must hold, when it applies, message and field. */
export function ValidationRulesDesigner() {
  const { state, t, locale, run, selection, select } = useDesigner();
  const app = state.doc;
  const entity = app.entities.find((e) => e.id === selection.entity) ?? app.entities[0];
  if (!entity) return null;
  const rules = app.validationRules.filter((r) => r.entity === entity.id);
  return (
    <div className="sc-rules-designer">
      <div className="sc-toolbar-row">
        <label>
          {t('entity')}{' '}
          <select
            aria-label={t('entity')}
            value={entity.id}
            onChange={(e) => select({ tab: 'rules', entity: e.target.value })}
          >
            {app.entities.map((e) => (
              <option key={e.id} value={e.id}>
                {localize(e.label, locale)} ({e.id})
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="sc-button"
          onClick={() => run(addValidationRule(entity.id, { 'zh-CN': '不满足校验规则', en: 'Rule not met' }))}
        >
          + {t('addRule')}
        </button>
      </div>
      {rules.map((r) => {
        const set = (patch: Partial<ValidationRule>) => run(updateValidationRule(r.id, patch));
        return (
          <article
            key={r.id}
            className={selection.rule === r.id ? 'sc-card sc-vrule selected' : 'sc-card sc-vrule'}
            data-vrule={r.id}
          >
            <h4>{r.id}</h4>
            <RuleBuilder
              name={`${r.id}-assert`}
              label={t('assert')}
              value={r.assert}
              fields={entity.fields}
              onChange={(v) => set({ assert: (v ?? true) as ValidationRule['assert'] })}
            />
            <RuleBuilder
              name={`${r.id}-applies`}
              label={t('appliesWhen')}
              value={r.appliesWhen}
              fields={entity.fields}
              onChange={(v) => set({ appliesWhen: v as ValidationRule['appliesWhen'] })}
            />
            <label>
              {t('message')} (中文)
              <CommitInput
                value={r.message['zh-CN'] ?? ''}
                onCommit={(v) => v && set({ message: { ...r.message, 'zh-CN': v } })}
              />
            </label>
            <label>
              {t('message')} (English)
              <CommitInput
                value={r.message.en ?? ''}
                onCommit={(v) => v && set({ message: { ...r.message, en: v } })}
              />
            </label>
            <label>
              {t('field')}{' '}
              <select value={r.field ?? ''} onChange={(e) => set({ field: e.target.value || undefined })}>
                <option value="">{t('none')}</option>
                {entity.fields.map((f) => (
                  <option key={f.id} value={f.id}>
                    {localize(f.label, locale)}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="sc-button sc-danger"
              onClick={() => run(removeValidationRule(r.id))}
            >
              {t('remove')}
            </button>
          </article>
        );
      })}
    </div>
  );
}
