import type { App, Entity, Form } from '@stagecraft/schema';

/**
 * The form to create or edit an entity's records with: the requested one, else the entity's first
 * form, else one generated from the entity (every field, one two-column section).
 */
export function formFor(app: App, entity: Entity, formId?: string): Form {
  const declared = app.forms.filter((f) => f.entity === entity.id);
  const found = (formId ? declared.find((f) => f.id === formId) : undefined) ?? declared[0];
  if (found) return found;
  return {
    id: `${entity.id}Default`.slice(0, 40),
    entity: entity.id,
    label: entity.label,
    sections: [
      {
        id: 'main',
        columns: 2,
        items: entity.fields.map((f) => ({
          id: f.id,
          field: f.id,
          ...(f.type === 'subtable' || f.type === 'long_text' ? { span: 2 } : {}),
        })),
      },
    ],
  };
}
