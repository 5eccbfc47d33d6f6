import type { FieldInputProps } from '../registry/component-registry.js';

/** Multi-line text: long text, and the `textarea` widget for a short text that sometimes runs long. */
export function LongTextInput({
  field,
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
      maxLength={field.type === 'text' || field.type === 'long_text' ? field.maxLength : undefined}
      onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
    />
  );
}
