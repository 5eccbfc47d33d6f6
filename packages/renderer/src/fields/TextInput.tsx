import type { FieldInputProps } from '../registry/component-registry.js';

const TYPES: Record<string, { type: string; inputMode?: 'tel' | 'email' | 'url' | 'text' }> = {
  text: { type: 'text' },
  phone: { type: 'tel', inputMode: 'tel' },
  email: { type: 'email', inputMode: 'email' },
  url: { type: 'url', inputMode: 'url' },
};

/** Single-line text, phone, email and url: the value is the trimmed-or-empty string. */
export function TextInput({
  field,
  value,
  onChange,
  inputId,
  disabled,
  required,
  invalid,
  describedBy,
}: FieldInputProps) {
  const t = TYPES[field.type] ?? { type: 'text' };
  return (
    <input
      id={inputId}
      className="sc-input"
      type={t.type}
      inputMode={t.inputMode}
      value={typeof value === 'string' ? value : ''}
      disabled={disabled}
      aria-required={required}
      aria-invalid={invalid}
      aria-describedby={describedBy}
      maxLength={field.type === 'text' ? field.maxLength : undefined}
      onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
    />
  );
}
