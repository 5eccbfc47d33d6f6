/**
 * The checks of a record write around the values: keys the client may not send, required fields
 * per operation, fields only the server writes, and the normalized form the store receives. Each
 * value itself is checked by its field type's `check` in @stagecraft/schema, which the browser's
 * form runs too.
 */
import {
  checkFieldValue,
  FIELD_TYPE_TABLE,
  type Field,
  type Issue,
  isEmptyValue as isEmpty,
  isPlainObject,
  issue,
  type Locale,
  localizedIssue,
  normalizeInstant,
  pointer,
  SYSTEM_FIELDS,
  valueIssueText,
} from '@stagecraft/schema';
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
  entity: (id: string) => ({
    en: `No entity "${id}" in the published app.`,
    'zh-CN': `已发布的应用中没有实体「${id}」。`,
  }),
} satisfies Record<string, Record<Locale, string> | ((...a: never[]) => Record<Locale, string>)>;

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
    else if (!FIELD_TYPE_TABLE[field.type].writable)
      issues.push(localizedIssue('VALIDATION_FAILED', pointer(key), text.computed(key), locale));
  }
  return issues;
}

/**
 * The value of every sent field through its type's check: one issue per field, at the JSON pointer
 * of the part at fault (`/items/0/qty`, `/photos/1/mime`).
 */
export function fieldValueIssues(
  compiled: CompiledEntity,
  values: Record<string, unknown>,
  locale: Locale,
): Issue[] {
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(values)) {
    const field = compiled.fields.get(key);
    if (!field) continue;
    const found = checkFieldValue(field, value);
    if (found)
      issues.push(localizedIssue(found.code, pointer(key, ...found.path), valueIssueText(found), locale));
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
    if (!f.required || !FIELD_TYPE_TABLE[f.type].writable) continue;
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
    if (f.type === 'datetime' && typeof v === 'string') out[f.id] = normalizeInstant(v);
    if (f.type === 'subtable' && Array.isArray(v))
      out[f.id] = v.map((row) => (isPlainObject(row) ? normalize(f.fields, row) : row));
  }
  return out;
}
