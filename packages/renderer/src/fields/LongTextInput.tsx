import type { FieldInputProps } from '../registry/component-registry.js';

/** Multi-line text. */
export function LongTextInput({
  value,
  onChange,
  inputId,
  disabled,
  required,
  invalid,
  describedBy,
}: FieldInputProps) {
  return (
    <textarea
      id={inputId}
      className="sc-input sc-textarea"
      rows={4}
      value={typeof value === 'string' ? value : ''}
      disabled={disabled}
      aria-required={required}
      aria-invalid={invalid}
      aria-describedby={describedBy}
      onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
    />
  );
}
