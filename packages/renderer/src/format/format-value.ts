import type { Field, LeafField, Locale } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';

/** A field whose value can be formatted: an entity field or a subtable column. */
export type AnyField = Field | LeafField;

/** Formats numbers, currency, percent and dates for display with Intl, in the user's locale. */
export function formatValue(field: AnyField, value: unknown, locale: Locale, currency = 'CNY'): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.type) {
    case 'number':
      return typeof value === 'number'
        ? new Intl.NumberFormat(
            locale,
            field.decimals !== undefined ? { maximumFractionDigits: field.decimals } : {},
          ).format(value)
        : String(value);
    case 'currency':
      return typeof value === 'number'
        ? new Intl.NumberFormat(locale, { style: 'currency', currency: field.currency ?? currency }).format(
            value,
          )
        : String(value);
    case 'percent':
      return typeof value === 'number'
        ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value) + ' %'
        : String(value);
    case 'date':
      return formatDate(String(value), locale);
    case 'datetime':
      return formatDateTime(String(value), locale);
    case 'boolean':
      return value === true ? '✓' : value === false ? '✗' : '';
    case 'single_select':
      return optionLabel(field.options, value, locale);
    case 'multi_select':
      return Array.isArray(value) ? value.map((v) => optionLabel(field.options, v, locale)).join(', ') : '';
    case 'attachment':
    case 'image':
      return Array.isArray(value) ? value.map((f) => (f as { name?: string }).name ?? '').join(', ') : '';
    case 'geo_point': {
      const p = value as { lat?: number; lng?: number };
      return typeof p.lat === 'number' && typeof p.lng === 'number'
        ? `${p.lat.toFixed(5)}, ${p.lng.toFixed(5)}`
        : '';
    }
    case 'subtable':
      return Array.isArray(value) ? `× ${value.length}` : '';
    case 'formula':
      return formatValue({ ...field, type: field.resultType } as AnyField, value, locale, currency);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** A `YYYY-MM-DD` date in the locale's short form, without shifting it through a time zone. */
export function formatDate(value: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** An ISO instant in the locale's short date and time form, in the browser's time zone. */
export function formatDateTime(value: string, locale: Locale): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A plain number in the locale (for aggregates and counts). */
export function formatNumber(value: number, locale: Locale, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

function optionLabel(
  options: { id: string; label: Parameters<typeof localize>[0] }[],
  value: unknown,
  locale: Locale,
): string {
  const o = options.find((x) => x.id === value);
  return o ? localize(o.label, locale) : String(value);
}
