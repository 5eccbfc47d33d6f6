/**
 * The structural part of a record payload as JSON Schema, compiled by ajv once per published entity:
 * types, formats, ranges, options, nested shapes and no unknown keys. Required fields, decimals,
 * formulas and validation rules depend on the operation and are checked in code afterwards.
 */
import type { Entity, Field, LeafField } from '@stagecraft/schema';

type Schema = Record<string, unknown>;

/** Longest text accepted when a field sets no `maxLength` (columns are unbounded `text`). */
export const DEFAULT_MAX_LENGTH = { text: 2_000, long_text: 200_000 } as const;

/** Phone numbers: digits with optional leading +, spaces, dashes and parentheses. */
export const PHONE_PATTERN = '^\\+?[0-9(][0-9 ()-]{3,29}$';

const ID = { type: 'string', minLength: 1, maxLength: 128 };

const nullable = (schema: Schema): Schema => {
  if (Array.isArray(schema.enum)) return { ...schema, enum: [...schema.enum, null] };
  return { ...schema, type: [schema.type, 'null'] };
};

function fileSchema(field: Extract<Field, { type: 'attachment' | 'image' }>): Schema {
  const file: Schema = {
    type: 'object',
    required: ['id'],
    additionalProperties: false,
    properties: {
      id: ID,
      name: { type: 'string', maxLength: 255 },
      mime:
        field.type === 'image'
          ? { type: 'string', maxLength: 127, pattern: '^image/' }
          : { type: 'string', maxLength: 127 },
      size: { type: 'integer', minimum: 0, ...(field.maxSizeBytes ? { maximum: field.maxSizeBytes } : {}) },
      // What reads return may be sent back; the server replaces both with its own (no url stored).
      sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      url: { type: 'string', maxLength: 2_000 },
    },
  };
  return {
    type: 'array',
    items: file,
    ...(field.minFiles ? { minItems: field.minFiles } : {}),
    ...(field.maxFiles ? { maxItems: field.maxFiles } : {}),
  };
}

function range(field: { min?: number; max?: number }): Schema {
  return {
    ...(field.min !== undefined ? { minimum: field.min } : {}),
    ...(field.max !== undefined ? { maximum: field.max } : {}),
  };
}

/** The JSON Schema of one field's value, or null for computed fields the client may not send. */
export function fieldValueSchema(field: Field): Schema | null {
  switch (field.type) {
    case 'text':
      return {
        type: 'string',
        maxLength: field.maxLength ?? DEFAULT_MAX_LENGTH.text,
        ...(field.pattern !== undefined ? { pattern: field.pattern } : {}),
      };
    case 'long_text':
      return { type: 'string', maxLength: field.maxLength ?? DEFAULT_MAX_LENGTH.long_text };
    case 'number':
    case 'percent':
      return { type: 'number', ...range(field) };
    case 'currency':
      return { type: 'number', minimum: -1e17, maximum: 1e17, ...range(field) };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'boolean':
      return { type: 'boolean' };
    case 'single_select':
      return { enum: field.options.map((o) => o.id) };
    case 'multi_select':
      return {
        type: 'array',
        items: { enum: field.options.map((o) => o.id) },
        uniqueItems: true,
        ...(field.maxSelected ? { maxItems: field.maxSelected } : {}),
      };
    case 'reference':
    case 'user':
    case 'org_unit':
      return ID;
    case 'phone':
      return { type: 'string', pattern: PHONE_PATTERN };
    case 'email':
      return { type: 'string', format: 'email', maxLength: 254 };
    case 'url':
      return { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2_000 };
    case 'attachment':
    case 'image':
      return fileSchema(field);
    case 'geo_point':
      return {
        type: 'object',
        required: ['lat', 'lng'],
        additionalProperties: false,
        properties: {
          lat: { type: 'number', minimum: -90, maximum: 90 },
          lng: { type: 'number', minimum: -180, maximum: 180 },
          accuracy: { type: 'number', minimum: 0 },
        },
      };
    case 'subtable':
      return {
        type: 'array',
        items: rowSchema(field.fields),
        ...(field.minRows ? { minItems: field.minRows } : {}),
        ...(field.maxRows ? { maxItems: field.maxRows } : {}),
      };
    case 'formula':
    case 'auto_number':
      return null;
  }
}

/** A subtable row: its leaf fields (nullable) and an optional stable row `id`. */
function rowSchema(fields: readonly LeafField[]): Schema {
  const properties: Record<string, Schema> = { id: ID };
  for (const f of fields) {
    const s = fieldValueSchema(f);
    if (s) properties[f.id] = nullable(s);
  }
  return { type: 'object', additionalProperties: false, properties };
}

/** The payload schema of an entity: every writable field, nullable, nothing else. */
export function payloadSchema(entity: Entity): Schema {
  const properties: Record<string, Schema> = {};
  for (const f of entity.fields) {
    const s = fieldValueSchema(f);
    if (s) properties[f.id] = nullable(s);
  }
  return { type: 'object', additionalProperties: false, properties };
}
