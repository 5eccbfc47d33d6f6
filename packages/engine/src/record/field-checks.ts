/**
 * The checks of a record write that depend on the field definitions beyond JSON Schema: keys the
 * client may not send, required fields per operation, decimals, accepted file types, subtable rows,
 * and the normalized form of values the store receives.
 */
import {
  type Field,
  type Issue,
  issue,
  type Locale,
  localizedIssue,
  pointer,
  SYSTEM_FIELDS,
} from '@stagecraft/schema';
import { accepts } from '../transition/checks.js';
import type { CompiledEntity } from './compiled-entity.js';
import type { RecordWrite } from './types.js';

/** Messages of record validation, in both locales. */
export const text = {
  notObject: { en: 'The record must be a JSON object.', 'zh-CN': '记录必须是 JSON 对象。' },
  unknown: (id: string) => ({ en: `Unknown field "${id}".`, 'zh-CN': `未知字段「${id}」。` }),
  system: (id: string) => ({
    en: `"${id}" is a system field and cannot be written.`,
    'zh-CN': `「${id}」是系统字段，不能写入。`,
  }),
  computed: (id: string) => ({
    en: `"${id}" is computed by the server and cannot be written.`,
    'zh-CN': `「${id}」由系统计算，不能写入。`,
  }),
  required: { en: 'This field must be filled.', 'zh-CN': '该字段必须填写。' },
  readOnly: (id: string) => ({
    en: `"${id}" is read-only: the system fills it in.`,
    'zh-CN': `「${id}」为只读字段，由系统填写。`,
  }),
  accept: (list: readonly string[]) => ({
    en: `Allowed file types: ${list.join(', ')}.`,
    'zh-CN': `允许的文件类型：${list.join('、')}。`,
  }),
  yearRange: {
    en: 'Must be a real date and time between the years 1 and 9999.',
    'zh-CN': '应为公元 1 年至 9999 年之间的有效日期时间。',
  },
  decimals: (n: number) => ({ en: `At most ${n} decimal places.`, 'zh-CN': `最多 ${n} 位小数。` }),
  entity: (id: string) => ({
    en: `No entity "${id}" in the published app.`,
    'zh-CN': `已发布的应用中没有实体「${id}」。`,
  }),
} satisfies Record<string, Record<Locale, string> | ((...a: never[]) => Record<Locale, string>)>;

export function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Year 1 to 9999 in UTC: what PostgreSQL stores and `toISOString` writes (a leap second is not). */
const STORABLE_YEAR = /^(?!0000)\d{4}-/;

/** Whether a date or datetime that passed its format is an instant the store can hold. */
function storableTime(value: string): boolean {
  if (value.length === 10) return STORABLE_YEAR.test(value);
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && STORABLE_YEAR.test(new Date(ms).toISOString());
}

/** Whether `value` has at most `decimals` digits after the point (tolerating binary rounding). */
function fitsDecimals(value: number, decimals: number): boolean {
  const scaled = value * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

/** Keys the client may not send: system fields (the stage moves only by transitions) and unknown ones. */
export function keyIssues(
  compiled: CompiledEntity,
  values: Record<string, unknown>,
  locale: Locale,
): Issue[] {
  const issues: Issue[] = [];
  for (const key of Object.keys(values)) {
    const field = compiled.fields.get(key);
    if (key === 'stage') issues.push(issue('STAGE_READ_ONLY', '/stage'));
    else if (Object.hasOwn(SYSTEM_FIELDS, key))
      issues.push(localizedIssue('UNKNOWN_FIELD', pointer(key), text.system(key), locale));
    else if (!field) issues.push(localizedIssue('UNKNOWN_FIELD', pointer(key), text.unknown(key), locale));
    else if (field.type === 'formula' || field.type === 'auto_number')
      issues.push(localizedIssue('VALIDATION_FAILED', pointer(key), text.computed(key), locale));
  }
  return issues;
}

/** Decimals of numbers and currencies, and required leaf fields of subtable rows. */
export function valueIssues(
  fields: readonly Field[],
  values: Record<string, unknown>,
  locale: Locale,
  base: PropertyKey[] = [],
): Issue[] {
  const issues: Issue[] = [];
  for (const f of fields) {
    const v = values[f.id];
    if (typeof v === 'number') {
      const decimals = f.type === 'currency' ? 2 : f.type === 'number' ? f.decimals : undefined;
      if (decimals !== undefined && !fitsDecimals(v, decimals))
        issues.push(
          localizedIssue('VALIDATION_FAILED', pointer(...base, f.id), text.decimals(decimals), locale),
        );
    }
    if ((f.type === 'date' || f.type === 'datetime') && typeof v === 'string' && !storableTime(v)) {
      issues.push(localizedIssue('VALIDATION_FAILED', pointer(...base, f.id), text.yearRange, locale));
    }
    if (f.type === 'attachment' && f.accept && Array.isArray(v)) {
      v.forEach((file: { mime?: string; name?: string }, i) => {
        if (file.mime === undefined && file.name === undefined) return;
        if (
          !accepts(f.accept, {
            id: '',
            mime: file.mime ?? '',
            ...(file.name !== undefined ? { name: file.name } : {}),
          })
        ) {
          issues.push(
            localizedIssue(
              'UPLOAD_TYPE_FORBIDDEN',
              pointer(...base, f.id, i),
              text.accept(f.accept ?? []),
              locale,
            ),
          );
        }
      });
    }
    if (f.type === 'subtable' && Array.isArray(v)) {
      v.forEach((row, i) => {
        if (!isPlainObject(row)) return;
        const at = [...base, f.id, i];
        for (const leaf of f.fields) {
          if (
            leaf.required &&
            leaf.type !== 'formula' &&
            leaf.type !== 'auto_number' &&
            isEmpty(row[leaf.id])
          ) {
            issues.push(localizedIssue('FIELD_REQUIRED', pointer(...at, leaf.id), text.required, locale));
          }
        }
        issues.push(...valueIssues(f.fields, row, locale, at));
      });
    }
  }
  return issues;
}

/** Required fields: all on create; on update those sent, and those still empty in the stored record. */
export function requiredIssues(
  compiled: CompiledEntity,
  write: RecordWrite,
  values: Record<string, unknown>,
): Issue[] {
  const issues: Issue[] = [];
  for (const f of compiled.entity.fields) {
    if (!f.required || f.type === 'formula' || f.type === 'auto_number') continue;
    const sent = f.id in values;
    const value = sent ? values[f.id] : write.operation === 'update' ? write.previous?.[f.id] : undefined;
    if (isEmpty(value))
      issues.push(localizedIssue('FIELD_REQUIRED', pointer(f.id), text.required, write.context.locale));
  }
  return issues;
}

/** Whether two stored values are the same value (numbers from the database may come as text). */
function sameValue(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return a === b;
}

/**
 * Fields marked `readOnly` that an untrusted write tries to change: on create anything but empty or
 * the field's default, on update anything but the stored value. The server fills these fields
 * (automations, transitions), so a user's request cannot forge them.
 */
export function readOnlyIssues(
  compiled: CompiledEntity,
  write: RecordWrite,
  values: Record<string, unknown>,
): Issue[] {
  if (write.trusted) return [];
  const issues: Issue[] = [];
  for (const f of compiled.entity.fields) {
    if (!f.readOnly || !(f.id in values)) continue;
    const allowed =
      write.operation === 'update'
        ? sameValue(values[f.id], write.previous?.[f.id])
        : sameValue(values[f.id], null) || sameValue(values[f.id], f.defaultValue);
    if (!allowed)
      issues.push(localizedIssue('FORBIDDEN', pointer(f.id), text.readOnly(f.id), write.context.locale));
  }
  return issues;
}

/** Normalizes what the store should hold: datetimes in UTC ISO form. */
export function normalize(
  fields: readonly Field[],
  values: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const f of fields) {
    const v = out[f.id];
    if (f.type === 'datetime' && typeof v === 'string') out[f.id] = new Date(v).toISOString();
    if (f.type === 'subtable' && Array.isArray(v))
      out[f.id] = v.map((row) => (isPlainObject(row) ? normalize(f.fields, row) : row));
  }
  return out;
}
