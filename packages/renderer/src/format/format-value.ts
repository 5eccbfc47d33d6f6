import type { Field, FormatKind, LeafField, Locale } from '@stagecraft/schema';
import { FIELD_TYPE_TABLE, localize } from '@stagecraft/schema';

/** A field whose value can be formatted: an entity field or a subtable column. */
export type AnyField = Field | LeafField;

type Formatter = (field: AnyField, value: unknown, locale: Locale, currency: string) => string;

const numberOr = (value: unknown, format: (n: number) => string) =>
  typeof value === 'number' ? format(value) : String(value);

/** One formatter per format kind of the field-type table. */
const FORMATTERS: Record<FormatKind, Formatter> = {
  plain: (_, value) => (typeof value === 'object' ? JSON.stringify(value) : String(value)),
  number: (field, value, locale) =>
    numberOr(value, (n) =>
      new Intl.NumberFormat(
        locale,
        'decimals' in field && field.decimals !== undefined ? { maximumFractionDigits: field.decimals } : {},
      ).format(n),
    ),
  currency: (field, value, locale, currency) =>
    numberOr(value, (n) =>
      new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: ('currency' in field ? field.currency : undefined) ?? currency,
      }).format(n),
    ),
  percent: (_, value, locale) =>
    numberOr(value, (n) => `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n)} %`),
  date: (_, value, locale) => formatDate(String(value), locale),
  datetime: (_, value, locale) => formatDateTime(String(value), locale),
  boolean: (_, value) => (value === true ? '✓' : value === false ? '✗' : ''),
  option: (field, value, locale) => optionLabel(optionsOf(field), value, locale),
  options: (field, value, locale) =>
    Array.isArray(value) ? value.map((v) => optionLabel(optionsOf(field), v, locale)).join(', ') : '',
  files: (_, value) =>
    Array.isArray(value) ? value.map((f) => (f as { name?: string }).name ?? '').join(', ') : '',
  geo: (_, value) => {
    const p = value as { lat?: number; lng?: number };
    return typeof p.lat === 'number' && typeof p.lng === 'number'
      ? `${p.lat.toFixed(5)}, ${p.lng.toFixed(5)}`
      : '';
  },
  rows: (_, value) => (Array.isArray(value) ? `× ${value.length}` : ''),
  computed: (field, value, locale, currency) =>
    field.type === 'formula'
      ? formatValue({ ...field, type: field.resultType } as AnyField, value, locale, currency)
      : FORMATTERS.plain(field, value, locale, currency),
};

const optionsOf = (field: AnyField) => ('options' in field ? field.options : []);

/**
 * Formats a value for display with Intl, in the user's locale, by the format kind its field type
 * declares in the field-type table.
 */
export function formatValue(field: AnyField, value: unknown, locale: Locale, currency = 'CNY'): string {
  if (value === null || value === undefined || value === '') return '';
  return FORMATTERS[FIELD_TYPE_TABLE[field.type].format](field, value, locale, currency);
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
