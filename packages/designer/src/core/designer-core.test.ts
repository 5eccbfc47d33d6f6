import { type App, FORM_WIDGETS, type FormWidget } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { addField, newField, removeField, updateField } from '../ops/entity-ops.js';
import { addForm, dropNewField, moveFormItem, updateFormItem, widgetsFor } from '../ops/form-ops.js';
import { DesignerCore } from './designer-core.js';
import { normalizeDraft } from './normalize.js';

const app = (): App =>
  normalizeDraft({
    schemaVersion: 2,
    id: 'demo',
    label: { en: 'Demo' },
    entities: [
      {
        id: 'ticket',
        label: { en: 'Ticket' },
        fields: [{ id: 'name', label: { en: 'Name' }, type: 'text' }],
      },
    ],
    forms: [
      {
        id: 'ticketForm',
        entity: 'ticket',
        label: { en: 'Ticket' },
        sections: [{ id: 'main', items: [{ id: 'name', field: 'name' }] }],
      },
    ],
  });

describe('DesignerCore', () => {
  it('undoes and redoes every edit in order', () => {
    const core = new DesignerCore(app(), 1);
    const original = core.state.doc;
    core.execute(dropNewField({ form: 'ticketForm', section: 'main', index: 1 }, 'number'));
    core.execute(updateField('ticket', 'number1', { required: true }));
    expect(core.state.doc.entities[0]?.fields.map((f) => f.id)).toEqual(['name', 'number1']);
    expect(core.state.doc.forms[0]?.sections[0]?.items.map((i) => i.field)).toEqual(['name', 'number1']);
    expect(core.undo()).toBe(true);
    expect(core.state.doc.entities[0]?.fields[1]).not.toHaveProperty('required');
    expect(core.undo()).toBe(true);
    expect(core.state.doc).toBe(original);
    expect(core.undo()).toBe(false);
    core.redo();
    core.redo();
    expect(core.state.doc.entities[0]?.fields[1]).toMatchObject({ id: 'number1', required: true });
    expect(core.state.canRedo).toBe(false);
  });

  it('forgets redo after a new edit and tracks dirtiness against the saved document', () => {
    const core = new DesignerCore(app(), 3);
    expect(core.state.dirty).toBe(false);
    core.execute(updateField('ticket', 'name', { required: true }));
    core.undo();
    expect(core.state.dirty).toBe(false);
    core.execute(updateField('ticket', 'name', { unique: true }));
    expect(core.state.canRedo).toBe(false);
    expect(core.state.dirty).toBe(true);
    core.markSaved(core.state.doc, 4);
    expect(core.state).toMatchObject({ dirty: false, revision: 4 });
    expect(core.unsavedLabels).toEqual([]);
  });

  it('keeps edits made while a save was in flight unsaved', () => {
    const core = new DesignerCore(app(), 1);
    core.execute(updateField('ticket', 'name', { required: true }));
    const sent = core.state.doc;
    core.execute(updateField('ticket', 'name', { unique: true }));
    core.markSaved(sent, 2);
    expect(core.unsavedLabels).toEqual(['edit field name']);
    expect(core.state.dirty).toBe(true);
  });

  it('replays unsaved edits on the other admin’s newer draft after a conflict', () => {
    const core = new DesignerCore(app(), 1);
    core.execute(updateField('ticket', 'name', { required: true }));
    const theirs = app();
    const entity = theirs.entities[0] as App['entities'][number];
    const other = addField('ticket', newField('date', entity)).run(theirs);
    core.rebase(other, 2);
    const fields = core.state.doc.entities[0]?.fields ?? [];
    expect(fields.map((f) => f.id)).toEqual(['name', 'date1']);
    expect(fields[0]).toMatchObject({ required: true });
    expect(core.state).toMatchObject({ revision: 2, dirty: true });
    core.undo();
    expect(core.state.doc).toEqual(other);
  });

  it('removing a field takes it off forms and views too, moving items reorders them', () => {
    let doc = dropNewField({ form: 'ticketForm', section: 'main', index: 0 }, 'email').run(app());
    expect(doc.forms[0]?.sections[0]?.items.map((i) => i.id)).toEqual(['email1', 'name']);
    doc = moveFormItem('ticketForm', 'email1', { section: 'main', index: 1 }).run(doc);
    expect(doc.forms[0]?.sections[0]?.items.map((i) => i.id)).toEqual(['name', 'email1']);
    doc = removeField('ticket', 'email1').run(doc);
    expect(doc.entities[0]?.fields.map((f) => f.id)).toEqual(['name']);
    expect(doc.forms[0]?.sections[0]?.items.map((i) => i.id)).toEqual(['name']);
  });

  it('a new form holds every field of its entity', () => {
    const base = app();
    const doc = addForm(base.entities[0] as App['entities'][number], 'other').run({ ...base, forms: [] });
    expect(doc.forms[0]?.sections[0]?.items.map((i) => i.field)).toEqual(['name']);
  });

  it('sets a form item’s widget, clears it with undefined, and undoes and redoes both', () => {
    const core = new DesignerCore(app(), 1);
    const item = () => core.state.doc.forms[0]?.sections[0]?.items[0];
    core.execute(updateFormItem('ticketForm', 'name', { widget: 'textarea' }));
    expect(item()).toEqual({ id: 'name', field: 'name', widget: 'textarea' });
    core.execute(updateFormItem('ticketForm', 'name', { widget: undefined }));
    expect(item()).toEqual({ id: 'name', field: 'name' });
    expect(core.undo()).toBe(true);
    expect(item()?.widget).toBe('textarea');
    expect(core.undo()).toBe(true);
    expect(item()).not.toHaveProperty('widget');
    core.redo();
    expect(item()?.widget).toBe('textarea');
    core.redo();
    expect(item()).not.toHaveProperty('widget');
    expect(core.state.canRedo).toBe(false);
  });

  it('offers for a field type exactly the built-in widgets that can edit it', () => {
    const edits = (w: FormWidget, type: string) => (FORM_WIDGETS[w] as readonly string[]).includes(type);
    for (const type of ['text', 'number', 'percent', 'single_select', 'date'] as const) {
      const expected = (Object.keys(FORM_WIDGETS) as FormWidget[]).filter((w) => edits(w, type));
      expect(widgetsFor(type), type).toEqual(expected);
    }
    expect(widgetsFor('date')).toEqual([]);
    expect(widgetsFor('number')).toContain('slider');
  });
});
