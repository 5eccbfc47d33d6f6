// @vitest-environment jsdom
import { createI18n, type DashboardServices } from '@stagecraft/renderer';
import type { App } from '@stagecraft/schema';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeDraft } from '../core/normalize.js';
import { DashboardDesigner } from './DashboardDesigner.js';
import type { DesignerServices, ServiceResult } from './services.js';

afterEach(() => cleanup());
createI18n('en');

const app = (): App =>
  normalizeDraft({
    schemaVersion: 3,
    id: 'demo',
    label: { en: 'Demo' },
    entities: [
      {
        id: 'ticket',
        label: { en: 'Ticket' },
        fields: [{ id: 'hours', label: { en: 'Hours' }, type: 'number' }],
      },
    ],
    dashboards: [{ kind: 'dashboard', id: 'ops', label: { en: 'Operations' }, columns: 12, widgets: [] }],
  });

/** A draft store with revisions, as the server keeps it: a stale base revision is a conflict. */
class MemoryDraft implements DesignerServices {
  revision = 1;
  definition: App = app();
  saves: App[] = [];
  publishes = 0;
  async loadDraft() {
    return { ok: true as const, value: { revision: this.revision, definition: this.definition } };
  }
  async saveDraft(definition: App, baseRevision: number): Promise<ServiceResult<{ revision: number }>> {
    if (baseRevision !== this.revision)
      return { ok: false, error: { code: 'DRAFT_CONFLICT', message: 'conflict', issues: [] } };
    this.saves.push(definition);
    this.definition = definition;
    this.revision++;
    return { ok: true, value: { revision: this.revision } };
  }
  async publishDryRun() {
    return { ok: true as const, value: [] };
  }
  async publish() {
    this.publishes++;
    return { ok: true as const, value: { version: 7, changes: [] } };
  }
  async published() {
    return { ok: true as const, value: null };
  }
  async versions() {
    return { ok: true as const, value: [] };
  }
  async rollback() {
    return { ok: true as const, value: { version: 3, changes: [] } };
  }
}

// Previews are the renderer's (tested there); here each tile just says it asked for one.
const previews = {
  preview: async () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'preview', details: [] } }),
} as unknown as DashboardServices;

function renderDesigner(server: MemoryDraft) {
  return render(
    <DashboardDesigner
      draft={{ revision: server.revision, definition: server.definition }}
      dashboardId="ops"
      published={app()}
      services={server}
      dashboards={previews}
      locale="en"
      autosaveDelay={1}
    />,
  );
}

const tiles = () =>
  [...document.querySelectorAll('.sc-design-tile')].map((e) => e.getAttribute('data-widget'));
const savedWidgets = (server: MemoryDraft) =>
  server.definition.dashboards.find((d) => d.id === 'ops')?.widgets.map((w) => w.id);

function addWidget(title: string) {
  fireEvent.change(screen.getByLabelText('Title'), { target: { value: title } });
  fireEvent.click(screen.getByRole('button', { name: 'Add widget' }));
}

describe('DashboardDesigner on DesignerCore', () => {
  it('adds a widget, autosaves it with the base revision, and undoes/redoes it with buttons and Ctrl+Z', async () => {
    const server = new MemoryDraft();
    renderDesigner(server);
    addWidget('Tickets');
    expect(tiles()).toEqual(['widget1']);
    await waitFor(() => expect(server.revision).toBe(2));
    expect(savedWidgets(server)).toEqual(['widget1']);
    await waitFor(() =>
      expect(document.querySelector('.sc-save-status')?.textContent).toBe('Saved · revision 2'),
    );

    fireEvent.click(screen.getByRole('button', { name: '↶ Undo' }));
    expect(tiles()).toEqual([]);
    await waitFor(() => expect(server.revision).toBe(3));
    expect(savedWidgets(server)).toEqual([]);
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true, shiftKey: true });
    expect(tiles()).toEqual(['widget1']);
    await waitFor(() => expect(savedWidgets(server)).toEqual(['widget1']));
  });

  it('removes the selected widget as an undoable edit', async () => {
    const server = new MemoryDraft();
    renderDesigner(server);
    addWidget('A');
    addWidget('B');
    expect(tiles()).toEqual(['widget1', 'widget2']);
    fireEvent.click(document.querySelector('[data-widget="widget1"]') as HTMLElement);
    fireEvent.click(screen.getByRole('button', { name: 'Remove widget' }));
    expect(tiles()).toEqual(['widget2']);
    await waitFor(() => expect(savedWidgets(server)).toEqual(['widget2']));
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(tiles()).toEqual(['widget1', 'widget2']);
  });

  it('never overwrites another admin’s save: the banner reapplies the local edit on their draft', async () => {
    const server = new MemoryDraft();
    renderDesigner(server);
    // Another admin adds a widget with the id this designer would pick next.
    const theirs = app();
    theirs.dashboards[0]?.widgets.push({
      id: 'widget1',
      label: { en: 'Theirs' },
      entity: 'ticket',
      chart: 'kpi',
      measures: [{ id: 'm', op: 'count' }],
    } as never);
    await act(() => server.saveDraft(theirs, 1));
    addWidget('Mine');
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('Another admin saved this draft meanwhile');
    expect(banner.textContent).toContain('add widget Mine');
    expect(server.saves).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Reload and reapply my edits' }));
    await waitFor(() => expect(server.revision).toBe(3));
    // Theirs kept, mine replayed on it under the next free id.
    expect(savedWidgets(server)).toEqual(['widget1', 'widget2']);
    expect(server.definition.dashboards[0]?.widgets[1]?.label).toEqual({ 'zh-CN': 'Mine', en: 'Mine' });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('publishes after saving what is pending', async () => {
    const server = new MemoryDraft();
    renderDesigner(server);
    addWidget('Tickets');
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    await screen.findByText('Published version 7');
    expect(server.publishes).toBe(1);
    expect(savedWidgets(server)).toEqual(['widget1']);
  });
});
