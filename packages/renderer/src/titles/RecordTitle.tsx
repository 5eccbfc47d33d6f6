import type { Entity, Locale } from '@stagecraft/schema';
import type { RecordData } from '../services/runtime-services.js';
import { useRecordTitle } from './useRecordTitle.js';

/** A record's title as text (see `useRecordTitle`), for cards, headings and drill lists. */
export function RecordTitle({
  entity,
  record,
  locale,
}: {
  entity: Entity;
  record: RecordData;
  locale: Locale;
}) {
  return <>{useRecordTitle(entity, record, locale)}</>;
}
