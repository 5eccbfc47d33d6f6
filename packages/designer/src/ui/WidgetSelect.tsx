import type { FieldType } from '@stagecraft/schema';
import { widgetsFor } from '../ops/form-ops.js';
import { useDesigner } from './designer-context.js';

/**
 * Chooses a form item's input: the field type's default or a built-in widget that can edit the
 * type. Absent when no widget fits and none is set. A widget set elsewhere (the JSON tab, a host
 * widget) stays listed as it is, so the select never shows another value than the document holds.
 */
export function WidgetSelect({
  type,
  value,
  onChange,
}: {
  type: FieldType;
  value: string | undefined;
  onChange(widget: string | undefined): void;
}) {
  const { t } = useDesigner();
  const fits: string[] = widgetsFor(type);
  if (fits.length === 0 && value === undefined) return null;
  return (
    <label>
      {t('widget')}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{t('widgetDefault')}</option>
        {fits.map((w) => (
          <option key={w} value={w}>
            {w}
          </option>
        ))}
        {value !== undefined && !fits.includes(value) && (
          <option value={value}>{t('widgetUnfit', { w: value })}</option>
        )}
      </select>
    </label>
  );
}
