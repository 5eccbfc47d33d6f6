// @vitest-environment jsdom
import { App } from '@stagecraft/schema';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { defaultRuleRuntime } from '../rules/rule-runtime.js';
import { MemoryServices } from '../testing/memory-services.js';
import { renderWithRuntime } from '../testing/render-runtime.js';
import { sampleApp } from '../testing/sample-app.js';
import { FormRenderer } from './FormRenderer.js';
import { FormConditions } from './form-conditions.js';

const app = App.parse(sampleApp);
const deal = app.entities.find((e) => e.id === 'deal')!;
const form = app.forms[0]!;
const type = (label: string | RegExp, text: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value: text } });
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save' }));

function mount(services = new MemoryServices(), record?: Parameters<typeof FormRenderer>[0]['record']) {
  const onSaved = vi.fn();
  renderWithRuntime(<FormRenderer form={form} entity={deal} record={record} onSaved={onSaved} />, sampleApp, {
    services,
  });
  return { services, onSaved };
}

describe('FormRenderer', () => {
  it('lays out sections in columns from the form document', () => {
    mount();
    expect(screen.getByRole('group', { name: 'Main' })).toBeTruthy();
    expect((document.querySelector('.sc-grid') as HTMLElement).style.getPropertyValue('--sc-cols')).toBe('2');
  });

  it('shows required errors inline at the field and creates nothing before a valid Save', async () => {
    const { services, onSaved } = mount();
    save();
    expect(await screen.findByText('This field is required.')).toBeTruthy();
    expect(screen.getByLabelText(/Name/).getAttribute('aria-invalid')).toBe('true');
    expect(services.calls.filter((c) => c.method === 'createRecord')).toHaveLength(0);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('re-evaluates visibility and required conditions live as the user types', () => {
    mount();
    expect(screen.queryByLabelText('Discount')).toBeNull();
    fireEvent.change(screen.getByLabelText('Tier'), { target: { value: 'a' } });
    expect(screen.getByLabelText('Discount')).toBeTruthy();
    expect(screen.getByText('Notes').parentElement?.textContent).not.toContain('*');
    type(/Amount/, '5000');
    expect(screen.getByText('Notes').textContent).toContain('*');
  });

  it('hides a section while every field in it is hidden, and shows it when one appears', () => {
    const questionnaire = {
      ...form,
      sections: [
        { ...form.sections[0]!, items: form.sections[0]!.items.filter((i) => i.id !== 'iDiscount') },
        {
          id: 'extra',
          label: { en: 'Discount questionnaire' },
          items: [{ id: 'iDiscount', field: 'discount', visibleWhen: { '==': [{ var: 'tier' }, 'a'] } }],
        },
      ],
    };
    renderWithRuntime(<FormRenderer form={questionnaire} entity={deal} onSaved={vi.fn()} />, sampleApp, {
      services: new MemoryServices(),
    });
    expect(screen.queryByRole('group', { name: 'Discount questionnaire' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Tier'), { target: { value: 'a' } });
    expect(screen.getByRole('group', { name: 'Discount questionnaire' })).toBeTruthy();
    expect(screen.getByLabelText('Discount')).toBeTruthy();
  });

  it('runs the validation rules in the browser and shows the rule message at its field', async () => {
    const { services } = mount();
    type(/Name/, 'Big deal');
    type(/Amount/, '250000');
    type(/Notes/, 'why');
    save();
    const tierRow = document.querySelector('[data-field="tier"]') as HTMLElement;
    await waitFor(() => expect(tierRow.textContent).toContain('Deals of 100,000 or more need a tier.'));
    expect(services.calls.filter((c) => c.method === 'createRecord')).toHaveLength(0);
    fireEvent.change(screen.getByLabelText('Tier'), { target: { value: 'b' } });
    save();
    await waitFor(() => expect(services.calls.filter((c) => c.method === 'createRecord')).toHaveLength(1));
  });

  it('refuses to save while a field holds text it cannot parse', async () => {
    const { services } = mount();
    type(/Name/, 'X');
    type(/Amount/, '12abc');
    save();
    expect(await screen.findByText('Please fix the highlighted fields.')).toBeTruthy();
    expect(services.calls.filter((c) => c.method === 'createRecord')).toHaveLength(0);
  });

  it('maps server errors to the same fields and keeps everything typed after a failed save', async () => {
    const services = new MemoryServices();
    services.refuseNext = {
      status: 422,
      code: 'VALIDATION_FAILED',
      message: 'The input is not valid.',
      details: [{ path: '/email', message: 'Server says: email taken' }],
    };
    const { onSaved } = mount(services);
    type(/Name/, 'Acme deal');
    type(/Amount/, '999');
    type('Email', 'sales@acme.cn');
    save();
    expect(await screen.findByText('Server says: email taken')).toBeTruthy();
    expect((document.querySelector('[data-field="email"]') as HTMLElement).textContent).toContain(
      'Server says: email taken',
    );
    expect((screen.getByLabelText(/Name/) as HTMLInputElement).value).toBe('Acme deal');
    expect((screen.getByLabelText(/Amount/) as HTMLInputElement).value).toBe('999');
    expect(onSaved).not.toHaveBeenCalled();
    save();
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(services.calls.filter((c) => c.method === 'createRecord').at(-1)?.args[1]).toEqual({
      name: 'Acme deal',
      amount: 999,
      email: 'sales@acme.cn',
    });
  });

  it('sends only changed fields with the version read when editing', async () => {
    const services = new MemoryServices();
    services.seed('deal', [{ id: 'd1', version: 3, name: 'Old', amount: 10 }]);
    const { onSaved } = mount(services, { id: 'd1', version: 3, name: 'Old', amount: 10 });
    expect((screen.getByLabelText(/Name/) as HTMLInputElement).value).toBe('Old');
    type(/Name/, 'New');
    save();
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(services.calls.find((c) => c.method === 'updateRecord')?.args).toEqual([
      'deal',
      'd1',
      3,
      { name: 'New' },
    ]);
  });
});

describe('offline drafts', () => {
  it('restores what was typed after the form is closed, and clears it once saved', async () => {
    localStorage.clear();
    const services = new MemoryServices();
    const first = renderWithRuntime(
      <FormRenderer form={form} entity={deal} onSaved={() => {}} draftKey="d:deal" />,
      sampleApp,
      { services },
    );
    type(/Name/, 'Half typed');
    type(/Amount/, '4200');
    first.unmount();
    expect(services.calls.filter((c) => c.method === 'createRecord')).toHaveLength(0);
    const onSaved = vi.fn();
    renderWithRuntime(
      <FormRenderer form={form} entity={deal} onSaved={onSaved} draftKey="d:deal" />,
      sampleApp,
      { services },
    );
    expect(screen.getByRole('status').textContent).toContain('Your unsaved draft was restored');
    expect((screen.getByLabelText(/Name/) as HTMLInputElement).value).toBe('Half typed');
    expect((screen.getByLabelText(/Amount/) as HTMLInputElement).value).toBe('4200');
    type(/Notes/, 'needed above 1000');
    save();
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(localStorage.getItem('d:deal')).toBeNull();
  });

  it('discards a draft on request', () => {
    localStorage.setItem('d:deal2', JSON.stringify({ name: 'Old draft' }));
    renderWithRuntime(
      <FormRenderer form={form} entity={deal} onSaved={() => {}} draftKey="d:deal2" />,
      sampleApp,
    );
    expect((screen.getByLabelText(/Name/) as HTMLInputElement).value).toBe('Old draft');
    fireEvent.click(screen.getByRole('button', { name: 'Discard draft' }));
    expect((screen.getByLabelText(/Name/) as HTMLInputElement).value).toBe('');
    expect(localStorage.getItem('d:deal2')).toBeNull();
  });
});

describe('FormConditions', () => {
  it('compiles once and recomputes only the conditions that read a changed field', () => {
    const c = new FormConditions(form, defaultRuleRuntime);
    const first = c.evaluateAll({ tier: null, amount: 0 });
    expect(first.hidden.has('item:iDiscount')).toBe(true);
    const byTier = c.update({ tier: 'a', amount: 0 }, ['tier']);
    expect(byTier.evaluated).toBe(1);
    expect(byTier.state.hidden.has('item:iDiscount')).toBe(false);
    expect(c.update({ tier: 'a', amount: 0 }, ['name']).evaluated).toBe(0);
    expect(c.update({ tier: 'a', amount: 5000 }, ['amount']).state.required.has('item:iNotes')).toBe(true);
  });
});
