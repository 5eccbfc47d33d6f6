// @vitest-environment jsdom
import { type App, type Entity, FORM_WIDGETS, type Form, type FormWidget } from '@stagecraft/schema';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DesignerCore } from '../core/designer-core.js';
import { normalizeDraft } from '../core/normalize.js';
import { updateFormItem } from '../ops/form-ops.js';
import { DesignerProvider, useDesigner } from './designer-context.js';
import { FieldProperties } from './FieldProperties.js';

afterEach(() => cleanup());

const fields: Entity['fields'] = [
  { id: 'title', label: { en: 'Title' }, type: 'text' },
  { id: 'score', label: { en: 'Score' }, type: 'number' },
  {
    id: 'kind',
    label: { en: 'Kind' },
    type: 'single_select',
    options: [
      { id: 'a', label: { en: 'A' } },
      { id: 'b', label: { en: 'B' } },
    ],
  },
  { id: 'due', label: { en: 'Due' }, type: 'date' },
];

const app = (): App =>
  normalizeDraft({
    schemaVersion: 2,
    id: 'demo',
    label: { en: 'Demo' },
    entities: [{ id: 'ticket', label: { en: 'Ticket' }, fields }],
    forms: [
      {
        id: 'ticketForm',
        entity: 'ticket',
        label: { en: 'Ticket' },
        sections: [{ id: 'main', items: fields.map((f) => ({ id: f.id, field: f.id })) }],
      },
    ],
  });

/** The property panel of one item, re-read from the core's document after every edit. */
function Panel({ itemId }: { itemId: string }) {
  const { state } = useDesigner();
  const entity = state.doc.entities[0] as Entity;
  const form = state.doc.forms[0] as Form;
  const item = form.sections[0]?.items.find((i) => i.id === itemId);
  return item ? <FieldProperties entity={entity} form={form} item={item} /> : null;
}

function renderPanel(itemId: string, locale: 'en' | 'zh-CN' = 'en', doc: App = app()) {
  const core = new DesignerCore(doc, 1);
  render(
    <DesignerProvider
      value={{ core, locale, published: undefined, selection: { tab: 'form' }, select: () => {} }}
    >
      <Panel itemId={itemId} />
    </DesignerProvider>,
  );
  return core;
}

const select = (name = 'Input style') => screen.getByLabelText(name) as HTMLSelectElement;
const offered = (name?: string) => [...select(name).options].map((o) => o.value);
const itemOf = (core: DesignerCore, id: string) =>
  core.state.doc.forms[0]?.sections[0]?.items.find((i) => i.id === id);

describe('WidgetSelect in the form item properties', () => {
  it('offers Default plus only the widgets that can edit the field type', () => {
    for (const field of fields) {
      const fits = (Object.keys(FORM_WIDGETS) as FormWidget[]).filter((w) =>
        (FORM_WIDGETS[w] as readonly string[]).includes(field.type),
      );
      renderPanel(field.id);
      if (fits.length === 0) expect(screen.queryByLabelText('Input style'), field.id).toBeNull();
      else expect(offered(), field.id).toEqual(['', ...fits]);
      cleanup();
    }
    renderPanel('score');
    expect(offered()).toEqual(['', 'slider']);
    expect(select().options[0]?.textContent).toBe('Default');
  });

  it('sets the widget on the form item through an undoable edit, and Default removes it', () => {
    const core = renderPanel('score');
    fireEvent.change(select(), { target: { value: 'slider' } });
    expect(itemOf(core, 'score')).toEqual({ id: 'score', field: 'score', widget: 'slider' });
    expect(select().value).toBe('slider');
    fireEvent.change(select(), { target: { value: '' } });
    expect(itemOf(core, 'score')).toEqual({ id: 'score', field: 'score' });
    expect(select().value).toBe('');
    act(() => {
      core.undo();
    });
    expect(itemOf(core, 'score')?.widget).toBe('slider');
    expect(select().value).toBe('slider');
  });

  it('speaks the admin’s language and keeps a widget that does not fit visible so it can be cleared', () => {
    const core = renderPanel('kind', 'zh-CN');
    expect(select('输入方式').options[0]?.textContent).toBe('默认');
    fireEvent.change(select('输入方式'), { target: { value: 'radio' } });
    expect(itemOf(core, 'kind')?.widget).toBe('radio');
    cleanup();
    // As the JSON tab could leave it: a widget for another field type.
    const other = renderPanel(
      'due',
      'en',
      updateFormItem('ticketForm', 'due', { widget: 'slider' }).run(app()),
    );
    expect(offered()).toEqual(['', 'slider']);
    expect(select().selectedOptions[0]?.textContent).toBe('slider (cannot edit this field)');
    fireEvent.change(select(), { target: { value: '' } });
    expect(itemOf(other, 'due')).not.toHaveProperty('widget');
  });
});
