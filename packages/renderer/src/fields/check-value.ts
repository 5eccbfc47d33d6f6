import { checkFieldValue, FIELD_TYPE_TABLE, isEmptyValue as isEmpty } from '@stagecraft/schema';
import type { TFunction } from 'i18next';
import type { AnyField } from '../format/format-value.js';

/** A problem with a value, as an i18n key plus its parameters (the form translates it). */
export interface ValueProblem {
  key: string;
  params?: Record<string, unknown>;
  /** The 1-based row of a subtable the problem is in. */
  row?: number;
}

/** The problem's message in the user's language, with the subtable row it is in. */
export function problemMessage(t: TFunction, problem: ValueProblem): string {
  const text = t(problem.key, problem.params ?? {});
  return problem.row === undefined ? text : t('field.inRow', { row: problem.row, message: text });
}

/** Whether a value counts as "not filled" for required checks (the server's definition). */
export const isEmptyValue = isEmpty;

/**
 * The browser-side check of one value against its field definition: required plus the field
 * type's own `check` from the schema's field-type table, the very function the server's record
 * validation runs, so a value the form lets through is one the server accepts. Computed fields
 * are never sent, so they are never checked here.
 */
export function checkValue(field: AnyField, value: unknown, required: boolean): ValueProblem | null {
  if (!FIELD_TYPE_TABLE[field.type].writable) return null;
  if (isEmpty(value)) {
    if (required) return { key: 'field.required' };
    if (value === null || value === undefined) return null;
  }
  const found = checkFieldValue(field, value);
  if (!found) return null;
  const row = field.type === 'subtable' && typeof found.path[0] === 'number' ? found.path[0] + 1 : undefined;
  return {
    key: `field.${found.problem}`,
    params: { ...found.params },
    ...(row !== undefined ? { row } : {}),
  };
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
