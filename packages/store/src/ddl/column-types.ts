/**
 * Column types of entity fields, read from the field-type table of @stagecraft/schema
 * (architecture.md, "Tables"): a new field type declares its column there, not here.
 */
import {
  type ColumnType,
  FIELD_TYPE_TABLE,
  FIELD_TYPES,
  type Field,
  type FieldType,
  storedFieldType,
} from '@stagecraft/schema';

export type { ColumnType };

/** The type a field's values have: a formula's is its result type. */
export function valueType(field: Field): Exclude<FieldType, 'formula'> {
  return storedFieldType(field);
}

/** The column type of a field. */
export function columnType(field: Field): ColumnType {
  const column = FIELD_TYPE_TABLE[valueType(field)].column;
  if (column === null) throw new Error(`Field type ${field.type} declares no column`);
  return column;
}

/** Field types searched by free-text search (ILIKE). */
export const SEARCHABLE_TYPES: ReadonlySet<FieldType> = new Set(
  FIELD_TYPES.filter((t) => FIELD_TYPE_TABLE[t].searchable),
);
