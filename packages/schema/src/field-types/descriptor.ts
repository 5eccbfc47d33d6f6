/**
 * The shape of one entry of the field-type table: everything the packages need to know about a
 * field type, as data (house style: "each operator is a data descriptor").
 */
import type { Field, FieldType } from '../documents/entity.js';
import type { Bilingual } from '../errors.js';
import type { ValueIssue } from './value-issue.js';

/** The SQL column types entity fields map to (architecture.md, "Tables"). */
export type ColumnType =
  | 'text'
  | 'double precision'
  | 'numeric(20,2)'
  | 'date'
  | 'timestamptz'
  | 'boolean'
  | 'jsonb';

/** The type rules reason about (the `ValueType` of @stagecraft/rules). */
export type ValueKind = 'string' | 'number' | 'boolean' | 'date' | 'datetime' | 'array' | 'object' | 'any';

/**
 * How SQL reads the column in comparisons and aggregates: `number` as is, `money` cast to float
 * (numeric), `date`/`datetime` as dates and instants, `json` only for presence.
 */
export type SqlKind = 'text' | 'number' | 'money' | 'boolean' | 'date' | 'datetime' | 'json';

/** How the renderer formats a value for display. */
export type FormatKind =
  | 'plain'
  | 'number'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'option'
  | 'options'
  | 'files'
  | 'geo'
  | 'rows'
  | 'computed';

/** How an import turns a spreadsheet cell into a value (the server holds one coercion per kind). */
export type ImportKind =
  | 'text'
  | 'long_text'
  | 'number'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'option'
  | 'options'
  | 'reference'
  | 'user'
  | 'org_unit'
  | 'geo'
  | 'json';

/** Which operators a list filter offers on the field. */
export type FilterKind = 'ordered' | 'toggle' | 'choice' | 'set' | 'text' | 'presence';

/** The renderer's default input component of the type (the registry maps the name to it). */
export type InputName =
  | 'TextInput'
  | 'LongTextInput'
  | 'NumberInput'
  | 'DateInput'
  | 'BooleanInput'
  | 'SelectInput'
  | 'MultiSelectInput'
  | 'ReferenceInput'
  | 'PeopleInput'
  | 'FileInput'
  | 'GeoPointInput'
  | 'SubtableInput'
  | 'ReadOnlyInput';

/** A JSON Schema object. */
export type ValueJsonSchema = Record<string, unknown>;

/** The field definition of one type. */
export type FieldOf<T extends FieldType> = Extract<Field, { type: T }>;

/** Everything about one field type. */
export interface FieldTypeDescriptor<T extends FieldType = FieldType> {
  type: T;
  /** The name the designer's palette shows. */
  label: Bilingual;
  /** Column of the entity table; null for a formula, whose column is its result type's. */
  column: ColumnType | null;
  value: ValueKind;
  sql: SqlKind | null;
  format: FormatKind;
  filter: FilterKind;
  /** How an import reads a cell; null when a spreadsheet cannot fill the field. */
  importAs: ImportKind | null;
  input: InputName;
  /** `lookup` shows a name looked up from the id instead of the stored value. */
  display: 'value' | 'lookup';
  /** Free-text search looks into it (ILIKE). */
  searchable: boolean;
  /** Clients may send it; false for values the server computes. */
  writable: boolean;
  /** The JSON Schema of a value (API docs, OpenAPI); null for computed fields. */
  jsonSchema(field: FieldOf<T>): ValueJsonSchema | null;
  /** The one check of a non-null value, run by the browser and by the server. */
  check(field: FieldOf<T>, value: unknown): ValueIssue | null;
}
