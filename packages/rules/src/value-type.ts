import { FIELD_TYPE_TABLE, type FieldType, type ValueKind } from '@stagecraft/schema';

/** The static types the checker reasons about; `any` is unknown and compatible with everything. */
export type ValueType = ValueKind | 'null';

/** The rule-level type of a field's value as records carry it (its `value` in the field-type table). */
export function valueTypeOfField(type: FieldType): ValueType {
  return FIELD_TYPE_TABLE[type].value;
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
