import type { Entity, Locale } from '@stagecraft/schema';
import { formatValue } from '../format/format-value.js';
import type { RecordData } from '../services/runtime-services.js';

/** What names a record for people: its title field, else its first text field, else its id. */
export function recordTitle(
  entity: Entity | undefined,
  record: RecordData,
  locale: Locale,
  fieldId?: string,
): string {
  const id = fieldId ?? entity?.titleField ?? entity?.fields.find((f) => f.type === 'text')?.id;
  const field = entity?.fields.find((f) => f.id === id);
  if (!field) return record.id;
  const text = formatValue(field, record[field.id], locale);
  return text || record.id;
}
