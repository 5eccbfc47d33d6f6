import type { AnyField } from '../format/format-value.js';

/** A problem with a value, as an i18n key plus its parameters (the form translates it). */
export interface ValueProblem {
  key: string;
  params?: Record<string, unknown>;
}

/** Whether a value counts as "not filled" for required checks. */
export function isEmptyValue(value: unknown): boolean {
  return (
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9\s-]{5,19}$/;

/**
 * The browser-side check of one value against its field definition: required plus the type's own
 * constraints. The server checks the same again; this only saves the user a round trip.
 */
export function checkValue(field: AnyField, value: unknown, required: boolean): ValueProblem | null {
  if (isEmptyValue(value))
    return required && field.type !== 'formula' && field.type !== 'auto_number'
      ? { key: 'field.required' }
      : null;
  switch (field.type) {
    case 'text':
    case 'long_text':
      if (typeof value !== 'string') return { key: 'field.patternMismatch' };
      if (field.maxLength !== undefined && value.length > field.maxLength)
        return { key: 'field.tooLong', params: { max: field.maxLength } };
      if (field.type === 'text' && field.pattern && !new RegExp(field.pattern).test(value))
        return { key: 'field.patternMismatch' };
      return null;
    case 'number':
    case 'currency':
    case 'percent':
      if (typeof value !== 'number' || !Number.isFinite(value)) return { key: 'field.notANumber' };
      if (field.min !== undefined && value < field.min)
        return { key: 'field.belowMin', params: { min: field.min } };
      if (field.max !== undefined && value > field.max)
        return { key: 'field.aboveMax', params: { max: field.max } };
      return null;
    case 'email':
      return EMAIL.test(String(value)) ? null : { key: 'field.invalidEmail' };
    case 'phone':
      return PHONE.test(String(value)) ? null : { key: 'field.invalidPhone' };
    case 'url':
      return /^https?:\/\/[^\s.]+\.[^\s]+$/.test(String(value)) ? null : { key: 'field.invalidUrl' };
    case 'multi_select':
      if (field.maxSelected !== undefined && Array.isArray(value) && value.length > field.maxSelected) {
        return { key: 'field.tooManySelected', params: { max: field.maxSelected } };
      }
      return null;
    case 'attachment':
    case 'image': {
      const n = Array.isArray(value) ? value.length : 0;
      if (field.maxFiles !== undefined && n > field.maxFiles)
        return { key: 'field.tooManyFiles', params: { max: field.maxFiles } };
      if (field.minFiles !== undefined && n < field.minFiles)
        return { key: 'field.tooFewFiles', params: { min: field.minFiles } };
      return null;
    }
    case 'subtable': {
      const n = Array.isArray(value) ? value.length : 0;
      if (field.minRows !== undefined && n < field.minRows)
        return { key: 'field.tooFewRows', params: { min: field.minRows } };
      if (field.maxRows !== undefined && n > field.maxRows)
        return { key: 'field.tooManyRows', params: { max: field.maxRows } };
      return null;
    }
    default:
      return null;
  }
}

/** Parses a `YYYY-MM-DD` text into itself if it is a real calendar date, else null. */
export function parseDate(text: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Parses `YYYY-MM-DD HH:mm` (or the `T` form) in the browser's zone into an ISO instant, else null. */
export function parseDateTime(text: string): string | null {
  const m = /^(\d{4}-\d{1,2}-\d{1,2})[T\s](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const day = parseDate(m[1] as string);
  const [h, min, s] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (!day || h > 23 || min > 59 || s > 59) return null;
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, mo - 1, d, h, min, s).toISOString();
}

/** Parses a typed number ("1,234.5", "1 234,5" is not accepted) into a number, else null. */
export function parseNumber(text: string): number | null {
  const t = text
    .trim()
    .replace(/[,\s]/g, '')
    .replace(/[¥$€£%]/g, '');
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** A byte count as people read it. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
