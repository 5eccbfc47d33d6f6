/**
 * What names a record for people, as one rule the server (titles, exports, dashboard labels) and
 * the renderer (cards, headings, pickers) share: a reference's display field, else the entity's
 * title field, else its first text field. A title field that is itself a reference, user or org
 * unit names the record by the title or name it points at (a visit is named by its store).
 */
import type { Entity, Field } from '@stagecraft/schema';

/** Field types whose value is an id that people know by a name. */
export type LookupFieldType = 'reference' | 'user' | 'org_unit';

/** Whether a field holds an id to be shown by its title or name (reference, user, org unit). */
export function isLookupField(
  field: { type: string } | undefined,
): field is Field & { type: LookupFieldType } {
  return field?.type === 'reference' || field?.type === 'user' || field?.type === 'org_unit';
}

/**
 * The field of `entity` that names its records, or null when nothing names them (no title and no
 * text field, or a title pointing at a system field such as `id`: an id names nothing for people).
 */
export function titleFieldOf(entity: Entity | undefined, displayField?: string): Field | null {
  if (!entity) return null;
  const shown = displayField ? entity.fields.find((f) => f.id === displayField) : undefined;
  if (shown) return shown;
  if (entity.titleField) return entity.fields.find((f) => f.id === entity.titleField) ?? null;
  return entity.fields.find((f) => f.type === 'text') ?? null;
}
