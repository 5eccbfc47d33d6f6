import { useEffect, useState } from 'react';
import type { FieldDisplayProps } from '../registry/component-registry.js';
import { useRuntime } from '../runtime/runtime-context.js';
import type { RuntimeServices } from '../services/runtime-services.js';
import { recordTitle } from './record-title.js';

/** Names already looked up, per services instance, so a list of 1,000 rows asks once per id. */
const names = new WeakMap<RuntimeServices, Map<string, Promise<string>>>();

/** Shows the name behind an id: the referenced record's title, a user's or an org unit's name. */
export function LookupDisplay({ field, value, locale }: FieldDisplayProps) {
  const { app, services } = useRuntime();
  const [text, setText] = useState<string>(typeof value === 'string' ? value : '');
  useEffect(() => {
    if (typeof value !== 'string' || value === '') return setText('');
    const cache = names.get(services) ?? new Map<string, Promise<string>>();
    names.set(services, cache);
    const key = `${field.type}:${field.type === 'reference' ? field.entity : ''}:${value}:${locale}`;
    let found = cache.get(key);
    if (!found) {
      found =
        field.type === 'reference'
          ? services.getRecord(field.entity, value).then((r) =>
              r.ok
                ? recordTitle(
                    app.entities.find((e) => e.id === field.entity),
                    r.value,
                    locale,
                    field.displayField,
                  )
                : value,
            )
          : (field.type === 'org_unit' ? services.orgUnits('') : services.users('')).then(
              (list) => list.find((c) => c.id === value)?.name ?? value,
            );
      cache.set(key, found);
    }
    let live = true;
    void found.then((t) => live && setText(t));
    return () => {
      live = false;
    };
  }, [app, services, field, value, locale]);
  return <span>{text}</span>;
}
