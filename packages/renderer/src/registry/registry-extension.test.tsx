// @vitest-environment jsdom
// A shell extends the renderer through its public entry only: a widget and a view type registered
// here are rendered by the unchanged form and view host.
import { App, FORM_WIDGETS } from '@stagecraft/schema';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import {
  createDefaultRegistry,
  type FieldInputProps,
  FormRenderer,
  type RecordData,
  useRuntime,
  type ViewDocument,
  type ViewProps,
  ViewRenderer,
} from '../index.js';
import { MemoryServices } from '../testing/memory-services.js';
import { renderWithRuntime } from '../testing/render-runtime.js';
import { sampleApp } from '../testing/sample-app.js';

/** A widget the core does not ship: a number picked as 1–5 stars. */
function StarsInput({ value, onChange, inputId, disabled }: FieldInputProps) {
  return (
    <span id={inputId} className="stars">
      {[1, 2, 3, 4, 5].map((n) => (
        <button
          key={n}
          type="button"
          disabled={disabled}
          aria-pressed={typeof value === 'number' && n <= value}
          onClick={() => onChange(n)}
        >
          {`${n} stars`}
        </button>
      ))}
    </span>
  );
}

/** A view type the core does not ship: records grouped by their due date. */
interface CalendarDoc extends ViewDocument {
  type: 'calendar';
  dateField: string;
}
function CalendarView({ view, onOpen }: ViewProps<CalendarDoc>) {
  const { services } = useRuntime();
  const [rows, setRows] = useState<RecordData[]>([]);
  useEffect(() => {
    void services
      .listRecords(view.entity, { sort: [{ field: view.dateField, direction: 'asc' }] })
      .then((r) => r.ok && setRows(r.value.records));
  }, [services, view]);
  return (
    <ol aria-label="calendar">
      {rows.map((r) => (
        <li key={r.id}>
          <button type="button" onClick={() => onOpen(r)}>{`${r[view.dateField]} ${r.name}`}</button>
        </li>
      ))}
    </ol>
  );
}

const app = App.parse(sampleApp);
const deal = app.entities.find((e) => e.id === 'deal')!;
const formWith = (widget: string, field = 'qty') => ({
  id: 'wForm',
  entity: 'deal',
  label: { en: 'W' },
  sections: [
    {
      id: 's',
      items: [
        { id: 'iName', field: 'name' },
        { id: 'iW', field, widget },
      ],
    },
  ],
});
const shellRegistry = () =>
  createDefaultRegistry()
    .clone()
    .registerWidget('stars', { input: StarsInput, fieldTypes: ['number'] })
    .registerView('calendar', CalendarView);

describe('registering from outside the core', () => {
  it('a new widget replaces the field type input in the form and its value is saved', async () => {
    const services = new MemoryServices();
    const form = formWith('stars');
    const onSaved = vi.fn();
    renderWithRuntime(<FormRenderer form={form} entity={deal} onSaved={onSaved} />, sampleApp, {
      services,
      registry: shellRegistry(),
    });
    const row = document.querySelector('[data-field="qty"]') as HTMLElement;
    expect(row.querySelector('.stars')).toBeTruthy();
    expect(row.querySelector('input')).toBeNull();
    fireEvent.change(screen.getByLabelText(/Name/), { target: { value: 'Starred' } });
    fireEvent.click(screen.getByRole('button', { name: '4 stars' }));
    expect(screen.getByRole('button', { name: '4 stars' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(services.calls.find((c) => c.method === 'createRecord')?.args).toEqual([
      'deal',
      { name: 'Starred', qty: 4 },
    ]);
  });

  it('falls back to the field type input for a widget this shell lacks or one of another field type', () => {
    const { unmount } = renderWithRuntime(
      <FormRenderer form={formWith('gauge')} entity={deal} onSaved={() => {}} />,
      sampleApp,
      { registry: shellRegistry() },
    );
    expect(screen.getByLabelText('Quantity').getAttribute('inputmode')).toBe('decimal');
    unmount();
    renderWithRuntime(
      <FormRenderer form={formWith('stars', 'amount')} entity={deal} onSaved={() => {}} />,
      sampleApp,
      { registry: shellRegistry() },
    );
    expect(screen.queryByRole('button', { name: '4 stars' })).toBeNull();
    expect(screen.getByLabelText('Amount').getAttribute('inputmode')).toBe('decimal');
  });

  it('a new view type is rendered by the view host with the shell callbacks', async () => {
    const services = new MemoryServices();
    services.seed('deal', [
      { id: 'd1', name: 'Later', dueDate: '2025-05-02' },
      { id: 'd2', name: 'Sooner', dueDate: '2025-05-01' },
    ]);
    const onOpen = vi.fn();
    const view: CalendarDoc = {
      id: 'cal',
      type: 'calendar',
      entity: 'deal',
      label: { en: 'Calendar' },
      dateField: 'dueDate',
    };
    renderWithRuntime(<ViewRenderer view={view} onOpen={onOpen} />, sampleApp, {
      services,
      registry: shellRegistry(),
    });
    const items = await screen.findAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(['2025-05-01 Sooner', '2025-05-02 Later']);
    fireEvent.click(screen.getByRole('button', { name: '2025-05-01 Sooner' }));
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'd2' }));
  });

  it('an unregistered view type is explained in the user language instead of breaking the page', () => {
    const view = { id: 'cal', type: 'calendar', entity: 'deal', label: { en: 'Calendar' } };
    const { unmount } = renderWithRuntime(<ViewRenderer view={view} onOpen={() => {}} />, sampleApp);
    expect(screen.getByRole('alert').textContent).toBe('This app cannot show views of type “calendar”.');
    unmount();
    renderWithRuntime(<ViewRenderer view={view} onOpen={() => {}} />, sampleApp, { locale: 'zh-CN' });
    expect(screen.getByRole('alert').textContent).toBe('当前应用无法显示“calendar”类型的视图。');
  });
});

describe('the default registry', () => {
  it('registers every built-in widget for exactly the field types the schema gives it', () => {
    const r = createDefaultRegistry();
    expect(r.widgetNames().sort()).toEqual(Object.keys(FORM_WIDGETS).sort());
    for (const [name, types] of Object.entries(FORM_WIDGETS))
      expect(r.widget(name)?.fieldTypes).toEqual(types);
    expect(r.viewTypes().sort()).toEqual(['board', 'list']);
  });

  it('shows list and board documents through their registered view types (the board loads lazily)', async () => {
    const services = new MemoryServices();
    services.seed('deal', [{ id: 'd1', name: 'Acme', amount: 10, stage: 'lead' }]);
    const list = app.views.find((v) => v.type === 'list')!;
    const board = app.views.find((v) => v.type === 'board')!;
    const { unmount } = renderWithRuntime(<ViewRenderer view={list} onOpen={() => {}} />, sampleApp, {
      services,
    });
    expect(await screen.findByRole('columnheader', { name: /Name/ })).toBeTruthy();
    expect(await screen.findByText('Acme')).toBeTruthy();
    unmount();
    renderWithRuntime(<ViewRenderer view={board} onOpen={() => {}} />, sampleApp, { services });
    await waitFor(() =>
      expect(document.querySelector('[data-stage="lead"] [data-record-id="d1"]')).toBeTruthy(),
    );
    expect(document.querySelectorAll('.sc-column')).toHaveLength(4);
  });
});
