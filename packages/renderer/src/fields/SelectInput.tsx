import { localize } from '@stagecraft/schema';
import { useTranslation } from 'react-i18next';
import type { FieldInputProps } from '../registry/component-registry.js';

/** Single select: the value is the option id. */
export function SelectInput({
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
  if (field.type !== 'single_select') return null;
  return (
    <select
      id={inputId}
      className="sc-input sc-select"
      value={typeof value === 'string' ? value : ''}
      disabled={disabled}
      aria-required={required}
      aria-invalid={invalid}
      aria-describedby={describedBy}
      onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
    >
      <option value="">{t('field.select')}</option>
      {field.options.map((o) => (
        <option key={o.id} value={o.id}>
          {localize(o.label, locale)}
        </option>
      ))}
    </select>
  );
}
