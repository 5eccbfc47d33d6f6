import { useCallback } from 'react';
import type { FieldInputProps } from '../registry/component-registry.js';
import { useRuntime } from '../runtime/runtime-context.js';
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
  const { app, services } = useRuntime();
  const target = field.type === 'reference' ? field.entity : '';
  const displayField = field.type === 'reference' ? field.displayField : undefined;
  const entity = app.entities.find((e) => e.id === target);
  const search = useCallback(
    async (text: string) => {
      const r = await services.listRecords(target, { search: text || undefined, limit: 10 });
      return r.ok
        ? r.value.records.map((rec) => ({ id: rec.id, name: recordTitle(entity, rec, locale, displayField) }))
        : [];
    },
    [services, target, entity, locale, displayField],
  );
  const resolve = useCallback(
    async (id: string) => {
      const r = await services.getRecord(target, id);
      return r.ok ? recordTitle(entity, r.value, locale, displayField) : null;
    },
    [services, target, entity, locale, displayField],
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
