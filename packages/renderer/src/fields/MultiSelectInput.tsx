import { localize } from '@stagecraft/schema';
import type { FieldInputProps } from '../registry/component-registry.js';

/** Multi select as a group of toggle chips; the value is the array of chosen option ids. */
export function MultiSelectInput({
  field,
  value,
  onChange,
  inputId,
  disabled,
  invalid,
  describedBy,
  locale,
}: FieldInputProps) {
  if (field.type !== 'multi_select') return null;
  const chosen = Array.isArray(value) ? (value as string[]) : [];
  return (
    <fieldset id={inputId} className="sc-chips" aria-invalid={invalid} aria-describedby={describedBy}>
      {field.options.map((o) => {
        const on = chosen.includes(o.id);
        return (
          <label key={o.id} className={on ? 'sc-chip sc-chip-on' : 'sc-chip'}>
            <input
              type="checkbox"
              checked={on}
              disabled={disabled}
              onChange={() => {
                const next = on ? chosen.filter((x) => x !== o.id) : [...chosen, o.id];
                onChange(next.length ? next : null);
              }}
            />
            {localize(o.label, locale)}
          </label>
        );
      })}
    </fieldset>
  );
}
