import type { ListColumn, View } from '@stagecraft/schema';
import { type Command, command } from '../core/command.js';
import { uniqueId } from '../core/ids.js';
import { setIn } from '../core/path-edit.js';
import { indexOf } from './find.js';

/** Adds a list view of an entity showing the given fields. */
export function addListView(entityId: string, id: string, label: View['label'], fields: string[]): Command {
  return command(`add view ${id}`, (app) => ({
    ...app,
    views: [
      ...app.views,
      { id, entity: entityId, label, type: 'list', columns: fields.map((f) => ({ id: f, field: f })) },
    ],
  }));
}

/** Sets view properties (columns, filter, sort, cardFields, aggregates, label); undefined clears one. */
export function updateView(viewId: string, patch: Record<string, unknown>): Command {
  return command(`edit view ${viewId}`, (app) => {
    const i = indexOf(app.views, viewId, 'view');
    let next = app;
    for (const [k, v] of Object.entries(patch)) next = setIn(next, ['views', i, k], v);
    return next;
  });
}

/** Column list from an ordered field list, keeping the ids and widths of columns already there. */
export function columnsFor(current: readonly ListColumn[], fields: readonly string[]): ListColumn[] {
  const byField = new Map(current.map((c) => [c.field, c]));
  const taken = current.map((c) => c.id);
  return fields.map((f) => byField.get(f) ?? { id: taken.includes(f) ? uniqueId(f, taken) : f, field: f });
}
