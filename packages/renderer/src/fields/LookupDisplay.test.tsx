// @vitest-environment jsdom
import { App, type Field } from '@stagecraft/schema';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MemoryServices } from '../testing/memory-services.js';
import { renderWithRuntime } from '../testing/render-runtime.js';
import { sampleApp } from '../testing/sample-app.js';
import { LookupDisplay } from './LookupDisplay.js';

const deal = App.parse(sampleApp).entities.find((e) => e.id === 'deal');
const field = (id: string) => deal?.fields.find((f) => f.id === id) as Field;

describe('LookupDisplay', () => {
  it('shows the referenced record title and people by name instead of ids', async () => {
    const s = new MemoryServices();
    s.seed('company', [{ id: 'c1', name: 'Acme Ltd' }]);
    s.people = [{ id: 'u7', name: 'Han Meimei' }];
    s.units = [{ id: 'east', name: 'East region' }];
    renderWithRuntime(
      <div>
        <LookupDisplay field={field('account')} value="c1" locale="en" />
        <LookupDisplay field={field('rep')} value="u7" locale="en" />
        <LookupDisplay field={field('team')} value="east" locale="en" />
      </div>,
      sampleApp,
      { services: s },
    );
    expect(await screen.findByText('Acme Ltd')).toBeTruthy();
    expect(await screen.findByText('Han Meimei')).toBeTruthy();
    expect(await screen.findByText('East region')).toBeTruthy();
  });

  it('shows a note, not the id, for a record the user may not read, and one request for many', async () => {
    const s = new MemoryServices();
    s.seed('company', [
      { id: 'c1', name: 'Acme Ltd' },
      { id: 'c2', name: 'Secret Co' },
    ]);
    s.unreadable.add('c2');
    renderWithRuntime(
      <div>
        <LookupDisplay field={field('account')} value="c1" locale="en" />
        <LookupDisplay field={field('account')} value="c2" locale="en" />
        <LookupDisplay field={field('account')} value="c9" locale="en" />
      </div>,
      sampleApp,
      { services: s },
    );
    expect(await screen.findByText('Acme Ltd')).toBeTruthy();
    expect(screen.getAllByText('(not visible to you)')).toHaveLength(2);
    expect(document.body.textContent).not.toMatch(/c2|c9|Secret/);
    expect(s.calls.filter((c) => c.method === 'titles')).toHaveLength(1);
  });
});
