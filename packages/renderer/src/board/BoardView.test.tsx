// @vitest-environment jsdom
import { App, type BoardView as BoardViewDoc } from '@stagecraft/schema';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MemoryServices } from '../testing/memory-services.js';
import { renderWithRuntime } from '../testing/render-runtime.js';
import { sampleApp } from '../testing/sample-app.js';
import { BoardView } from './BoardView.js';
import { useBoardMove } from './useBoardMove.js';

const app = App.parse(sampleApp);
const view = app.views.find((v) => v.id === 'pipeline') as BoardViewDoc;
const deal = app.entities.find((e) => e.id === 'deal')!;
const machine = app.stageMachines[0]!;

/** The sample app with deals named by their account (a reference title) and lookup card fields. */
const namedByAccount = {
  ...sampleApp,
  entities: sampleApp.entities.map((e) => (e.id === 'deal' ? { ...e, titleField: 'account' } : e)),
  views: (sampleApp.views ?? []).map((v) =>
    v.id === 'pipeline' ? { ...v, cardFields: ['amount', 'rep', 'team', 'owner'] } : v,
  ),
};

describe('BoardView', () => {
  it('names N cards with ONE title request, and never shows an id while names load', async () => {
    const s = new MemoryServices();
    s.seed(
      'company',
      Array.from({ length: 6 }, (_, i) => ({ id: `acct-${i}`, name: `Company ${i}` })),
    );
    s.seed(
      'deal',
      Array.from({ length: 30 }, (_, i) => ({
        id: `deal-${i}`,
        account: `acct-${i % 6}`,
        rep: `user-${i % 3}`,
        owner: `user-${i % 3}`,
        team: 'unit-east',
        amount: i,
        stage: i % 2 ? 'lead' : 'quote',
      })),
    );
    s.people = [0, 1, 2].map((i) => ({ id: `user-${i}`, name: `Rep ${i}` }));
    s.units = [{ id: 'unit-east', name: 'East region' }];
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const titles = s.titles.bind(s);
    s.titles = async (request) => {
      await gate;
      return titles(request);
    };
    const parsed = App.parse(namedByAccount);
    const board = parsed.views.find((v) => v.id === 'pipeline') as BoardViewDoc;
    renderWithRuntime(<BoardView view={board} onOpen={() => {}} />, namedByAccount, { services: s });
    // columns are virtualized: a window of the 30 cards is in the DOM, all 30 are loaded
    await waitFor(() => expect(document.querySelectorAll('[data-record-id]').length).toBeGreaterThan(10));
    const shown = () => document.querySelector('.sc-board')?.textContent ?? '';
    // names still loading: a neutral placeholder, no id anywhere
    expect(shown()).not.toMatch(/acct-|user-|unit-east/);
    expect(document.querySelector('.sc-card-title')?.textContent).toBe('…');
    await act(async () => release());
    await waitFor(() => expect(shown()).toContain('Company 5'));
    expect(shown()).toContain('Rep 2');
    expect(shown()).toContain('East region');
    expect(shown()).not.toMatch(/acct-|user-|unit-east/);
    for (const card of document.querySelectorAll('[data-record-id]')) {
      const i = Number(card.getAttribute('data-record-id')?.slice(5));
      expect(card.querySelector('.sc-card-title')?.textContent).toBe(`Company ${i % 6}`);
    }
    const asked = s.calls.filter((c) => c.method === 'titles');
    expect(asked).toHaveLength(1);
    expect(s.calls.filter((c) => c.method === 'getRecord')).toHaveLength(0);
    expect(asked[0]?.args[0]).toMatchObject({
      refs: { company: expect.arrayContaining(['acct-0', 'acct-5']) },
      users: expect.arrayContaining(['user-0', 'user-2']),
      orgUnits: ['unit-east'],
    });
    expect((asked[0]?.args[0] as { refs: { company: string[] } } | undefined)?.refs.company).toHaveLength(6);
  });

  it('groups cards by stage with count and sum aggregates', async () => {
    const s = new MemoryServices();
    s.seed('deal', [
      { id: 'd1', name: 'One', amount: 1000, stage: 'lead' },
      { id: 'd2', name: 'Two', amount: 2500, stage: 'lead' },
      { id: 'd3', name: 'Three', amount: 700, stage: 'quote' },
    ]);
    renderWithRuntime(<BoardView view={view} onOpen={() => {}} />, sampleApp, { services: s });
    await waitFor(() =>
      expect(document.querySelectorAll('[data-stage="lead"] [data-record-id]')).toHaveLength(2),
    );
    expect(document.querySelector('[data-stage="lead"] [data-aggregate="n"]')?.textContent).toBe('2 cards');
    expect(document.querySelector('[data-stage="lead"] [data-aggregate="s"]')?.textContent).toBe(
      'Total CN¥3,500.00',
    );
    expect(document.querySelector('[data-stage="quote"] [data-record-id="d3"]')).toBeTruthy();
    expect(document.querySelectorAll('.sc-column')).toHaveLength(4);
  });

  it('nests no control in another: the title opens the record, a handle beside it is the drag handle', async () => {
    const s = new MemoryServices();
    s.seed('deal', [{ id: 'd1', name: 'One', amount: 1000, stage: 'lead' }]);
    let opened = '';
    renderWithRuntime(<BoardView view={view} onOpen={(r) => (opened = r.id)} />, sampleApp, { services: s });
    const card = await waitFor(() => {
      const el = document.querySelector('[data-record-id="d1"]');
      if (!el) throw new Error('no card yet');
      return el;
    });
    expect(card.getAttribute('role')).toBeNull();
    expect(card.getAttribute('tabindex')).toBeNull();
    const controls = [...card.querySelectorAll('button, [role=button], [tabindex]')];
    for (const c of controls) expect(c.querySelector('button, [role=button], [tabindex]')).toBeNull();
    const handle = screen.getByRole('button', { name: 'Move card' });
    expect(handle.getAttribute('aria-roledescription')).toBe('draggable');
    fireEvent.click(screen.getByRole('button', { name: 'One' }));
    expect(opened).toBe('d1');
  });

  it('sums every card of a column with the server aggregate and loads more cards while scrolling', async () => {
    const s = new MemoryServices();
    s.seed(
      'deal',
      Array.from({ length: 1200 }, (_, i) => ({ id: `d${i}`, name: `Deal ${i}`, amount: i, stage: 'lead' })),
    );
    renderWithRuntime(<BoardView view={view} onOpen={() => {}} perColumn={100} />, sampleApp, {
      services: s,
    });
    await waitFor(() =>
      expect(document.querySelector('[data-stage="lead"] [data-aggregate="s"]')?.textContent).toBe(
        'Total CN¥719,400.00',
      ),
    );
    expect(document.querySelector('[data-stage="lead"] [data-aggregate="n"]')?.textContent).toBe(
      '1,200 cards',
    );
    const body = document.querySelector('[data-stage="lead"] .sc-column-body') as HTMLElement;
    await act(async () => {
      body.scrollTop = 95 * 100;
      fireEvent.scroll(body);
    });
    await waitFor(() =>
      expect(
        s.calls.some((c) => c.method === 'listRecords' && (c.args[1] as { offset?: number }).offset === 100),
      ).toBe(true),
    );
    // Cards past the first page (d100…) are now loaded and drawn where the column is scrolled to.
    await waitFor(() =>
      expect(document.querySelector('[data-stage="lead"] [data-record-id="d128"]')).toBeTruthy(),
    );
  });

  it('virtualizes a column of 1,000+ cards', async () => {
    const s = new MemoryServices();
    s.seed(
      'deal',
      Array.from({ length: 1200 }, (_, i) => ({ id: `d${i}`, name: `Deal ${i}`, amount: i, stage: 'lead' })),
    );
    renderWithRuntime(<BoardView view={view} onOpen={() => {}} perColumn={2000} />, sampleApp, {
      services: s,
    });
    await waitFor(() =>
      expect(document.querySelector('[data-stage="lead"] [data-aggregate="n"]')?.textContent).toBe(
        '1,200 cards',
      ),
    );
    const rendered = document.querySelectorAll('[data-stage="lead"] [data-record-id]').length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(40);
  });
});

function MoveHarness({ services }: { services: MemoryServices }) {
  const move = useBoardMove(deal, machine, () => services.calls.push({ method: 'moved', args: [] }));
  const rec = { id: 'd1', version: 1, name: 'One', stage: 'lead' };
  return (
    <div>
      <button type="button" onClick={() => void move.attempt(rec, 'lead', 'won')}>
        skip
      </button>
      <button type="button" onClick={() => void move.attempt(rec, 'lead', 'quote')}>
        quote
      </button>
      <button type="button" onClick={() => void move.attempt(rec, 'lead', 'lost')}>
        lost
      </button>
      <p data-testid="refusal">{move.refusal?.reasons.join(' | ')}</p>
      <p data-testid="dialog">{move.dialog?.transition.id}</p>
    </div>
  );
}

describe('dropping a card on another column', () => {
  it('explains a skip, opens the dialog when evidence is needed, and shows the blocked reasons', async () => {
    const s = new MemoryServices();
    s.seed('deal', [{ id: 'd1', name: 'One', stage: 'lead' }]);
    s.transitionOptions = [
      { id: 'toQuote', to: 'quote', allowed: true, reasons: [] },
      {
        id: 'lose',
        to: 'lost',
        allowed: false,
        reasons: [{ path: '', message: 'Only managers may close a deal as lost' }],
      },
    ];
    renderWithRuntime(<MoveHarness services={s} />, sampleApp, { services: s });
    await act(async () => fireEvent.click(screen.getByText('skip')));
    expect(screen.getByTestId('refusal').textContent).toBe(
      'There is no transition from Lead to Won; stages cannot be skipped.',
    );
    await act(async () => fireEvent.click(screen.getByText('quote')));
    expect(screen.getByTestId('dialog').textContent).toBe('toQuote');
    await act(async () => fireEvent.click(screen.getByText('lost')));
    expect(screen.getByTestId('refusal').textContent).toBe('Only managers may close a deal as lost');
    expect(s.calls.filter((c) => c.method === 'runTransition')).toHaveLength(0);
  });
});
