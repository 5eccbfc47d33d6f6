// @vitest-environment jsdom
import {
  createDefaultRegistry,
  createI18n,
  defaultRuleRuntime,
  localRuleSession,
  RuntimeProvider,
  type RuntimeServices,
} from '@stagecraft/renderer';
import type { App } from '@stagecraft/schema';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeDraft } from '../core/normalize.js';
import { Designer } from './Designer.js';
import type { DesignerServices, ServiceResult } from './services.js';

afterEach(() => cleanup());
createI18n('en');

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

/** A draft store with revisions, as the server keeps it: a stale base revision is a conflict. */
class MemoryDraft implements DesignerServices {
  revision = 1;
  definition: unknown = app();
  saves: unknown[] = [];
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
    return { ok: true as const, value: { version: 2, changes: [] } };
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

function renderDesigner(services: MemoryDraft) {
  const runtime = {
    app: app(),
    services: {} as RuntimeServices,
    registry: createDefaultRegistry(),
    rules: defaultRuleRuntime,
    session: localRuleSession(),
  };
  return render(
    <RuntimeProvider runtime={runtime}>
      <Designer
        draft={{ revision: services.revision, definition: services.definition }}
        published={undefined}
        services={services}
        locale="en"
        autosaveDelay={1}
      />
    </RuntimeProvider>,
  );
}

const items = () => [...document.querySelectorAll('.sc-canvas-item')].map((e) => e.getAttribute('data-item'));

describe('Designer', () => {
  it('adds a palette type from the keyboard, undoes and redoes it with Ctrl+Z / Ctrl+Shift+Z, autosaves', async () => {
    const server = new MemoryDraft();
    renderDesigner(server);
    const number = document.querySelector('.sc-palette-item[data-type="number"]') as HTMLElement;
    fireEvent.keyDown(number, { key: 'Enter' });
    expect(items()).toEqual(['name', 'number1']);
    await waitFor(() => expect(server.revision).toBe(2));
    expect((server.definition as App).entities[0]?.fields.map((f) => f.id)).toEqual(['name', 'number1']);
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(items()).toEqual(['name']);
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true, shiftKey: true });
    expect(items()).toEqual(['name', 'number1']);
    await waitFor(() =>
      expect(document.querySelector('.sc-save-status')?.textContent).toBe('Saved · revision 2'),
    );
    // Undo then redo lands on the saved document again: nothing new to save.
    expect(server.saves).toHaveLength(1);
  });

  it('shows a conflict banner instead of overwriting, and reapplies the local edit on the other draft', async () => {
    const server = new MemoryDraft();
    renderDesigner(server);
    // Another admin saves first.
    const theirs = app();
    theirs.entities[0]?.fields.push({ id: 'due', label: { en: 'Due' }, type: 'date' });
    await act(() => server.saveDraft(theirs, 1));
    fireEvent.keyDown(document.querySelector('.sc-palette-item[data-type="email"]') as HTMLElement, {
      key: 'Enter',
    });
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('Another admin saved this draft meanwhile');
    expect(server.saves).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Reload and reapply my edits' }));
    await waitFor(() => expect(server.revision).toBe(3));
    expect((server.definition as App).entities[0]?.fields.map((f) => f.id)).toEqual([
      'name',
      'due',
      'email1',
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('edits a visibility condition with the visual builder', async () => {
    const server = new MemoryDraft();
    renderDesigner(server);
    fireEvent.keyDown(document.querySelector('.sc-palette-item[data-type="boolean"]') as HTMLElement, {
      key: 'Enter',
    });
    fireEvent.click(
      document.querySelector('.sc-canvas-item[data-item="name"] .sc-canvas-field') as HTMLElement,
    );
    const rule = document.querySelector('.sc-rule[data-rule="visibleWhen"]') as HTMLElement;
    fireEvent.click(rule.querySelector('.sc-rule-actions button') as HTMLElement);
    fireEvent.change(screen.getByLabelText('visibleWhen Value'), { target: { value: 'true' } });
    await waitFor(() =>
      expect((server.definition as App).forms[0]?.sections[0]?.items[0]?.visibleWhen).toEqual({
        '==': [{ var: 'boolean1' }, true],
      }),
    );
  });

  it('builds an approval whose branch is decided by people picked by name, and autosaves it', async () => {
    const server = new MemoryDraft();
    Object.assign(server, {
      people: async () => ({ ok: true as const, value: [{ id: 'u1', name: 'Ada Lovelace' }] }),
    });
    renderDesigner(server);
    fireEvent.click(screen.getByRole('tab', { name: 'Approvals' }));
    fireEvent.click(screen.getByRole('button', { name: '+ Add approval' }));
    const kind = screen.getByLabelText('Decided by') as HTMLSelectElement;
    expect(kind.value).toBe('manager_chain');
    const named = screen.getByRole('option', { name: 'Named people' }) as HTMLOptionElement;
    await waitFor(() => expect(named.disabled).toBe(false));
    fireEvent.change(kind, { target: { value: 'users' } });
    await waitFor(() => expect(screen.getByRole('option', { name: 'Ada Lovelace' })).toBeTruthy());
    await waitFor(() => {
      const saved = (server.definition as App).approvals[0];
      expect(saved?.entity).toBe('ticket');
      expect(saved?.steps[0]?.branches[0]?.approvers).toEqual({ type: 'users', users: ['u1'] });
    });
    expect(document.querySelector('[data-approval]')?.textContent).toContain('Ada Lovelace');
  });

  it('builds "3 days after creation → task + notify the manager" with pickers, and autosaves it', async () => {
    const server = new MemoryDraft();
    renderDesigner(server);
    fireEvent.click(screen.getByRole('tab', { name: 'Automations' }));
    fireEvent.click(screen.getByRole('button', { name: '+ Add automation' }));
    const trigger = screen.getByLabelText('When') as HTMLSelectElement;
    // no stage machine on the entity: stage triggers are not offered
    expect([...trigger.options].map((o) => o.value)).not.toContain('stage_sla');
    fireEvent.change(trigger, { target: { value: 'relative_time' } });
    fireEvent.change(screen.getByLabelText('Recipients'), { target: { value: 'owner_manager' } });
    fireEvent.change(screen.getByLabelText('Add action'), { target: { value: 'create_task' } });
    await waitFor(() => {
      const saved = (server.definition as App).automations[0];
      expect(saved?.trigger).toEqual({ type: 'relative_time', field: 'createdAt', offsetHours: 72 });
      expect(saved?.actions.map((a) => a.type)).toEqual(['notify', 'create_task']);
      expect(saved?.actions[0]).toMatchObject({ recipients: [{ type: 'owner_manager', levels: 1 }] });
    });
    expect(screen.getByLabelText('Assigned to')).toBeTruthy();
  });
});
