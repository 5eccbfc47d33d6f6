import type { App, Entity, ListView } from '@stagecraft/schema';

/** Field types that read well in a table cell. */
const COLUMN_TYPES = new Set([
  'text',
  'number',
  'currency',
  'percent',
  'date',
  'datetime',
  'single_select',
  'reference',
  'user',
  'phone',
  'email',
  'auto_number',
  'boolean',
]);

/** A list view for an entity that has none: its first six simple fields, newest first. */
export function defaultListView(entity: Entity): ListView {
  const fields = entity.fields.filter((f) => COLUMN_TYPES.has(f.type)).slice(0, 6);
  return {
    id: `${entity.id}All`.slice(0, 40),
    type: 'list',
    entity: entity.id,
    label: entity.pluralLabel ?? entity.label,
    columns: (fields.length ? fields : entity.fields.slice(0, 1)).map((f) => ({
      id: `c_${f.id}`.slice(0, 40),
      field: f.id,
    })),
    sort: [{ field: 'updatedAt', direction: 'desc' }],
  };
}

/** The app's views plus a default list for every entity no list view covers, so every entity is reachable. */
export function withDefaultListViews(app: App): App {
  const listed = new Set(app.views.filter((v) => v.type === 'list').map((v) => v.entity));
  const extra = app.entities.filter((e) => !listed.has(e.id) && e.fields.length > 0).map(defaultListView);
  return extra.length ? { ...app, views: [...app.views, ...extra] } : app;
}
