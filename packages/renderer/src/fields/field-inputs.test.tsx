// @vitest-environment jsdom
import { App, type Field } from '@stagecraft/schema';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FieldHarness } from '../testing/FieldHarness.js';
import { MemoryServices } from '../testing/memory-services.js';
import { renderWithRuntime } from '../testing/render-runtime.js';
import { sampleApp } from '../testing/sample-app.js';
import { checkValue } from './check-value.js';

const deal = App.parse(sampleApp).entities.find((e) => e.id === 'deal');
const field = (id: string) => deal?.fields.find((f) => f.id === id) as Field;
const value = () => JSON.parse(screen.getByTestId('value').textContent ?? 'null');
const mount = (id: string, services?: MemoryServices, initial?: unknown) =>
  renderWithRuntime(
    <FieldHarness field={field(id)} initial={initial} />,
    sampleApp,
    services ? { services } : {},
  );
const type = (label: string, text: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value: text } });

describe('text-like inputs', () => {
  it('text holds the typed string and clears to null', () => {
    mount('name');
    type('Name', 'Acme');
    expect(value()).toBe('Acme');
    type('Name', '');
    expect(value()).toBeNull();
  });
  it('long text is a textarea', () => {
    mount('notes');
    expect(screen.getByLabelText('Notes').tagName).toBe('TEXTAREA');
    type('Notes', 'line 1\nline 2');
    expect(value()).toBe('line 1\nline 2');
  });
  it('phone, email and url use the matching input types and reject bad values', () => {
    mount('phone');
    expect(screen.getByLabelText('Phone').getAttribute('type')).toBe('tel');
    expect(checkValue(field('phone'), 'call me', false)?.key).toBe('field.invalidPhone');
    expect(checkValue(field('phone'), '+86 138 0000 0000', false)).toBeNull();
    expect(checkValue(field('email'), 'a@b', false)?.key).toBe('field.invalidEmail');
    expect(checkValue(field('email'), 'a@b.cn', false)).toBeNull();
    expect(checkValue(field('website'), 'example', false)?.key).toBe('field.invalidUrl');
    expect(checkValue(field('website'), 'https://example.com', false)).toBeNull();
    expect(checkValue(field('name'), 'x'.repeat(41), false)?.key).toBe('field.tooLong');
  });
});

describe('numeric inputs', () => {
  it('number: text in a number field shows an inline error and keeps the typed text', () => {
    mount('qty');
    type('Quantity', '12a');
    expect(screen.getByRole('alert').textContent).toBe('Enter a number.');
    expect((screen.getByLabelText('Quantity') as HTMLInputElement).value).toBe('12a');
    type('Quantity', '1,234.5');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(value()).toBe(1234.5);
    expect(checkValue(field('qty'), -1, false)?.key).toBe('field.belowMin');
  });
  it('currency shows the CNY symbol and parses amounts', () => {
    mount('amount');
    expect(screen.getByText('CN¥')).toBeTruthy();
    type('Amount', 'abc');
    expect(screen.getByRole('alert').textContent).toBe('Enter a number.');
    type('Amount', '250000');
    expect(value()).toBe(250000);
  });
  it('percent shows % and is bounded by max', () => {
    mount('discount');
    expect(screen.getByText('%')).toBeTruthy();
    type('Discount', '12.5');
    expect(value()).toBe(12.5);
    expect(checkValue(field('discount'), 120, false)?.key).toBe('field.aboveMax');
  });
});

describe('date inputs', () => {
  it('date: an impossible date is an inline error; a real one is stored as YYYY-MM-DD', () => {
    mount('dueDate');
    type('Due date', '2025-02-30');
    expect(screen.getByRole('alert').textContent).toBe('Enter a valid date.');
    type('Due date', 'tomorrow');
    expect(screen.getByRole('alert').textContent).toBe('Enter a valid date.');
    type('Due date', '2024-02-29');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(value()).toBe('2024-02-29');
  });
  it('datetime: bad hours are refused; a local time becomes an ISO instant', () => {
    mount('meetAt');
    type('Meeting', '2025-03-01 25:00');
    expect(screen.getByRole('alert').textContent).toBe('Enter a valid date and time.');
    type('Meeting', '2025-03-01 09:30');
    expect(value()).toBe(new Date(2025, 2, 1, 9, 30).toISOString());
  });
});

describe('choice inputs', () => {
  it('boolean toggles true/false', () => {
    mount('active');
    fireEvent.click(screen.getByLabelText('Active'));
    expect(value()).toBe(true);
    fireEvent.click(screen.getByLabelText('Active'));
    expect(value()).toBe(false);
  });
  it('single select stores the option id', () => {
    mount('tier');
    fireEvent.change(screen.getByLabelText('Tier'), { target: { value: 'b' } });
    expect(value()).toBe('b');
  });
  it('multi select stores ids; more than maxSelected is refused', () => {
    mount('tags');
    fireEvent.click(screen.getByLabelText('Hot'));
    fireEvent.click(screen.getByLabelText('Big'));
    expect(value()).toEqual(['x', 'z']);
    fireEvent.click(screen.getByLabelText('Hot'));
    expect(value()).toEqual(['z']);
    expect(checkValue(field('tags'), ['x', 'y', 'z'], false)?.key).toBe('field.tooManySelected');
  });
  it('reference picker searches the target entity through the records list', async () => {
    const services = new MemoryServices();
    services.seed('company', [
      { id: 'c1', name: 'Acme Ltd' },
      { id: 'c2', name: 'Globex' },
    ]);
    mount('account', services);
    // the input controls the list of choices only while that list exists
    expect(screen.getByLabelText('Account').getAttribute('aria-controls')).toBeNull();
    type('Account', 'glo');
    const controls = screen.getByLabelText('Account').getAttribute('aria-controls');
    expect(controls && document.getElementById(controls)).toBeTruthy();
    const option = await screen.findByRole('button', { name: 'Globex' });
    expect(
      services.calls.some(
        (c) => c.method === 'listRecords' && (c.args[1] as { search?: string }).search === 'glo',
      ),
    ).toBe(true);
    expect(screen.queryByRole('button', { name: 'Acme Ltd' })).toBeNull();
    fireEvent.click(option);
    expect(value()).toBe('c2');
    expect(screen.getByLabelText('Account').textContent).toBe('Globex');
  });
  it('user and org-unit pickers search the directory', async () => {
    const services = new MemoryServices();
    services.people = [
      { id: 'u1', name: 'Li Lei' },
      { id: 'u2', name: 'Han Meimei' },
    ];
    services.units = [{ id: 'east', name: 'East region' }];
    const { unmount } = mount('rep', services);
    type('Rep', 'han');
    fireEvent.click(await screen.findByRole('button', { name: 'Han Meimei' }));
    expect(value()).toBe('u2');
    unmount();
    mount('team', services);
    type('Team', 'east');
    fireEvent.click(await screen.findByRole('button', { name: 'East region' }));
    expect(value()).toBe('east');
  });
});

describe('file inputs', () => {
  const file = (name: string, size: number, type: string) => new File([new Uint8Array(size)], name, { type });
  it('attachment: an oversize file is refused inline before any upload', async () => {
    const services = new MemoryServices();
    mount('docs', services);
    fireEvent.change(screen.getByLabelText('Documents'), {
      target: { files: [file('big.pdf', 5000, 'application/pdf')] },
    });
    expect((await screen.findByRole('alert')).textContent).toBe('big.pdf is larger than 1000 B.');
    expect(services.calls.filter((c) => c.method === 'upload')).toHaveLength(0);
  });
  it('attachment: a forbidden type is refused; an accepted file uploads', async () => {
    const services = new MemoryServices();
    mount('docs', services);
    fireEvent.change(screen.getByLabelText('Documents'), {
      target: { files: [file('x.exe', 10, 'application/x-msdownload')] },
    });
    expect((await screen.findByRole('alert')).textContent).toBe('x.exe is not an accepted file type.');
    fireEvent.change(screen.getByLabelText('Documents'), {
      target: { files: [file('offer.pdf', 100, 'application/pdf')] },
    });
    await waitFor(() => expect(value()).toHaveLength(1));
    expect(value()[0]).toMatchObject({ name: 'offer.pdf', size: 100, mime: 'application/pdf' });
    expect(screen.queryByRole('alert')).toBeNull();
  });
  it('keeps the files as the server gave them and opens a stored file from its name', () => {
    const stored = {
      id: 'att1',
      name: 'minutes.pdf',
      size: 2048,
      mime: 'application/pdf',
      sha256: 'a'.repeat(64),
      url: '/api/attachments/att1/content',
    };
    mount('docs', undefined, [stored]);
    expect(screen.getByRole('link', { name: 'minutes.pdf' }).getAttribute('href')).toBe(stored.url);
    expect(value()).toEqual([stored]);
  });
  it('image: accepts images and opens the camera on phones', async () => {
    mount('photos');
    const input = screen.getByLabelText('Photos') as HTMLInputElement;
    expect(input.getAttribute('accept')).toBe('image/*');
    expect(input.getAttribute('capture')).toBe('environment');
    fireEvent.change(input, { target: { files: [file('notes.txt', 10, 'text/plain')] } });
    expect((await screen.findByRole('alert')).textContent).toBe('notes.txt is not an accepted file type.');
  });
});

describe('other inputs', () => {
  it('geo point: out-of-range latitude is an inline error; "use my location" fills both', async () => {
    mount('location');
    type('Location', '95');
    fireEvent.change(screen.getByLabelText('Longitude'), { target: { value: '121.47' } });
    expect(screen.getByRole('alert').textContent).toBe('Latitude is between -90 and 90.');
    type('Location', '31.23');
    expect(value()).toEqual({ lat: 31.23, lng: 121.47 });
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: {
        getCurrentPosition: (ok: (p: { coords: { latitude: number; longitude: number } }) => void) =>
          ok({ coords: { latitude: 39.9042, longitude: 116.4074 } }),
      },
    });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Use my location' })));
    expect(value()).toEqual({ lat: 39.9042, lng: 116.4074 });
  });
  it('subtable: rows are added, cells use the registry inputs, bad cells show errors, rows are removed', () => {
    mount('lines');
    fireEvent.click(screen.getByRole('button', { name: 'Add row' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add row' }));
    const units = screen.getAllByRole('textbox').filter((el) => el.getAttribute('inputmode') === 'decimal');
    // every cell is labelled (its column and row) for assistive technology
    expect(screen.getByLabelText('Units 2')).toBe(units[1]);
    fireEvent.change(units[0] as HTMLElement, { target: { value: 'ten' } });
    expect(screen.getAllByText('Enter a number.').length).toBeGreaterThan(0);
    fireEvent.change(units[0] as HTMLElement, { target: { value: '10' } });
    expect(value()).toEqual([{ units: 10 }, {}]);
    fireEvent.click(screen.getAllByRole('button', { name: 'Remove row' })[1] as HTMLElement);
    expect(value()).toEqual([{ units: 10 }]);
  });
  it('formula and auto-number are read-only', () => {
    mount('total', undefined, 1500);
    expect(screen.getByText('CN¥1,500.00')).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
  });
  it('auto-number before save says it is computed', () => {
    mount('code');
    expect(screen.getByText('Computed on save')).toBeTruthy();
  });
});

describe('built-in widgets', () => {
  const withWidget = (id: string, widget: string, initial?: unknown) =>
    renderWithRuntime(<FieldHarness field={field(id)} widget={widget} initial={initial} />, sampleApp);
  it('textarea: a short text typed over several lines, still bounded by maxLength', () => {
    withWidget('name', 'textarea');
    const input = screen.getByLabelText('Name');
    expect(input.tagName).toBe('TEXTAREA');
    expect(input.getAttribute('maxlength')).toBe('40');
    type('Name', 'Acme\nGroup');
    expect(value()).toBe('Acme\nGroup');
  });
  it('radio: every option visible, the group labelled by the field, the value is the option id', () => {
    withWidget('tier', 'radio');
    const group = screen.getByRole('radiogroup', { name: 'Tier' });
    expect(within(group).getAllByRole('radio')).toHaveLength(2);
    fireEvent.click(screen.getByLabelText('Tier B'));
    expect(value()).toBe('b');
    expect((screen.getByLabelText('Tier B') as HTMLInputElement).checked).toBe(true);
  });
  it('slider: empty until moved, bounded by the field, cleared on request', () => {
    withWidget('discount', 'slider');
    const range = screen.getByLabelText('Discount') as HTMLInputElement;
    expect([range.type, range.min, range.max]).toEqual(['range', '0', '100']);
    expect(screen.getByText('Not set')).toBeTruthy();
    fireEvent.change(range, { target: { value: '30' } });
    expect(value()).toBe(30);
    expect(screen.getByText('30 %')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(value()).toBeNull();
  });
  it('a widget on a field type it does not edit leaves the default input', () => {
    withWidget('dueDate', 'slider');
    expect(screen.getByLabelText('Due date').getAttribute('placeholder')).toBe('YYYY-MM-DD');
  });
});
