import { isLookupField } from '@stagecraft/engine';
import type { Locale } from '@stagecraft/schema';
import { type AnyField, formatValue } from '../format/format-value.js';
import { useRuntime } from '../runtime/runtime-context.js';

/**
 * One side of an audited change: a reference, user or org unit by its name (the registry's display,
 * looked up in the page's one title request), anything else formatted; `—` when empty.
 */
export function ChangeValue({ field, value, locale }: { field: AnyField; value: unknown; locale: Locale }) {
  const { registry } = useRuntime();
  if (value === null || value === undefined || value === '') return '—';
  const Display = isLookupField(field) ? registry.field(field.type)?.display : undefined;
  if (Display) return <Display field={field} value={value} locale={locale} />;
  return formatValue(field, value, locale) || '—';
}
