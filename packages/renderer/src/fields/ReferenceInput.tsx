import { isLookupField, titleFieldOf } from '@stagecraft/engine';
import { localize } from '@stagecraft/schema';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldInputProps } from '../registry/component-registry.js';
import { useRuntime } from '../runtime/runtime-context.js';
import type { RecordData } from '../services/runtime-services.js';
import { type TitleRef, titleCacheFor } from '../titles/title-cache.js';
import { titleText } from '../titles/title-text.js';
import { recordTitle } from './record-title.js';
import { SearchPicker } from './SearchPicker.js';

/** Picks a record of another entity, searching it through the records list (`search`). */
export function ReferenceInput({
  field,
  value,
  onChange,
  inputId,
  disabled,
  invalid,
  describedBy,
  locale,
}: FieldInputProps) {
  const { t } = useTranslation();
  const { app, services } = useRuntime();
  const target = field.type === 'reference' ? field.entity : '';
  const displayField = field.type === 'reference' ? field.displayField : undefined;
  const entity = app.entities.find((e) => e.id === target);
  const untitled = t('title.untitled', { entity: localize(entity?.label, locale) });
  const refTo = useCallback(
    (id: string): TitleRef => ({
      kind: 'reference',
      entity: target,
      id,
      ...(displayField ? { field: displayField } : {}),
    }),
    [target, displayField],
  );
  const search = useCallback(
    async (text: string) => {
      const r = await services.listRecords(target, { search: text || undefined, limit: 10 });
      if (!r.ok) return [];
      const records: RecordData[] = r.value.records;
      // A title that is itself a reference (a visit named by its store) is looked up in one batch.
      if (isLookupField(titleFieldOf(entity, displayField) ?? undefined)) {
        const cache = titleCacheFor(services, locale);
        await cache.want(records.map((rec) => refTo(rec.id)));
        return records.map((rec) => ({ id: rec.id, name: titleText(cache.get(refTo(rec.id)), t, untitled) }));
      }
      return records.map((rec) => ({
        id: rec.id,
        name: recordTitle(entity, rec, locale, displayField) || untitled,
      }));
    },
    [services, target, entity, locale, displayField, refTo, t, untitled],
  );
  const resolve = useCallback(
    async (id: string) => {
      const cache = titleCacheFor(services, locale);
      await cache.want([refTo(id)]);
      const state = cache.get(refTo(id));
      return state === null ? null : titleText(state, t, untitled);
    },
    [services, locale, refTo, t, untitled],
  );
  return (
    <SearchPicker
      inputId={inputId}
      value={typeof value === 'string' ? value : null}
      onChange={onChange}
      search={search}
      resolve={resolve}
      disabled={disabled}
      invalid={invalid}
      describedBy={describedBy}
    />
  );
}
