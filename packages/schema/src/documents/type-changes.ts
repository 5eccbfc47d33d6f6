/**
 * Which field type changes a publish may make. The store converts the column; publish refuses the
 * other changes before anything is touched. The reference docs list this table.
 */
import { storedFieldType } from '../field-types/field-type-table.js';
import type { Field, FieldType } from './entity.js';

const TEXTUAL: readonly FieldType[] = ['text', 'long_text'];

/**
 * Allowed conversions `from → to` besides keeping the type. Everything scalar may become text; the
 * numeric types convert among each other except into currency (which rounds to 2 decimals);
 * a single choice may become a multiple choice; a date may become a datetime (midnight, app zone).
 */
export const CONVERTIBLE_TYPE_CHANGES: Readonly<Partial<Record<FieldType, readonly FieldType[]>>> = {
  text: ['long_text'],
  long_text: ['text'],
  phone: TEXTUAL,
  email: TEXTUAL,
  url: TEXTUAL,
  number: ['percent', ...TEXTUAL],
  percent: ['number', ...TEXTUAL],
  currency: ['number', 'percent', ...TEXTUAL],
  date: ['datetime', ...TEXTUAL],
  datetime: TEXTUAL,
  boolean: TEXTUAL,
  single_select: ['multi_select', ...TEXTUAL],
  reference: TEXTUAL,
  user: TEXTUAL,
  org_unit: TEXTUAL,
  auto_number: TEXTUAL,
  attachment: ['image'],
  image: ['attachment'],
};

/** The type a field's column holds: formulas store their result type. */
function storedType(field: Field): FieldType {
  return storedFieldType(field);
}

/** Whether a field may change from `before` to `after` without losing data. */
export function isConvertible(before: Field, after: Field): boolean {
  if (before.type === 'reference' && after.type === 'reference') return before.entity === after.entity;
  if (after.type === 'formula') return storedType(before) === storedType(after);
  const from = storedType(before);
  const to = storedType(after);
  return from === to || (CONVERTIBLE_TYPE_CHANGES[from]?.includes(to) ?? false);
}
