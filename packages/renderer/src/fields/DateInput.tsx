import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldInputProps } from '../registry/component-registry.js';
import { parseDate, parseDateTime } from './check-value.js';

function toText(value: unknown, withTime: boolean): string {
  if (typeof value !== 'string' || value === '') return '';
  if (!withTime) return value.slice(0, 10);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * Date (`YYYY-MM-DD`) and datetime (local `YYYY-MM-DD HH:mm`, stored as an ISO instant). Typed as
 * text so an impossible date such as 2025-02-30 stays visible with an inline error.
 */
export function DateInput({
  field,
  value,
  onChange,
  onInputError,
  inputId,
  disabled,
  required,
  invalid,
  describedBy,
}: FieldInputProps) {
  const { t } = useTranslation();
  const withTime = field.type === 'datetime';
  const [text, setText] = useState(() => toText(value, withTime));
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow outside value changes only; the typed text must not be rewritten while typing
  useEffect(() => {
    const parsed = withTime ? parseDateTime(text) : parseDate(text);
    if (value !== parsed && !(value == null && text === '')) setText(toText(value, withTime));
  }, [value]);
  return (
    <input
      id={inputId}
      className="sc-input sc-date"
      type="text"
      inputMode="numeric"
      placeholder={withTime ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD'}
      value={text}
      disabled={disabled}
      aria-required={required}
      aria-invalid={invalid}
      aria-describedby={describedBy}
      onChange={(e) => {
        const raw = e.target.value;
        setText(raw);
        if (raw.trim() === '') {
          onInputError(null);
          onChange(null);
          return;
        }
        const parsed = withTime ? parseDateTime(raw) : parseDate(raw);
        if (parsed === null) onInputError(t(withTime ? 'field.invalidDateTime' : 'field.invalidDate'));
        else {
          onInputError(null);
          onChange(parsed);
        }
      }}
    />
  );
}
