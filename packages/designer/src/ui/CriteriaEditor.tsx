import type { Criterion, Field, LocalizedText } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { newCriterion } from '../ops/stage-ops.js';
import { CommitInput } from './CommitInput.js';
import { useDesigner } from './designer-context.js';
import { RuleBuilder } from './RuleBuilder.js';

/** A list of conditions with their messages (entry or exit criteria of a transition). */
export function CriteriaEditor({
  value,
  onChange,
  fields,
  label,
  name,
}: {
  value: Criterion[] | undefined;
  onChange(next: Criterion[] | undefined): void;
  fields: readonly Field[];
  label: string;
  name: string;
}) {
  const { t, locale } = useDesigner();
  const list = value ?? [];
  const put = (next: Criterion[]) => onChange(next.length > 0 ? next : undefined);
  return (
    <fieldset className="sc-criteria" data-criteria={name}>
      <legend>{label}</legend>
      {list.map((c, i) => (
        <div key={c.id} className="sc-criterion">
          <RuleBuilder
            name={`${name}-${c.id}`}
            label={c.id}
            value={c.rule}
            fields={fields}
            onChange={(rule) =>
              put(list.map((x, j) => (j === i ? { ...x, rule: (rule ?? true) as Criterion['rule'] } : x)))
            }
          />
          <label>
            {t('message')}
            <CommitInput
              aria-label={`${name} ${t('message')}`}
              value={localize(c.message, locale)}
              onCommit={(v) =>
                put(
                  list.map((x, j) =>
                    j === i ? { ...x, message: { ...x.message, [locale]: v || '—' } as LocalizedText } : x,
                  ),
                )
              }
            />
          </label>
          <label>
            {t('field')}{' '}
            <select
              value={c.field ?? ''}
              onChange={(e) =>
                put(list.map((x, j) => (j === i ? { ...x, field: e.target.value || undefined } : x)))
              }
            >
              <option value="">{t('none')}</option>
              {fields.map((f) => (
                <option key={f.id} value={f.id}>
                  {localize(f.label, locale)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="sc-link" onClick={() => put(list.filter((_, j) => j !== i))}>
            {t('remove')}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="sc-button"
        onClick={() =>
          put([...list, newCriterion(list, true, { 'zh-CN': '不满足条件', en: 'Condition not met' })])
        }
      >
        + {t('addCriterion')}
      </button>
    </fieldset>
  );
}
