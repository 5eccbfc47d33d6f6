import { useCallback } from 'react';
import type { FieldInputProps } from '../registry/component-registry.js';
import { useRuntime } from '../runtime/runtime-context.js';
import { SearchPicker } from './SearchPicker.js';

/** User and org-unit pickers: the same search picker over the workspace's directory. */
export function PeopleInput({
  field,
  value,
  onChange,
  inputId,
  disabled,
  invalid,
  describedBy,
}: FieldInputProps) {
  const { services } = useRuntime();
  const load = field.type === 'org_unit' ? services.orgUnits : services.users;
  const search = useCallback((text: string) => load.call(services, text), [load, services]);
  const resolve = useCallback(
    async (id: string) => (await load.call(services, '')).find((c) => c.id === id)?.name ?? null,
    [load, services],
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
