import { useTranslation } from 'react-i18next';
import { formatValue } from '../format/format-value.js';
import type { FieldInputProps } from '../registry/component-registry.js';

/** Formula and auto-number: computed by the server, shown but never typed. */
export function ReadOnlyInput({ field, value, inputId, locale }: FieldInputProps) {
  const { t } = useTranslation();
  const text = formatValue(field, value, locale);
  return (
    <output id={inputId} className="sc-readonly">
      {text || <span className="sc-muted">{t('field.computed')}</span>}
    </output>
  );
}
