import { localize } from '@stagecraft/schema';
import type { FieldInputProps } from '../registry/component-registry.js';

/** The `radio` widget: a single select with every option visible, for a choice among a few. */
export function RadioInput({
  field,
  value,
  onChange,
  inputId,
  disabled,
  required,
  invalid,
  describedBy,
  locale,
}: FieldInputProps) {
  if (field.type !== 'single_select') return null;
  return (
    <div
      id={inputId}
      role="radiogroup"
      className="sc-radios"
      aria-labelledby={`${inputId}-label`}
      aria-required={required}
      aria-invalid={invalid}
      aria-describedby={describedBy}
    >
      {field.options.map((o) => (
        <label key={o.id} className="sc-radio">
          <input
            type="radio"
            name={inputId}
            value={o.id}
            checked={value === o.id}
            disabled={disabled}
            onChange={() => onChange(o.id)}
          />
          {localize(o.label, locale)}
        </label>
      ))}
    </div>
  );
}
