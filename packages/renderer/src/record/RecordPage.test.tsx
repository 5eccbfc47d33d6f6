// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MemoryServices } from '../testing/memory-services.js';
import { renderWithRuntime } from '../testing/render-runtime.js';
import { sampleApp } from '../testing/sample-app.js';
import { RecordPage } from './RecordPage.js';

function services() {
  const s = new MemoryServices();
  s.seed('deal', [{ id: 'd1', version: 2, name: 'Acme renewal', amount: 5000, stage: 'lead' }]);
  s.transitionOptions = [
    {
      id: 'toQuote',
      to: 'quote',
      allowed: false,
      reasons: [{ path: '/record/phone', message: 'Add a phone number first' }],
    },
    { id: 'lose', to: 'lost', allowed: true, reasons: [] },
  ];
  s.historyEntries = [{ from: null, to: 'lead', by: 'u1', at: '2026-01-05T08:00:00.000Z', dwellMs: null }];
  s.auditEntries = [
    {
      id: 'a1',
      action: 'create',
      actor: 'u1',
      at: '2026-01-05T08:00:00.000Z',
      changes: { amount: { from: null, to: 5000 } },
    },
  ];
  s.people = [{ id: 'u1', name: 'Li Lei' }];
  return s;
}

describe('RecordPage', () => {
  it('shows the stage path, key fields with guidance, and each blocked transition with its reason', async () => {
    renderWithRuntime(<RecordPage entityId="deal" recordId="d1" />, sampleApp, { services: services() });
    expect(await screen.findByRole('heading', { name: 'Acme renewal' })).toBeTruthy();
    expect(document.querySelector('.sc-path-current')?.textContent).toBe('Lead');
    expect(screen.getByText('Qualify the need')).toBeTruthy();
    expect(screen.getByText(/Estimate it/)).toBeTruthy();
    await screen.findByText('Add a phone number first');
    expect((screen.getByRole('button', { name: 'Send quote → Quote' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    expect((screen.getByRole('button', { name: 'Lose → Lost' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows the SLA state of the current stage', async () => {
    const s = services();
    s.sla = { state: 'overdue', dwellMs: 80 * 3_600_000, dueAt: '2026-01-08T08:00:00.000Z' };
    renderWithRuntime(<RecordPage entityId="deal" recordId="d1" />, sampleApp, { services: s });
    await waitFor(() =>
      expect(document.querySelector('[data-sla="overdue"]')?.textContent).toContain('Overdue · due'),
    );
  });

  it('lists evidence given to past transitions under attachments, named by requirement', async () => {
    const s = services();
    s.files.set('f9', {
      id: 'f9',
      name: 'signed-offer.pdf',
      size: 1200,
      mime: 'application/pdf',
      url: '/files/f9',
    });
    s.historyEntries = [
      {
        from: 'lead',
        to: 'quote',
        by: 'u1',
        at: '2026-01-06T08:00:00.000Z',
        dwellMs: 3_600_000,
        transitionId: 'toQuote',
        evidence: { proposal: ['f9'] },
      },
    ];
    renderWithRuntime(<RecordPage entityId="deal" recordId="d1" />, sampleApp, { services: s });
    const link = await screen.findByRole('link', { name: 'signed-offer.pdf' });
    expect(link.getAttribute('href')).toBe('/files/f9');
    expect(link.parentElement?.textContent).toContain('Proposal');
    expect(screen.getByText(/Moved from Lead to Quote \(after 1 hr\)/)).toBeTruthy();
  });

  it('shows the timeline with audited changes and people by name', async () => {
    renderWithRuntime(<RecordPage entityId="deal" recordId="d1" />, sampleApp, { services: services() });
    await screen.findByText('Created');
    expect(screen.getByText('Amount: — → CN¥5,000.00')).toBeTruthy();
    await waitFor(() => expect(document.querySelector('.sc-timeline')?.textContent).toContain('Li Lei'));
    expect(screen.getByText(/Moved from — to Lead/)).toBeTruthy();
  });

  it('names references, people and org units in audit entries, with one title request', async () => {
    const s = services();
    s.seed('company', [
      { id: 'c1', name: 'Acme Ltd' },
      { id: 'c2', name: 'Globex' },
    ]);
    s.units = [{ id: 'east', name: 'East region' }];
    s.auditEntries = [
      {
        id: 'a2',
        action: 'update',
        actor: 'u1',
        at: '2026-01-06T08:00:00.000Z',
        changes: {
          account: { from: 'c1', to: 'c2' },
          rep: { from: null, to: 'u1' },
          team: { from: 'east', to: null },
        },
      },
    ];
    renderWithRuntime(<RecordPage entityId="deal" recordId="d1" />, sampleApp, { services: s });
    const changes = async () => {
      await waitFor(() => expect(document.querySelector('.sc-changes')?.textContent).toContain('Globex'));
      return document.querySelector('.sc-changes')?.textContent ?? '';
    };
    const text = await changes();
    expect(text).toContain('Account: Acme Ltd → Globex');
    expect(text).toContain('Rep: — → Li Lei');
    expect(text).toContain('Team: East region → —');
    expect(document.querySelector('.sc-timeline')?.textContent).not.toMatch(/\bc1\b|\bc2\b|\bu1\b|\beast\b/);
    expect(s.calls.filter((c) => c.method === 'titles')).toHaveLength(1);
  });

  it('asks for the transition fields in a dialog, refuses an empty one, then runs it', async () => {
    const s = services();
    renderWithRuntime(<RecordPage entityId="deal" recordId="d1" />, sampleApp, { services: s });
    fireEvent.click(await screen.findByRole('button', { name: 'Lose → Lost' }));
    const dialog = await screen.findByRole('dialog', { name: 'Move to Lost' });
    fireEvent.click(screen.getByRole('button', { name: 'Move' }));
    expect(dialog.textContent).toContain('This field is required.');
    expect(s.calls.filter((c) => c.method === 'runTransition')).toHaveLength(0);
    fireEvent.change(screen.getByLabelText(/Loss reason/), { target: { value: 'Budget frozen' } });
    fireEvent.click(screen.getByRole('button', { name: 'Move' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(s.calls.find((c) => c.method === 'runTransition')?.args[2]).toMatchObject({
      to: 'lost',
      transitionId: 'lose',
      version: 2,
      fields: { lossReason: 'Budget frozen' },
    });
  });

  it('keeps the dialog open with the server refusal listed', async () => {
    const s = services();
    s.refuseNext = {
      status: 422,
      code: 'TRANSITION_BLOCKED',
      message: 'The transition is not allowed yet.',
      details: [{ path: '/fields/lossReason', message: 'Say why in a sentence' }],
    };
    renderWithRuntime(<RecordPage entityId="deal" recordId="d1" />, sampleApp, { services: s });
    fireEvent.click(await screen.findByRole('button', { name: 'Lose → Lost' }));
    fireEvent.change(await screen.findByLabelText(/Loss reason/), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Move' }));
    expect(await screen.findByText('Say why in a sentence')).toBeTruthy();
    expect(screen.getByText('The move was refused')).toBeTruthy();
    expect((screen.getByLabelText(/Loss reason/) as HTMLInputElement).value).toBe('x');
  });
});
