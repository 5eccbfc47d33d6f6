import { isLookupField, titleFieldOf } from '@stagecraft/engine';
import type { App, Entity } from '@stagecraft/schema';
import { SYSTEM_FIELDS } from '@stagecraft/schema';
import type { RecordData } from '../services/runtime-services.js';
import type { TitleRef } from './title-cache.js';

/** A field as far as naming its values goes: its type and, for references, what it names. */
export interface NamedField {
  type: string;
  entity?: string;
  displayField?: string;
}

/** The name to ask for behind one value of a field; null for plain fields and empty values. */
export function titleRefOf(field: NamedField | undefined, value: unknown): TitleRef | null {
  if (!isLookupField(field) || typeof value !== 'string' || value === '') return null;
  if (field.type === 'reference')
    return {
      kind: 'reference',
      entity: field.entity,
      id: value,
      ...(field.displayField ? { field: field.displayField } : {}),
    };
  return { kind: field.type === 'user' ? 'user' : 'org_unit', id: value };
}

/** A field of an entity by id, system fields (owner, orgUnit, createdBy…) included. */
function fieldOf(entity: Entity, id: string): NamedField | undefined {
  const system = (SYSTEM_FIELDS as Record<string, string>)[id];
  return entity.fields.find((f) => f.id === id) ?? (system ? { type: system } : undefined);
}

/**
 * Every name a page of records shows: the values of its lookup columns and each record's title when
 * the title field is a lookup (a visit named by its store). Asked in one request by lists and boards.
 */
export function titleRefsOf(
  app: App,
  entityId: string,
  records: readonly RecordData[],
  fieldIds: readonly string[],
): TitleRef[] {
  const entity = app.entities.find((e) => e.id === entityId);
  if (!entity) return [];
  const title = titleFieldOf(entity);
  const ids = new Set(fieldIds);
  if (title && isLookupField(title)) ids.add(title.id);
  const lookups = [...ids]
    .map((id) => [id, fieldOf(entity, id)] as const)
    .filter(([, f]) => isLookupField(f));
  const refs: TitleRef[] = [];
  for (const r of records)
    for (const [id, f] of lookups) {
      const ref = titleRefOf(f, r[id]);
      if (ref) refs.push(ref);
    }
  return refs;
}
