import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldInputProps } from '../registry/component-registry.js';
import { parseNumber } from './check-value.js';

/**
 * Number, currency and percent. The typed text is kept as typed, so "12a" stays on screen with an
 * inline error instead of being silently dropped; the value is a number or null.
 */
export function NumberInput({
  field,
  value,
  onChange,
  onInputError,
  inputId,
  disabled,
  required,
  invalid,
  describedBy,
  locale,
}: FieldInputProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => (typeof value === 'number' ? String(value) : ''));
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow outside value changes only; the typed text must not be rewritten while typing
  useEffect(() => {
    // Follow outside changes (reset, server value) without fighting the user's typing.
    if (typeof value === 'number' && parseNumber(text) !== value) setText(String(value));
    if ((value === null || value === undefined) && parseNumber(text) !== null) setText('');
  }, [value]);
  const affix =
    field.type === 'currency'
      ? (new Intl.NumberFormat(locale, { style: 'currency', currency: field.currency ?? 'CNY' })
          .formatToParts(0)
          .find((p) => p.type === 'currency')?.value ?? '')
      : field.type === 'percent'
        ? '%'
        : '';
  return (
    <span className={`sc-affixed sc-affixed-${field.type}`}>
      {field.type === 'currency' && <span className="sc-affix">{affix}</span>}
      <input
        id={inputId}
        className="sc-input sc-number"
        type="text"
        inputMode="decimal"
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
          const n = parseNumber(raw);
          if (n === null) onInputError(t('field.notANumber'));
          else {
            onInputError(null);
            onChange(n);
          }
        }}
      />
      {field.type === 'percent' && <span className="sc-affix">{affix}</span>}
    </span>
  );
}
