/**
 * The field types of the definition language as one table: per type its column, rule value type,
 * SQL kind, display format, filter operators, import coercion, default input, JSON Schema and the
 * one value check the browser and the server both run. Adding a type is one entry here (plus its
 * zod model in documents/entity.ts and its input component in the renderer).
 */
import { FIELD_TYPES, type FieldType, type LeafField, type SubtableField } from '../documents/entity.js';
import {
  checkFiles,
  checkGeoPoint,
  checkOption,
  checkOptions,
  type FILE_KEYS,
  presentKeys,
} from './composite-checks.js';
import type { FieldOf, FieldTypeDescriptor, ValueJsonSchema } from './descriptor.js';
import {
  checkBoolean,
  checkDate,
  checkDateTime,
  checkEmail,
  checkId,
  checkNumber,
  checkPhone,
  checkText,
  checkUrl,
  DEFAULT_MAX_LENGTH,
  isEmptyValue,
  isPlainObject,
  MAX_ID_LENGTH,
  MAX_URL_LENGTH,
  PHONE_PATTERN,
} from './scalar-checks.js';
import { type ValueIssue, valueIssue, within } from './value-issue.js';

/** Largest amount a `numeric(20,2)` column holds with room to spare. */
export const MAX_CURRENCY = 1e17;

const ID: ValueJsonSchema = { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH };

const range = (f: { min?: number | undefined; max?: number | undefined }) => ({
  ...(f.min !== undefined ? { minimum: f.min } : {}),
  ...(f.max !== undefined ? { maximum: f.max } : {}),
});

/** Properties shared by the entries of a group of types. */
const text = {
  column: 'text',
  value: 'string',
  sql: 'text',
  format: 'plain',
  filter: 'text',
  importAs: 'text',
  input: 'TextInput',
  display: 'value',
  searchable: true,
  writable: true,
} as const;
const numeric = {
  column: 'double precision',
  value: 'number',
  sql: 'number',
  filter: 'ordered',
  importAs: 'number',
  input: 'NumberInput',
  display: 'value',
  searchable: false,
  writable: true,
} as const;
const idOf = {
  column: 'text',
  value: 'string',
  sql: 'text',
  format: 'plain',
  filter: 'choice',
  display: 'lookup',
  searchable: false,
  writable: true,
  jsonSchema: () => ID,
  check: (_: unknown, v: unknown) => checkId(v),
} as const;
const files = {
  column: 'jsonb',
  value: 'array',
  sql: 'json',
  format: 'files',
  filter: 'presence',
  importAs: null,
  input: 'FileInput',
  display: 'value',
  searchable: false,
  writable: true,
} as const;
const computed = {
  value: 'any',
  format: 'computed',
  importAs: null,
  input: 'ReadOnlyInput',
  display: 'value',
  writable: false,
  jsonSchema: () => null,
  check: () => null,
} as const;

function filesSchema(field: FieldOf<'attachment' | 'image'>): ValueJsonSchema {
  const props: Record<(typeof FILE_KEYS)[number], ValueJsonSchema> = {
    id: ID,
    name: { type: 'string', maxLength: 255 },
    size: {
      type: 'integer',
      minimum: 0,
      ...(field.maxSizeBytes !== undefined ? { maximum: field.maxSizeBytes } : {}),
    },
    mime: { type: 'string', maxLength: 127, ...(field.type === 'image' ? { pattern: '^image/' } : {}) },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    url: { type: 'string', maxLength: MAX_URL_LENGTH },
  };
  return {
    type: 'array',
    items: { type: 'object', required: ['id'], additionalProperties: false, properties: props },
    ...(field.minFiles !== undefined ? { minItems: field.minFiles } : {}),
    ...(field.maxFiles !== undefined ? { maxItems: field.maxFiles } : {}),
  };
}

/** The row of a subtable: its writable leaf fields (nullable) and an optional stable row `id`. */
function rowSchema(fields: readonly LeafField[]): ValueJsonSchema {
  const properties: Record<string, ValueJsonSchema> = { id: ID };
  for (const f of fields) {
    const s = fieldValueJsonSchema(f);
    if (s) properties[f.id] = nullable(s);
  }
  return { type: 'object', additionalProperties: false, properties };
}

/** A row: only known writable keys, required leaf fields filled, each value checked. */
function checkRow(field: SubtableField, row: unknown): ValueIssue | null {
  if (!isPlainObject(row)) return valueIssue('invalidRow');
  for (const key of presentKeys(row)) {
    if (key === 'id') {
      const found = within(checkId(row.id), 'id');
      if (found) return found;
      continue;
    }
    const leaf = field.fields.find((f) => f.id === key);
    if (!leaf || !FIELD_TYPE_TABLE[leaf.type].writable) return valueIssue('unknownKey', { key }, [key]);
  }
  for (const leaf of field.fields) {
    const v = row[leaf.id];
    if (leaf.required && FIELD_TYPE_TABLE[leaf.type].writable && isEmptyValue(v))
      return valueIssue('required', undefined, [leaf.id]);
    const found = within(checkFieldValue(leaf, v), leaf.id);
    if (found) return found;
  }
  return null;
}

/** The table: one descriptor per field type, in the order of FIELD_TYPES. */
export const FIELD_TYPE_TABLE: { readonly [T in FieldType]: FieldTypeDescriptor<T> } = {
  text: {
    type: 'text',
    label: { 'zh-CN': '文本', en: 'Text' },
    ...text,
    jsonSchema: (f) => ({
      type: 'string',
      maxLength: f.maxLength ?? DEFAULT_MAX_LENGTH.text,
      ...(f.pattern !== undefined ? { pattern: f.pattern } : {}),
    }),
    check: (f, v) => checkText(v, f.maxLength ?? DEFAULT_MAX_LENGTH.text, f.pattern),
  },
  long_text: {
    type: 'long_text',
    label: { 'zh-CN': '多行文本', en: 'Long text' },
    ...text,
    importAs: 'long_text',
    input: 'LongTextInput',
    jsonSchema: (f) => ({ type: 'string', maxLength: f.maxLength ?? DEFAULT_MAX_LENGTH.long_text }),
    check: (f, v) => checkText(v, f.maxLength ?? DEFAULT_MAX_LENGTH.long_text),
  },
  number: {
    type: 'number',
    label: { 'zh-CN': '数字', en: 'Number' },
    ...numeric,
    format: 'number',
    jsonSchema: (f) => ({ type: 'number', ...range(f) }),
    check: (f, v) => checkNumber(v, f),
  },
  currency: {
    type: 'currency',
    label: { 'zh-CN': '金额', en: 'Currency' },
    ...numeric,
    column: 'numeric(20,2)',
    sql: 'money',
    format: 'currency',
    jsonSchema: (f) => ({ type: 'number', minimum: -MAX_CURRENCY, maximum: MAX_CURRENCY, ...range(f) }),
    check: (f, v) =>
      checkNumber(v, {
        min: Math.max(f.min ?? -MAX_CURRENCY, -MAX_CURRENCY),
        max: Math.min(f.max ?? MAX_CURRENCY, MAX_CURRENCY),
        decimals: 2,
      }),
  },
  percent: {
    type: 'percent',
    label: { 'zh-CN': '百分比', en: 'Percent' },
    ...numeric,
    format: 'percent',
    jsonSchema: (f) => ({ type: 'number', ...range(f) }),
    check: (f, v) => checkNumber(v, { min: f.min, max: f.max }),
  },
  date: {
    type: 'date',
    label: { 'zh-CN': '日期', en: 'Date' },
    column: 'date',
    value: 'date',
    sql: 'date',
    format: 'date',
    filter: 'ordered',
    importAs: 'date',
    input: 'DateInput',
    display: 'value',
    searchable: false,
    writable: true,
    jsonSchema: () => ({ type: 'string', format: 'date' }),
    check: (_, v) => checkDate(v),
  },
  datetime: {
    type: 'datetime',
    label: { 'zh-CN': '日期时间', en: 'Date and time' },
    column: 'timestamptz',
    value: 'datetime',
    sql: 'datetime',
    format: 'datetime',
    filter: 'ordered',
    importAs: 'datetime',
    input: 'DateInput',
    display: 'value',
    searchable: false,
    writable: true,
    jsonSchema: () => ({ type: 'string', format: 'date-time' }),
    check: (_, v) => checkDateTime(v),
  },
  boolean: {
    type: 'boolean',
    label: { 'zh-CN': '是/否', en: 'Yes/no' },
    column: 'boolean',
    value: 'boolean',
    sql: 'boolean',
    format: 'boolean',
    filter: 'toggle',
    importAs: 'boolean',
    input: 'BooleanInput',
    display: 'value',
    searchable: false,
    writable: true,
    jsonSchema: () => ({ type: 'boolean' }),
    check: (_, v) => checkBoolean(v),
  },
  single_select: {
    type: 'single_select',
    label: { 'zh-CN': '单选', en: 'Single select' },
    ...text,
    format: 'option',
    filter: 'choice',
    importAs: 'option',
    input: 'SelectInput',
    jsonSchema: (f) => ({ type: 'string', enum: f.options.map((o) => o.id) }),
    check: (f, v) => checkOption(f.options, v),
  },
  multi_select: {
    type: 'multi_select',
    label: { 'zh-CN': '多选', en: 'Multi select' },
    column: 'jsonb',
    value: 'array',
    sql: 'json',
    format: 'options',
    filter: 'set',
    importAs: 'options',
    input: 'MultiSelectInput',
    display: 'value',
    searchable: false,
    writable: true,
    jsonSchema: (f) => ({
      type: 'array',
      items: { type: 'string', enum: f.options.map((o) => o.id) },
      uniqueItems: true,
      ...(f.maxSelected !== undefined ? { maxItems: f.maxSelected } : {}),
    }),
    check: (f, v) => checkOptions(f.options, f.maxSelected, v),
  },
  reference: {
    type: 'reference',
    label: { 'zh-CN': '关联记录', en: 'Reference' },
    ...idOf,
    importAs: 'reference',
    input: 'ReferenceInput',
  },
  user: {
    type: 'user',
    label: { 'zh-CN': '用户', en: 'User' },
    ...idOf,
    importAs: 'user',
    input: 'PeopleInput',
  },
  org_unit: {
    type: 'org_unit',
    label: { 'zh-CN': '组织', en: 'Org unit' },
    ...idOf,
    importAs: 'org_unit',
    input: 'PeopleInput',
  },
  phone: {
    type: 'phone',
    label: { 'zh-CN': '电话', en: 'Phone' },
    ...text,
    jsonSchema: () => ({ type: 'string', pattern: PHONE_PATTERN }),
    check: (_, v) => checkPhone(v),
  },
  email: {
    type: 'email',
    label: { 'zh-CN': '邮箱', en: 'Email' },
    ...text,
    jsonSchema: () => ({ type: 'string', format: 'email', maxLength: 254 }),
    check: (_, v) => checkEmail(v),
  },
  url: {
    type: 'url',
    label: { 'zh-CN': '网址', en: 'URL' },
    ...text,
    jsonSchema: () => ({ type: 'string', format: 'uri', pattern: '^https?://', maxLength: MAX_URL_LENGTH }),
    check: (_, v) => checkUrl(v),
  },
  attachment: {
    type: 'attachment',
    label: { 'zh-CN': '附件', en: 'Attachment' },
    ...files,
    jsonSchema: filesSchema,
    check: (f, v) => checkFiles({ ...f, image: false }, v),
  },
  image: {
    type: 'image',
    label: { 'zh-CN': '图片', en: 'Image' },
    ...files,
    jsonSchema: filesSchema,
    check: (f, v) => checkFiles({ ...f, image: true }, v),
  },
  geo_point: {
    type: 'geo_point',
    label: { 'zh-CN': '位置', en: 'Location' },
    column: 'jsonb',
    value: 'object',
    sql: 'json',
    format: 'geo',
    filter: 'presence',
    importAs: 'geo',
    input: 'GeoPointInput',
    display: 'value',
    searchable: false,
    writable: true,
    jsonSchema: () => ({
      type: 'object',
      required: ['lat', 'lng'],
      additionalProperties: false,
      properties: {
        lat: { type: 'number', minimum: -90, maximum: 90 },
        lng: { type: 'number', minimum: -180, maximum: 180 },
        accuracy: { type: 'number', minimum: 0 },
      },
    }),
    check: (_, v) => checkGeoPoint(v),
  },
  subtable: {
    type: 'subtable',
    label: { 'zh-CN': '明细表', en: 'Line items' },
    column: 'jsonb',
    value: 'array',
    sql: 'json',
    format: 'rows',
    filter: 'presence',
    importAs: 'json',
    input: 'SubtableInput',
    display: 'value',
    searchable: false,
    writable: true,
    jsonSchema: (f) => ({
      type: 'array',
      items: rowSchema(f.fields),
      ...(f.minRows !== undefined ? { minItems: f.minRows } : {}),
      ...(f.maxRows !== undefined ? { maxItems: f.maxRows } : {}),
    }),
    check: (f, v) => {
      if (!Array.isArray(v)) return valueIssue('invalidValue', { expected: 'array' });
      for (let i = 0; i < v.length; i++) {
        const found = within(checkRow(f, v[i]), i);
        if (found) return found;
      }
      if (f.minRows !== undefined && v.length < f.minRows)
        return valueIssue('tooFewRows', { min: f.minRows });
      if (f.maxRows !== undefined && v.length > f.maxRows)
        return valueIssue('tooManyRows', { max: f.maxRows });
      return null;
    },
  },
  formula: {
    type: 'formula',
    label: { 'zh-CN': '公式', en: 'Formula' },
    ...computed,
    column: null,
    sql: null,
    filter: 'presence',
    searchable: false,
  },
  auto_number: {
    type: 'auto_number',
    label: { 'zh-CN': '自动编号', en: 'Auto number' },
    ...computed,
    column: 'text',
    value: 'string',
    sql: 'text',
    format: 'plain',
    filter: 'ordered',
    searchable: true,
  },
};

/** The descriptor of a field's type. */
export function fieldTypeOf<T extends FieldType>(type: T): FieldTypeDescriptor<T> {
  return FIELD_TYPE_TABLE[type] as FieldTypeDescriptor<T>;
}

/** The type a field's values have: a formula's is its result type. */
export function storedFieldType(field: {
  type: FieldType;
  resultType?: FieldType;
}): Exclude<FieldType, 'formula'> {
  return (field.type === 'formula' ? field.resultType : field.type) as Exclude<FieldType, 'formula'>;
}

/**
 * The one check of a field value, run by the browser's form and by the server's record
 * validation: null and undefined are "not set" (required is the caller's concern), anything else
 * must be a value of the field's type. Computed fields accept nothing but "not set".
 */
export function checkFieldValue(field: LeafField | FieldOf<'subtable'>, value: unknown): ValueIssue | null {
  if (value === null || value === undefined) return null;
  const descriptor = FIELD_TYPE_TABLE[field.type] as FieldTypeDescriptor;
  if (!descriptor.writable) return valueIssue('invalidValue');
  return descriptor.check(field as never, value);
}

const nullable = (schema: ValueJsonSchema): ValueJsonSchema =>
  Array.isArray(schema.enum)
    ? { ...schema, type: [schema.type, 'null'], enum: [...schema.enum, null] }
    : { ...schema, type: [schema.type, 'null'] };

/** The JSON Schema of one field's value, or null for computed fields the client may not send. */
export function fieldValueJsonSchema(field: LeafField | FieldOf<'subtable'>): ValueJsonSchema | null {
  return (FIELD_TYPE_TABLE[field.type] as FieldTypeDescriptor).jsonSchema(field as never);
}

/** The JSON Schema of a record payload: every writable field, nullable, nothing else. */
export function payloadJsonSchema(fields: readonly (LeafField | FieldOf<'subtable'>)[]): ValueJsonSchema {
  const properties: Record<string, ValueJsonSchema> = {};
  for (const f of fields) {
    const s = fieldValueJsonSchema(f);
    if (s) properties[f.id] = nullable(s);
  }
  return { type: 'object', additionalProperties: false, properties };
}

/** Field types holding numbers (SQL kind `number` or `money`): sums, averages and numeric casts need them. */
export const NUMERIC_FIELD_TYPES: readonly FieldType[] = FIELD_TYPES.filter((t) => {
  const kind = FIELD_TYPE_TABLE[t].sql;
  return kind === 'number' || kind === 'money';
});
