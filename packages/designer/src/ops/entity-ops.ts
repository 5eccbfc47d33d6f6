import {
  type App,
  type Entity,
  FIELD_TYPE_TABLE,
  type Field,
  type FieldType,
  type LocalizedText,
} from '@stagecraft/schema';
import { batch, type Command, command } from '../core/command.js';
import { uniqueId } from '../core/ids.js';
import { insertItem, setIn, updateIn } from '../core/path-edit.js';
import { indexOf } from './find.js';

/** The palette name of a field type in both languages. */
export function fieldTypeLabel(type: FieldType): LocalizedText {
  return FIELD_TYPE_TABLE[type].label;
}

/**
 * A new field of `type` with a fresh id and what the type needs to be valid (two options for a
 * select, a target for a reference, a column for line items, an expression for a formula).
 */
export function newField(type: FieldType, entity: Entity): Field {
  const id = uniqueId(
    type.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()),
    entity.fields.map((f) => f.id),
  );
  const n = id.match(/\d+$/)?.[0] ?? '';
  const label = {
    'zh-CN': `${FIELD_TYPE_TABLE[type].label['zh-CN']}${n}`,
    en: `${FIELD_TYPE_TABLE[type].label.en} ${n}`,
  };
  const options = [
    { id: 'opt1', label: { 'zh-CN': '选项一', en: 'Option 1' } },
    { id: 'opt2', label: { 'zh-CN': '选项二', en: 'Option 2' } },
  ];
  switch (type) {
    case 'single_select':
    case 'multi_select':
      return { id, label, type, options } as Field;
    case 'reference':
      return { id, label, type, entity: entity.id } as Field;
    case 'subtable':
      return {
        id,
        label,
        type,
        fields: [{ id: 'item', label: { 'zh-CN': '项目', en: 'Item' }, type: 'text' }],
      } as Field;
    case 'formula':
      return { id, label, type, expression: 0, resultType: 'number' } as Field;
    default:
      return { id, label, type } as Field;
  }
}

/** Adds an entity with one text field used as its title. */
export function addEntity(id: string, label: LocalizedText): Command {
  return command(`add entity ${id}`, (app) => ({
    ...app,
    entities: [
      ...app.entities,
      {
        id,
        label,
        titleField: 'name',
        fields: [{ id: 'name', label: { 'zh-CN': '名称', en: 'Name' }, type: 'text', required: true }],
      },
    ],
  }));
}

/** Changes entity properties (labels, title field). */
export function updateEntity(entityId: string, patch: Partial<Entity>): Command {
  return command(`edit entity ${entityId}`, (app) =>
    updateIn(app, ['entities', indexOf(app.entities, entityId, 'entity')], (e) => ({
      ...(e as Entity),
      ...patch,
    })),
  );
}

/** Appends (or inserts) a field; the id is returned through `onId` so the caller can place it on a form. */
export function addField(entityId: string, field: Field, index?: number): Command {
  return command(`add field ${field.id}`, (app) => {
    const i = indexOf(app.entities, entityId, 'entity');
    return updateIn(app, ['entities', i, 'fields'], (fs) => insertItem(fs as Field[], field, index));
  });
}

/** Sets field properties; a key set to undefined is removed (e.g. clearing the help text). */
export function updateField(entityId: string, fieldId: string, patch: Record<string, unknown>): Command {
  return command(`edit field ${fieldId}`, (app) => {
    const i = indexOf(app.entities, entityId, 'entity');
    const entity = app.entities[i] as Entity;
    const j = indexOf(entity.fields, fieldId, 'field');
    let next = app;
    for (const [key, value] of Object.entries(patch))
      next = setIn(next, ['entities', i, 'fields', j, key], value);
    return next;
  });
}

/**
 * Removes a field and every form item, list column and card field showing it. Its stored values are
 * archived by the publish, not deleted; the publish dialog says how many.
 */
export function removeField(entityId: string, fieldId: string): Command {
  return batch(
    `remove field ${fieldId}`,
    command('', (app) => {
      const i = indexOf(app.entities, entityId, 'entity');
      return updateIn(app, ['entities', i, 'fields'], (fs) =>
        (fs as Field[]).filter((f) => f.id !== fieldId),
      );
    }),
    command('', (app) => ({
      ...app,
      forms: app.forms.map((form) =>
        form.entity !== entityId
          ? form
          : {
              ...form,
              sections: form.sections.map((s) => ({
                ...s,
                items: s.items.filter((it) => it.field !== fieldId),
              })),
            },
      ),
      views: app.views.map((v) => {
        if (v.entity !== entityId) return v;
        if (v.type === 'list') {
          const columns = v.columns.filter((c) => c.field !== fieldId);
          return columns.length > 0 ? { ...v, columns } : v;
        }
        return { ...v, cardFields: v.cardFields.filter((f) => f !== fieldId) };
      }),
    })),
  );
}

/** The list of field types the palette offers, with their labels, in the language's order. */
export function paletteOf(types: readonly FieldType[]): { type: FieldType; label: LocalizedText }[] {
  return types.map((type) => ({ type, label: FIELD_TYPE_TABLE[type].label }));
}

/** The app with nothing changed (so callers can test that a command is a no-op). */
export const identity = (app: App): App => app;
