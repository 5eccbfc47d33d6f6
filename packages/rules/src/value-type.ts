import type { FieldType } from '@stagecraft/schema';

/** The static types the checker reasons about; `any` is unknown and compatible with everything. */
export type ValueType =
  | 'number'
  | 'string'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'array'
  | 'object'
  | 'null'
  | 'any';

/** The rule-level type of a field's value as records carry it. */
export function valueTypeOfField(type: FieldType): ValueType {
  switch (type) {
    case 'number':
    case 'currency':
    case 'percent':
      return 'number';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'boolean':
      return 'boolean';
    case 'multi_select':
    case 'attachment':
    case 'image':
    case 'subtable':
      return 'array';
    case 'geo_point':
      return 'object';
    case 'formula':
      return 'any';
    default:
      return 'string';
  }
}

/** The type of a literal found in a rule. */
export function valueTypeOfLiteral(value: unknown): ValueType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'object':
      return 'object';
    default:
      return 'any';
  }
}
