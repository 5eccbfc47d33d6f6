// @vitest-environment jsdom
import { App, type ListView as ListViewDoc } from '@stagecraft/schema';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { MemoryServices } from '../testing/memory-services.js';
import { renderWithRuntime } from '../testing/render-runtime.js';
import { sampleApp } from '../testing/sample-app.js';
import { filterToLogic } from './filter-logic.js';
import { type ListToolbarContext, ListView } from './ListView.js';
import { SavedViewStore } from './saved-views.js';

const app = App.parse(sampleApp);
const view = app.views.find((v) => v.id === 'deals') as ListViewDoc;
const lastQuery = (s: MemoryServices) =>
  s.calls.filter((c) => c.method === 'listRecords').at(-1)?.args[1] as Record<string, unknown>;
const rows = () => document.querySelectorAll('.sc-body-row');

function seeded(n: number) {
  const services = new MemoryServices();
  services.seed(
    'deal',
    Array.from({ length: n }, (_, i) => ({
      id: `d${i}`,
      name: `Deal ${String(i).padStart(5, '0')}`,
      amount: (i % 7) * 1000,
      tier: i % 2 ? 'a' : 'b',
    })),
  );
  return services;
}

describe('ListView', () => {
  it('shows the view columns with the default sort and locale-formatted values', async () => {
    const services = seeded(3);
    renderWithRuntime(<ListView view={view} onOpen={() => {}} />, sampleApp, { services });
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent?.trim())).toEqual([
      'Name ▲',
      'Amount',
      'Tier',
    ]);
    expect(lastQuery(services).sort).toEqual([{ field: 'name', direction: 'asc' }]);
    expect(screen.getByText('CN¥1,000.00')).toBeTruthy();
    expect(screen.getAllByText('Tier A').length).toBeGreaterThan(0);
    expect(screen.getByText('3 records')).toBeTruthy();
  });

  it('keeps 10,000 rows smooth: only a window of rows is in the DOM', async () => {
    const services = seeded(10_000);
    renderWithRuntime(<ListView view={view} onOpen={() => {}} pageSize={10_000} />, sampleApp, { services });
    await waitFor(() => expect(screen.getByText('10,000 records')).toBeTruthy());
    expect(rows().length).toBeGreaterThan(0);
    expect(rows().length).toBeLessThan(60);
  });

  it('sorts by a clicked column, toggling direction', async () => {
    const services = seeded(5);
    renderWithRuntime(<ListView view={view} onOpen={() => {}} />, sampleApp, { services });
    await waitFor(() => expect(rows()).toHaveLength(5));
    fireEvent.click(screen.getByRole('button', { name: /Amount/ }));
    await waitFor(() => expect(lastQuery(services).sort).toEqual([{ field: 'amount', direction: 'asc' }]));
    fireEvent.click(screen.getByRole('button', { name: /Amount/ }));
    await waitFor(() => expect(lastQuery(services).sort).toEqual([{ field: 'amount', direction: 'desc' }]));
    await waitFor(() => expect(rows()[0]?.textContent).toContain('CN¥4,000.00'));
  });

  it('builds a filter interactively and sends it as JSON Logic', async () => {
    const services = seeded(20);
    renderWithRuntime(<ListView view={view} onOpen={() => {}} />, sampleApp, { services });
    await waitFor(() => expect(rows()).toHaveLength(20));
    fireEvent.click(screen.getByRole('button', { name: 'Filters' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add condition' }));
    const row = screen.getByTestId('filter-row');
    fireEvent.change(row.querySelector('select') as HTMLSelectElement, { target: { value: 'amount' } });
    fireEvent.change(row.querySelectorAll('select')[1] as HTMLSelectElement, { target: { value: 'ge' } });
    fireEvent.change(screen.getByLabelText('Value'), { target: { value: '5000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(lastQuery(services).filter).toEqual({ '>=': [{ var: 'amount' }, 5000] }));
    await waitFor(() => expect(rows().length).toBe(5));
    expect(screen.getByRole('button', { name: 'Filters (1)' })).toBeTruthy();
  });

  it('searches, and says so when nothing matches', async () => {
    const services = seeded(5);
    renderWithRuntime(<ListView view={view} onOpen={() => {}} />, sampleApp, { services });
    await waitFor(() => expect(rows()).toHaveLength(5));
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'nothing-like-this' } });
    expect(await screen.findByText('No records match.')).toBeTruthy();
    expect(lastQuery(services).search).toBe('nothing-like-this');
  });

  it('pages through the records', async () => {
    const services = seeded(120);
    renderWithRuntime(<ListView view={view} onOpen={() => {}} />, sampleApp, { services });
    await screen.findByText('Page 1 of 3');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText('Page 2 of 3');
    expect(lastQuery(services)).toMatchObject({ limit: 50, offset: 50 });
  });

  it('tells the toolbar slot what the list shows, without paging, and reloads on request', async () => {
    const services = seeded(120);
    const seen: ListToolbarContext[] = [];
    renderWithRuntime(
      <ListView
        view={view}
        onOpen={() => {}}
        toolbar={(list) => {
          seen.push(list);
          return (
            <button type="button" onClick={list.reload}>
              Reload
            </button>
          );
        }}
      />,
      sampleApp,
      { services },
    );
    await screen.findByText('Page 1 of 3');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText('Page 2 of 3');
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'Deal 0001' } });
    await waitFor(() => expect(seen.at(-1)?.search).toBe('Deal 0001'));
    expect(seen.at(-1)).toMatchObject({ sort: [{ field: 'name', direction: 'asc' }] });
    expect(seen.at(-1)).not.toHaveProperty('offset');
    const before = services.calls.filter((c) => c.method === 'listRecords').length;
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() =>
      expect(services.calls.filter((c) => c.method === 'listRecords').length).toBe(before + 1),
    );
  });

  it('shows empty and error states, and opens a record on click', async () => {
    const onOpen = vi.fn();
    const services = new MemoryServices();
    const { unmount } = renderWithRuntime(<ListView view={view} onOpen={onOpen} />, sampleApp, { services });
    expect(await screen.findByText('No records yet.')).toBeTruthy();
    unmount();
    const failing = seeded(1);
    failing.listRecords = async () => ({
      ok: false,
      error: { status: 500, code: 'INTERNAL_ERROR', message: 'boom', details: [] },
    });
    const second = renderWithRuntime(<ListView view={view} onOpen={onOpen} />, sampleApp, {
      services: failing,
    });
    expect((await screen.findByRole('alert')).textContent).toContain('Could not load records: boom');
    second.unmount();
    renderWithRuntime(<ListView view={view} onOpen={onOpen} />, sampleApp, { services: seeded(1) });
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.click(rows()[0] as Element);
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'd0' }));
  });
});

describe('filter logic and saved views', () => {
  it('joins conditions with and/or and skips incomplete ones', () => {
    expect(filterToLogic({ match: 'all', conditions: [] })).toBeNull();
    expect(
      filterToLogic({
        match: 'any',
        conditions: [
          { field: 'tier', op: 'eq', value: 'a' },
          { field: 'name', op: 'contains', value: 'x' },
          { field: 'qty', op: 'gt' },
        ],
      }),
    ).toEqual({
      or: [{ '==': [{ var: 'tier' }, 'a'] }, { in: ['x', { var: 'name' }] }],
    });
    expect(filterToLogic({ match: 'all', conditions: [{ field: 'notes', op: 'empty' }] })).toEqual({
      '==': [{ var: 'notes' }, null],
    });
  });
  it('saves, lists and removes named views in storage', () => {
    const mem = new Map<string, string>();
    const store = new SavedViewStore('k', {
      getItem: (k) => mem.get(k) ?? null,
      setItem: (k, v) => void mem.set(k, v),
    });
    store.save({ name: 'Big', filter: { match: 'all', conditions: [] }, sort: [], search: '' });
    store.save({ name: 'Hot', filter: { match: 'all', conditions: [] }, sort: [], search: 'x' });
    expect(store.list().map((v) => v.name)).toEqual(['Big', 'Hot']);
    expect(store.remove('Big').map((v) => v.name)).toEqual(['Hot']);
  });
});
