import { isLookupField, titleFieldOf } from '@stagecraft/engine';
import type { Entity, Locale } from '@stagecraft/schema';
import { formatValue } from '../format/format-value.js';
import type { RecordData } from '../services/runtime-services.js';

/**
 * A record's title as far as the record itself tells it: its display or title field formatted
 * (`titleFieldOf`), else `''`. Never the id; a title field that holds an id (reference, user, org
 * unit) is `''` here too: its name comes from the title look-up (`useRecordTitle`).
 */
export function recordTitle(
  entity: Entity | undefined,
  record: RecordData,
  locale: Locale,
  fieldId?: string,
): string {
  const field = titleFieldOf(entity, fieldId);
  if (!field || isLookupField(field)) return '';
  return formatValue(field, record[field.id], locale);
}
