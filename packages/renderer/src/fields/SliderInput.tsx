import { useTranslation } from 'react-i18next';
import { formatValue } from '../format/format-value.js';
import type { FieldInputProps } from '../registry/component-registry.js';

/**
 * The `slider` widget for number, currency and percent: a range from the field's `min` (default 0)
 * to its `max` (default 100). Until the user moves it the value stays empty, and says so.
 */
export function SliderInput({
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
  const { t } = useTranslation();
  if (field.type !== 'number' && field.type !== 'currency' && field.type !== 'percent') return null;
  const min = field.min ?? 0;
  const max = field.max ?? 100;
  const decimals = field.type === 'number' ? (field.decimals ?? 0) : field.type === 'currency' ? 2 : 0;
  const set = typeof value === 'number';
  return (
    <span className="sc-slider">
      <input
        id={inputId}
        type="range"
        className="sc-range"
        min={min}
        max={max}
        step={10 ** -decimals}
        value={set ? value : min}
        disabled={disabled}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        aria-valuetext={set ? formatValue(field, value, locale) : t('field.notSet')}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <output htmlFor={inputId} className={set ? 'sc-range-value' : 'sc-range-value sc-muted'}>
        {set ? formatValue(field, value, locale) : t('field.notSet')}
      </output>
      {set && !required && !disabled && (
        <button type="button" className="sc-link" onClick={() => onChange(null)}>
          {t('field.clear')}
        </button>
      )}
    </span>
  );
}
