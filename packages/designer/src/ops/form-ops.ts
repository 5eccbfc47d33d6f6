import type { Entity, FieldType, Form, FormItem, FormSection, FormWidget } from '@stagecraft/schema';
import { FORM_WIDGETS } from '@stagecraft/schema';
import { batch, type Command, command } from '../core/command.js';
import { uniqueId } from '../core/ids.js';
import { insertItem, moveItem, setIn, updateIn } from '../core/path-edit.js';
import { addField, newField } from './entity-ops.js';
import { entityOf, indexOf } from './find.js';

/** Where a form item sits. */
export interface ItemAt {
  form: string;
  section: string;
  index: number;
}

function itemIds(form: Form): string[] {
  return form.sections.flatMap((s) => s.items.map((i) => i.id));
}

/** Adds a form for an entity with one section holding every field. */
export function addForm(entity: Entity, formId: string): Command {
  return command(`add form ${formId}`, (app) => ({
    ...app,
    forms: [
      ...app.forms,
      {
        id: formId,
        entity: entity.id,
        label: entity.label,
        sections: [
          {
            id: 'main',
            columns: 2,
            items: entity.fields.map((f) => ({ id: f.id, field: f.id })),
          },
        ],
      },
    ],
  }));
}

/** Places an existing field on the form at a position. */
export function addFormItem(at: ItemAt, fieldId: string): Command {
  return command(`place ${fieldId}`, (app) => {
    const f = indexOf(app.forms, at.form, 'form');
    const form = app.forms[f] as Form;
    const s = indexOf(form.sections, at.section, 'section');
    const taken = itemIds(form);
    const item: FormItem = {
      id: taken.includes(fieldId) ? uniqueId(fieldId, taken) : fieldId,
      field: fieldId,
    };
    return updateIn(app, ['forms', f, 'sections', s, 'items'], (items) =>
      insertItem(items as FormItem[], item, at.index),
    );
  });
}

/**
 * Dropping a palette type on the canvas: a new field of that type on the entity and its item at the
 * drop position, as one undo step.
 */
export function dropNewField(at: ItemAt, type: FieldType): Command {
  return command(`add ${type}`, (app) => {
    const form = app.forms.find((x) => x.id === at.form);
    const entity = form && entityOf(app, form.entity);
    if (!form || !entity) return app;
    const field = newField(type, entity);
    return batch('', addField(entity.id, field), addFormItem(at, field.id)).run(app);
  });
}

/** Moves an item within or across sections (drag on the canvas, or keyboard). */
export function moveFormItem(
  formId: string,
  itemId: string,
  to: { section: string; index: number },
): Command {
  return command(`move ${itemId}`, (app) => {
    const f = indexOf(app.forms, formId, 'form');
    const form = app.forms[f] as Form;
    const fromS = form.sections.findIndex((s) => s.items.some((i) => i.id === itemId));
    if (fromS < 0) return app;
    const fromSection = form.sections[fromS] as FormSection;
    const fromI = fromSection.items.findIndex((i) => i.id === itemId);
    const toS = indexOf(form.sections, to.section, 'section');
    if (fromS === toS) {
      if (fromI === to.index) return app;
      return setIn(
        app,
        ['forms', f, 'sections', fromS, 'items'],
        moveItem(fromSection.items, fromI, to.index),
      );
    }
    const item = fromSection.items[fromI] as FormItem;
    let next = setIn(
      app,
      ['forms', f, 'sections', fromS, 'items'],
      fromSection.items.filter((i) => i.id !== itemId),
    );
    next = updateIn(next, ['forms', f, 'sections', toS, 'items'], (items) =>
      insertItem(items as FormItem[], item, to.index),
    );
    return next;
  });
}

/** Takes an item off the form (the field stays on the entity). */
export function removeFormItem(formId: string, itemId: string): Command {
  return command(`remove item ${itemId}`, (app) => {
    const f = indexOf(app.forms, formId, 'form');
    return updateIn(app, ['forms', f, 'sections'], (sections) =>
      (sections as FormSection[]).map((s) => ({ ...s, items: s.items.filter((i) => i.id !== itemId) })),
    );
  });
}

/**
 * The built-in widgets that can edit a field type, in catalogue order; the designer offers only
 * these, so it never writes a widget that publish would refuse.
 */
export function widgetsFor(type: FieldType): FormWidget[] {
  return (Object.keys(FORM_WIDGETS) as FormWidget[]).filter((w) =>
    (FORM_WIDGETS[w] as readonly FieldType[]).includes(type),
  );
}

/**
 * Sets item properties (help, span, widget, visibleWhen, requiredWhen, readOnlyWhen); undefined
 * clears one.
 */
export function updateFormItem(
  formId: string,
  itemId: string,
  patch: Partial<Omit<FormItem, 'id'>>,
): Command {
  return command(`edit item ${itemId}`, (app) => {
    const f = indexOf(app.forms, formId, 'form');
    const form = app.forms[f] as Form;
    const s = form.sections.findIndex((x) => x.items.some((i) => i.id === itemId));
    const i = form.sections[s]?.items.findIndex((x) => x.id === itemId) ?? -1;
    if (s < 0 || i < 0) return app;
    let next = app;
    for (const [key, value] of Object.entries(patch))
      next = setIn(next, ['forms', f, 'sections', s, 'items', i, key], value);
    return next;
  });
}

/** Adds an empty section after the others. */
export function addSection(formId: string, label: { 'zh-CN'?: string; en?: string }): Command {
  return command('add section', (app) => {
    const f = indexOf(app.forms, formId, 'form');
    const form = app.forms[f] as Form;
    const id = uniqueId(
      'section',
      form.sections.map((s) => s.id),
    );
    return updateIn(app, ['forms', f, 'sections'], (ss) => [
      ...(ss as FormSection[]),
      { id, label, columns: 2, items: [] },
    ]);
  });
}

/** Sets section properties (label, columns, visibleWhen). */
export function updateSection(
  formId: string,
  sectionId: string,
  patch: Partial<Omit<FormSection, 'id' | 'items'>>,
): Command {
  return command(`edit section ${sectionId}`, (app) => {
    const f = indexOf(app.forms, formId, 'form');
    const s = indexOf((app.forms[f] as Form).sections, sectionId, 'section');
    let next = app;
    for (const [key, value] of Object.entries(patch))
      next = setIn(next, ['forms', f, 'sections', s, key], value);
    return next;
  });
}

/** Removes a section; its items go to the first remaining section so no field disappears from the form. */
export function removeSection(formId: string, sectionId: string): Command {
  return command(`remove section ${sectionId}`, (app) => {
    const f = indexOf(app.forms, formId, 'form');
    const form = app.forms[f] as Form;
    if (form.sections.length < 2) return app;
    const gone = form.sections.find((s) => s.id === sectionId);
    const rest = form.sections.filter((s) => s.id !== sectionId);
    const [first, ...others] = rest as [FormSection, ...FormSection[]];
    return setIn(
      app,
      ['forms', f, 'sections'],
      [{ ...first, items: [...first.items, ...(gone?.items ?? [])] }, ...others],
    );
  });
}
