import { isLookupField, titleFieldOf } from '@stagecraft/engine';
import type { Entity, Locale } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useTranslation } from 'react-i18next';
import { recordTitle } from '../fields/record-title.js';
import type { RecordData } from '../services/runtime-services.js';
import { titleRefOf } from './title-refs.js';
import { titleText } from './title-text.js';
import { useTitle } from './useTitle.js';

/**
 * A record's title for people: its title field's text, or, when the title field is a reference,
 * user or org unit, the name behind it (a visit is named by its store). Never the record's id.
 */
export function useRecordTitle(entity: Entity, record: RecordData, locale: Locale): string {
  const { t } = useTranslation();
  const field = titleFieldOf(entity);
  const ref = field && isLookupField(field) ? titleRefOf(field, record[field.id]) : null;
  const state = useTitle(ref, locale);
  const untitled = t('title.untitled', { entity: localize(entity.label, locale) });
  if (ref) return titleText(state, t, untitled);
  return recordTitle(entity, record, locale) || untitled;
}
