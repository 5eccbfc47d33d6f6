// @vitest-environment jsdom
// Every field type, in the rendered form: a bad value (or a required one left empty, where the
// input cannot hold a bad value) is refused at Save with the localized message inside that field's
// row and nothing is created; the fixed value then saves. The form holds only the filled name and
// the field under test, so the bad value is the one thing standing between Save and the create.
import { App, type Form, type Locale } from '@stagecraft/schema';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { RecordData } from '../services/runtime-services.js';
import { MemoryServices } from '../testing/memory-services.js';
import { renderWithRuntime } from '../testing/render-runtime.js';
import { sampleApp } from '../testing/sample-app.js';
import { FormRenderer } from './FormRenderer.js';

const app = App.parse(sampleApp);
const deal = app.entities.find((e) => e.id === 'deal')!;

const SAVE = { en: 'Save', 'zh-CN': '保存' } as const;
const FIX = { en: 'Please fix the highlighted fields.', 'zh-CN': '请修正标出的字段。' } as const;

const change = (el: Element, value: string) => fireEvent.change(el, { target: { value } });
const control = (row: HTMLElement) => row.querySelector('input, textarea, select') as HTMLElement;
const file = (name: string, size: number, type: string) => {
  const f = new File(['x'], name, { type });
  Object.defineProperty(f, 'size', { value: size });
  return f;
};
const pick = (row: HTMLElement, f: File) =>
  fireEvent.change(row.querySelector('input[type="file"]') as HTMLElement, { target: { files: [f] } });

interface Case {
  field: string;
  /** What is wrong, for the test name. */
  what: string;
  /** The item is required by a condition, for inputs that cannot hold a bad value. */
  required?: boolean;
  bad(row: HTMLElement): void;
  /** May be async; the test awaits whatever it returns before Save. */
  good(row: HTMLElement): unknown;
  en: string;
  zh: string;
}

const cases: Case[] = [
  {
    field: 'name',
    what: 'text longer than maxLength',
    bad: (row) => change(control(row), 'x'.repeat(41)),
    good: (row) => change(control(row), 'Acme'),
    en: 'At most 40 characters.',
    zh: '最多 40 个字符。',
  },
  {
    field: 'notes',
    what: 'long text left empty while required',
    required: true,
    bad: () => {},
    good: (row) => change(control(row), 'line 1\nline 2'),
    en: 'This field is required.',
    zh: '此字段为必填项。',
  },
  {
    field: 'qty',
    what: 'number below min',
    bad: (row) => change(control(row), '-1'),
    good: (row) => change(control(row), '3'),
    en: 'Must be at least 0.',
    zh: '不能小于 0。',
  },
  {
    field: 'amount',
    what: 'text in a currency field',
    bad: (row) => change(control(row), '12abc'),
    good: (row) => change(control(row), '1,200'),
    en: 'Enter a number.',
    zh: '请输入数字。',
  },
  {
    field: 'discount',
    what: 'percent above max',
    bad: (row) => change(control(row), '120'),
    good: (row) => change(control(row), '20'),
    en: 'Must be at most 100.',
    zh: '不能大于 100。',
  },
  {
    field: 'dueDate',
    what: 'an impossible date',
    bad: (row) => change(control(row), '2025-02-30'),
    good: (row) => change(control(row), '2025-02-28'),
    en: 'Enter a valid date.',
    zh: '请输入有效日期。',
  },
  {
    field: 'meetAt',
    what: 'a datetime at hour 25',
    bad: (row) => change(control(row), '2025-03-01 25:00'),
    good: (row) => change(control(row), '2025-03-01 09:30'),
    en: 'Enter a valid date and time.',
    zh: '请输入有效的日期和时间。',
  },
  {
    field: 'active',
    what: 'a yes/no left unanswered while required',
    required: true,
    bad: () => {},
    good: (row) => fireEvent.click(control(row)),
    en: 'This field is required.',
    zh: '此字段为必填项。',
  },
  {
    field: 'tier',
    what: 'a single select left empty while required',
    required: true,
    bad: () => {},
    good: (row) => change(control(row), 'b'),
    en: 'This field is required.',
    zh: '此字段为必填项。',
  },
  {
    field: 'tags',
    what: 'a multi select over its limit',
    bad: (row) => {
      for (const label of ['Hot', 'New', 'Big']) fireEvent.click(within(row).getByLabelText(label));
    },
    good: (row) => fireEvent.click(within(row).getByLabelText('Big')),
    en: 'Choose at most 2.',
    zh: '最多选择 2 项。',
  },
  {
    field: 'account',
    what: 'a reference left empty while required',
    required: true,
    bad: () => {},
    good: async (row) => {
      change(control(row), 'glo');
      fireEvent.click(await within(row).findByRole('button', { name: 'Globex' }));
    },
    en: 'This field is required.',
    zh: '此字段为必填项。',
  },
  {
    field: 'rep',
    what: 'a user left empty while required',
    required: true,
    bad: () => {},
    good: async (row) => {
      change(control(row), 'han');
      fireEvent.click(await within(row).findByRole('button', { name: 'Han Meimei' }));
    },
    en: 'This field is required.',
    zh: '此字段为必填项。',
  },
  {
    field: 'team',
    what: 'an org unit left empty while required',
    required: true,
    bad: () => {},
    good: async (row) => {
      change(control(row), 'east');
      fireEvent.click(await within(row).findByRole('button', { name: 'East region' }));
    },
    en: 'This field is required.',
    zh: '此字段为必填项。',
  },
  {
    field: 'phone',
    what: 'a phone number made of words',
    bad: (row) => change(control(row), 'call me'),
    good: (row) => change(control(row), '+86 138 0000 0000'),
    en: 'Enter a valid phone number.',
    zh: '请输入有效的电话号码。',
  },
  {
    field: 'email',
    what: 'an email without a domain',
    bad: (row) => change(control(row), 'a@b'),
    good: (row) => change(control(row), 'a@b.cn'),
    en: 'Enter a valid email address.',
    zh: '请输入有效的邮箱地址。',
  },
  {
    field: 'website',
    what: 'a url without a scheme',
    bad: (row) => change(control(row), 'example'),
    good: (row) => change(control(row), 'https://example.com'),
    en: 'Enter a valid web address (https://…).',
    zh: '请输入有效的网址（https://…）。',
  },
  {
    field: 'docs',
    what: 'an oversize attachment',
    bad: (row) => pick(row, file('big.pdf', 5000, 'application/pdf')),
    good: async (row) => {
      pick(row, file('offer.pdf', 100, 'application/pdf'));
      await within(row).findByText('offer.pdf');
    },
    en: 'big.pdf is larger than 1000 B.',
    zh: 'big.pdf 超过 1000 B。',
  },
  {
    field: 'photos',
    what: 'an oversize image (default 20 MB limit)',
    bad: (row) => pick(row, file('shelf.jpg', 20 * 1024 * 1024 + 1, 'image/jpeg')),
    good: async (row) => {
      pick(row, file('door.jpg', 2048, 'image/jpeg'));
      await within(row).findByText('door.jpg');
    },
    en: 'shelf.jpg is larger than 20.0 MB.',
    zh: 'shelf.jpg 超过 20.0 MB。',
  },
  {
    field: 'location',
    what: 'a latitude out of range',
    bad: (row) => {
      const [lat, lng] = row.querySelectorAll('input');
      change(lng as Element, '121.47');
      change(lat as Element, '95');
    },
    good: (row) => change(row.querySelector('input') as Element, '31.23'),
    en: 'Latitude is between -90 and 90.',
    zh: '纬度须在 -90 到 90 之间。',
  },
  {
    field: 'lines',
    what: 'text in a number cell of a line item',
    bad: (row) => {
      fireEvent.click(within(row).getAllByRole('button').at(-1) as HTMLElement);
      change(row.querySelector('input[inputmode="decimal"]') as Element, 'ten');
    },
    good: (row) => change(row.querySelector('input[inputmode="decimal"]') as Element, '10'),
    en: 'Enter a number.',
    zh: '请输入数字。',
  },
];

function formOf(field: string, required = false): Form {
  const items: Form['sections'][number]['items'] = [{ id: 'iName', field: 'name' }];
  if (field !== 'name') items.push({ id: 'iX', field, ...(required ? { requiredWhen: true } : {}) });
  return { id: 'badValues', entity: 'deal', label: { en: 'Bad values' }, sections: [{ id: 's', items }] };
}

function mount(form: Form, locale: Locale, record?: RecordData) {
  const services = new MemoryServices();
  services.seed('company', [
    { id: 'c1', name: 'Acme Ltd' },
    { id: 'c2', name: 'Globex' },
  ]);
  services.people = [{ id: 'u2', name: 'Han Meimei' }];
  services.units = [{ id: 'east', name: 'East region' }];
  const onSaved = vi.fn();
  renderWithRuntime(<FormRenderer form={form} entity={deal} record={record} onSaved={onSaved} />, sampleApp, {
    services,
    locale,
  });
  const row = (id: string) => document.querySelector(`[data-field="${id}"]`) as HTMLElement;
  const save = () => fireEvent.click(screen.getByRole('button', { name: SAVE[locale] }));
  const creates = () => services.calls.filter((c) => c.method === 'createRecord');
  return { services, onSaved, row, save, creates };
}

describe.each(['en', 'zh-CN'] as const)('bad values in the rendered form (%s)', (locale) => {
  it.each(cases.map((c) => [c.field, c.what, c] as const))(
    '%s: %s is refused inline and nothing is created',
    async (field, _what, c) => {
      const { row, save, creates, onSaved, services } = mount(formOf(field, c.required), locale);
      if (field !== 'name') change(control(row('name')), 'Acme');
      c.bad(row(field));
      save();
      const error = await waitFor(() => {
        const el = row(field).querySelector('.sc-error[role="alert"]');
        expect(el).toBeTruthy();
        return el as Element;
      });
      expect(error.textContent).toBe(locale === 'en' ? c.en : c.zh);
      expect(control(row(field)).closest('[data-field]')).toBe(row(field));
      expect(screen.getByText(FIX[locale])).toBeTruthy();
      if (field !== 'name') expect(row('name').querySelector('.sc-error')).toBeNull();
      expect(creates()).toHaveLength(0);
      expect(services.calls.filter((call) => call.method === 'upload')).toHaveLength(0);

      await c.good(row(field));
      save();
      await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
      expect(creates()).toHaveLength(1);
      expect(creates()[0]?.args[1]).toHaveProperty(field);
      expect(row(field).querySelector('.sc-error')).toBeNull();
    },
  );
});

describe('computed fields in the rendered form', () => {
  const form: Form = {
    id: 'computed',
    entity: 'deal',
    label: { en: 'Computed' },
    sections: [
      {
        id: 's',
        items: [
          { id: 'iName', field: 'name' },
          // Even a form that asks for it cannot make a computed field editable or required.
          { id: 'iCode', field: 'code', requiredWhen: true },
          { id: 'iTotal', field: 'total' },
        ],
      },
    ],
  };

  it.each([
    ['en', 'Computed on save'],
    ['zh-CN', '保存时计算'],
  ] as const)('auto-number and formula are read-only outputs, never sent (%s)', async (locale, computed) => {
    const { row, save, creates } = mount(form, locale);
    for (const id of ['code', 'total']) {
      expect(row(id).querySelector('input, textarea, select, [contenteditable]')).toBeNull();
      const output = row(id).querySelector('output') as HTMLOutputElement;
      expect(row(id).querySelector('label')?.getAttribute('for')).toBe(output.id);
    }
    expect(row('code').querySelector('output')?.textContent).toBe(computed);
    change(control(row('name')), 'Acme');
    save();
    await waitFor(() => expect(creates()).toHaveLength(1));
    expect(creates()[0]?.args[1]).toEqual({ name: 'Acme' });
  });

  it('shows the number the server gave when editing, still read-only', () => {
    const { row } = mount(form, 'en', { id: 'd1', version: 2, name: 'Acme', code: 'D-0007' });
    expect(row('code').querySelector('output')?.textContent).toBe('D-0007');
    expect(row('code').querySelector('input, textarea, select')).toBeNull();
  });
});
