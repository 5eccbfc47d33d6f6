import type { Field, FieldType } from '@stagecraft/schema';

/** The SQL column types entity fields map to (architecture.md, "Tables"). */
export type ColumnType =
  | 'text'
  | 'double precision'
  | 'numeric(20,2)'
  | 'date'
  | 'timestamptz'
  | 'boolean'
  | 'jsonb';

const COLUMN_OF: Record<Exclude<FieldType, 'formula'>, ColumnType> = {
  text: 'text',
  long_text: 'text',
  phone: 'text',
  email: 'text',
  url: 'text',
  single_select: 'text',
  reference: 'text',
  user: 'text',
  org_unit: 'text',
  auto_number: 'text',
  number: 'double precision',
  percent: 'double precision',
  currency: 'numeric(20,2)',
  date: 'date',
  datetime: 'timestamptz',
  boolean: 'boolean',
  multi_select: 'jsonb',
  attachment: 'jsonb',
  image: 'jsonb',
  geo_point: 'jsonb',
  subtable: 'jsonb',
};

/** The type a field's values have: a formula's is its result type. */
export function valueType(field: Field): Exclude<FieldType, 'formula'> {
  return field.type === 'formula' ? field.resultType : field.type;
}

/** The column type of a field. */
export function columnType(field: Field): ColumnType {
  return COLUMN_OF[valueType(field)];
}

/** Field types searched by free-text search (ILIKE). */
export const SEARCHABLE_TYPES: ReadonlySet<FieldType> = new Set([
  'text',
  'long_text',
  'phone',
  'email',
  'url',
  'auto_number',
  'single_select',
]);
