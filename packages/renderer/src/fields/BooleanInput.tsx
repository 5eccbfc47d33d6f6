import { useTranslation } from 'react-i18next';
import type { FieldInputProps } from '../registry/component-registry.js';

/** A checkbox; the value is true, false, or null when never touched. */
export function BooleanInput({ value, onChange, inputId, disabled, describedBy }: FieldInputProps) {
  const { t } = useTranslation();
  return (
    <span className="sc-check">
      <input
        id={inputId}
        type="checkbox"
        checked={value === true}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span aria-hidden="true">{value === true ? t('field.yes') : t('field.no')}</span>
    </span>
  );
}
