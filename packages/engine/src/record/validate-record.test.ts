import { type App, validateApp } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import type { RecordContext } from './types.js';
import { compileRecordValidator, validateRecord } from './validate-record.js';

const label = (en: string) => ({ en });
const parsed = validateApp({
  schemaVersion: 2,
  id: 'kit',
  label: label('Kit'),
  entities: [
    {
      id: 'thing',
      label: label('Thing'),
      fields: [
        {
          id: 'title',
          label: label('Title'),
          type: 'text',
          required: true,
          maxLength: 10,
          pattern: '^[A-Z]',
        },
        { id: 'qty', label: label('Qty'), type: 'number', min: 0, decimals: 0 },
        { id: 'price', label: label('Price'), type: 'currency' },
        { id: 'rate', label: label('Rate'), type: 'percent', min: 0, max: 100 },
        { id: 'due', label: label('Due'), type: 'date' },
        { id: 'seenAt', label: label('Seen'), type: 'datetime' },
        { id: 'ok', label: label('OK'), type: 'boolean' },
        {
          id: 'color',
          label: label('Color'),
          type: 'single_select',
          options: [{ id: 'red', label: label('Red') }],
        },
        {
          id: 'tags',
          label: label('Tags'),
          type: 'multi_select',
          maxSelected: 2,
          options: ['a', 'b', 'c'].map((id) => ({ id, label: label(id) })),
        },
        { id: 'other', label: label('Other'), type: 'reference', entity: 'thing' },
        { id: 'keeper', label: label('Keeper'), type: 'user' },
        { id: 'phone', label: label('Phone'), type: 'phone' },
        { id: 'mail', label: label('Mail'), type: 'email' },
        { id: 'site', label: label('Site'), type: 'url' },
        { id: 'photos', label: label('Photos'), type: 'image', maxFiles: 2 },
        { id: 'docs', label: label('Docs'), type: 'attachment', accept: ['application/pdf', '.docx'] },
        { id: 'place', label: label('Place'), type: 'geo_point' },
        {
          id: 'items',
          label: label('Items'),
          type: 'subtable',
          fields: [
            { id: 'sku', label: label('SKU'), type: 'text', required: true },
            { id: 'n', label: label('N'), type: 'number', min: 1 },
            { id: 'unit', label: label('Unit'), type: 'currency' },
            {
              id: 'line',
              label: label('Line'),
              type: 'formula',
              resultType: 'currency',
              expression: { '*': [{ var: 'n' }, { var: 'unit' }] },
            },
          ],
        },
        {
          id: 'total',
          label: label('Total'),
          type: 'formula',
          resultType: 'currency',
          expression: { '*': [{ var: 'qty' }, { var: 'price' }] },
        },
        { id: 'serial', label: label('Serial'), type: 'auto_number' },
        { id: 'note', label: label('Note'), type: 'long_text' },
      ],
    },
  ],
  forms: [
    {
      id: 'main',
      entity: 'thing',
      label: label('Main'),
      sections: [
        {
          id: 's',
          items: [
            { id: 'iSite', field: 'site', requiredWhen: { '==': [{ var: 'color' }, 'red'] } },
            { id: 'iMail', field: 'mail', visibleWhen: { var: 'ok' }, requiredWhen: true },
          ],
        },
      ],
    },
  ],
  validationRules: [
    {
      id: 'cap',
      entity: 'thing',
      appliesWhen: { '>': [{ var: 'price' }, 1000] },
      assert: { '<=': [{ var: 'rate' }, 20] },
      message: { 'zh-CN': '折扣不能超过 20%', en: 'Rate may not exceed 20%' },
      field: 'rate',
    },
    {
      id: 'redNeedsSite',
      entity: 'thing',
      appliesWhen: { '==': [{ var: 'color' }, 'red'] },
      assert: { '!!': [{ var: 'site' }] },
      message: label('Red things need a site'),
      field: 'site',
    },
    {
      id: 'onlyUpdate',
      entity: 'thing',
      on: ['update'],
      assert: { '!': [{ changed: 'title' }] },
      message: label('Title is frozen'),
      field: 'title',
    },
    {
      id: 'risk',
      entity: 'thing',
      assert: { '!': [{ contains_any: [{ var: 'note' }, ['预算冻结', '再考虑']] }] },
      message: label('Risk words need a questionnaire'),
      field: 'note',
    },
  ],
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const app: App = parsed.value;
const context: RecordContext = {
  user: { id: 'u1', roles: ['member'] },
  now: '2024-05-01T08:00:00Z',
  locale: 'en',
};
const validator = compileRecordValidator(app);

const create = (values: unknown, locale: 'en' | 'zh-CN' = 'en') =>
  validator.validate({ entityId: 'thing', operation: 'create', values, context: { ...context, locale } });
const codesAt = (r: ReturnType<typeof create>) => (r.ok ? [] : r.issues.map((i) => `${i.code} ${i.path}`));

describe('validateRecord', () => {
  it('accepts a full record, normalizes datetimes and computes formulas', () => {
    const r = create({
      title: 'Alpha',
      qty: 3,
      price: 19.99,
      rate: 5,
      due: '2024-02-29',
      seenAt: '2024-05-01T10:30:00+08:00',
      ok: false,
      color: 'red',
      tags: ['a', 'c'],
      other: 'rec_1',
      keeper: 'u2',
      phone: '+86 138-0013-8000',
      mail: 'a@example.com',
      site: 'https://example.com/x',
      photos: [{ id: 'att1', name: 'door.jpg', mime: 'image/jpeg', size: 1234 }],
      docs: [{ id: 'att2', name: 'offer.docx' }, { id: 'att3' }],
      place: { lat: 31.2, lng: 121.5 },
      items: [{ sku: 'X1', n: 2, unit: 1.5 }],
      note: '一切顺利',
    });
    expect(r.ok ? [] : r.issues).toEqual([]);
    if (!r.ok) return;
    expect(r.value.seenAt).toBe('2024-05-01T02:30:00.000Z');
    expect(r.value.total).toBe(59.97);
    expect(r.value.items).toEqual([{ sku: 'X1', n: 2, unit: 1.5, line: 3 }]);
    expect(r.value).not.toHaveProperty('serial');
  });

  it.each([
    [{ title: 'Alpha', nope: 1 }, 'UNKNOWN_FIELD /nope'],
    [{ title: 'Alpha', stage: 'won' }, 'STAGE_READ_ONLY /stage'],
    [{ title: 'Alpha', createdAt: '2024-01-01T00:00:00Z' }, 'UNKNOWN_FIELD /createdAt'],
    [{ title: 'Alpha', total: 5 }, 'VALIDATION_FAILED /total'],
    [{ title: 'Alpha', serial: 'X-1' }, 'VALIDATION_FAILED /serial'],
    [{ title: 'Alphabetical soup' }, 'VALIDATION_FAILED /title'],
    [{ title: 'alpha' }, 'VALIDATION_FAILED /title'],
    [{ title: 'Alpha', qty: '3' }, 'VALIDATION_FAILED /qty'],
    [{ title: 'Alpha', qty: -1 }, 'VALIDATION_FAILED /qty'],
    [{ title: 'Alpha', qty: 1.5 }, 'VALIDATION_FAILED /qty'],
    [{ title: 'Alpha', price: 1.234 }, 'VALIDATION_FAILED /price'],
    [{ title: 'Alpha', rate: 101 }, 'VALIDATION_FAILED /rate'],
    [{ title: 'Alpha', due: '2023-02-29' }, 'VALIDATION_FAILED /due'],
    [{ title: 'Alpha', due: '2024/01/01' }, 'VALIDATION_FAILED /due'],
    [{ title: 'Alpha', seenAt: '2024-05-01 10:00' }, 'VALIDATION_FAILED /seenAt'],
    [{ title: 'Alpha', seenAt: '2016-12-31T23:59:60Z' }, 'VALIDATION_FAILED /seenAt'],
    [{ title: 'Alpha', seenAt: '9999-12-31T23:59:59-23:59' }, 'VALIDATION_FAILED /seenAt'],
    [{ title: 'Alpha', due: '0000-01-01' }, 'VALIDATION_FAILED /due'],
    [
      { title: 'Alpha', items: [{ sku: 'A', n: 1 }], seenAt: '0000-01-01T00:00:00Z' },
      'VALIDATION_FAILED /seenAt',
    ],
    [{ title: 'Alpha', ok: 'yes' }, 'VALIDATION_FAILED /ok'],
    [{ title: 'Alpha', color: 'green' }, 'VALIDATION_FAILED /color'],
    [{ title: 'Alpha', tags: ['a', 'x'] }, 'VALIDATION_FAILED /tags/1'],
    [{ title: 'Alpha', tags: ['a', 'b', 'c'] }, 'VALIDATION_FAILED /tags'],
    [{ title: 'Alpha', tags: 'a' }, 'VALIDATION_FAILED /tags'],
    [{ title: 'Alpha', other: 42 }, 'VALIDATION_FAILED /other'],
    [{ title: 'Alpha', phone: 'call me' }, 'VALIDATION_FAILED /phone'],
    [{ title: 'Alpha', mail: 'not-an-email' }, 'VALIDATION_FAILED /mail'],
    [{ title: 'Alpha', site: 'javascript:alert(1)' }, 'VALIDATION_FAILED /site'],
    [{ title: 'Alpha', photos: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] }, 'VALIDATION_FAILED /photos'],
    [{ title: 'Alpha', photos: [{ id: 'a', mime: 'application/pdf' }] }, 'VALIDATION_FAILED /photos/0/mime'],
    [{ title: 'Alpha', photos: [{ name: 'x' }] }, 'VALIDATION_FAILED /photos/0/id'],
    [
      {
        title: 'Alpha',
        docs: [
          { id: 'a', name: 'x.pdf', mime: 'application/pdf' },
          { id: 'b', name: 'run.exe', mime: 'application/x-msdownload' },
        ],
      },
      'UPLOAD_TYPE_FORBIDDEN /docs/1',
    ],
    [{ title: 'Alpha', place: { lat: 91, lng: 0 } }, 'VALIDATION_FAILED /place/lat'],
    [{ title: 'Alpha', place: { lat: 1 } }, 'VALIDATION_FAILED /place/lng'],
    [{ title: 'Alpha', items: [{ sku: 'A', n: 0 }] }, 'VALIDATION_FAILED /items/0/n'],
    [{ title: 'Alpha', items: [{ sku: 'A' }, { n: 2 }] }, 'FIELD_REQUIRED /items/1/sku'],
    [{ title: 'Alpha', items: [{ sku: 'A', bogus: 1 }] }, 'UNKNOWN_FIELD /items/0/bogus'],
    [{ title: 'Alpha', items: [{ sku: 'A', unit: 0.001 }] }, 'VALIDATION_FAILED /items/0/unit'],
    [{ qty: 1 }, 'FIELD_REQUIRED /title'],
    [{ title: '  ' }, 'FIELD_REQUIRED /title'],
    [{ title: null }, 'FIELD_REQUIRED /title'],
  ])('refuses %j with %s', (values, expected) => {
    expect(codesAt(create(values))).toEqual([expected]);
  });

  it('refuses numbers JSON Schema lets through and values nested deeper than a record can be', () => {
    expect(
      codesAt(create({ title: 'Alpha', qty: Number.POSITIVE_INFINITY, place: { lat: Number.NaN, lng: 1 } })),
    ).toEqual(['VALIDATION_FAILED /place/lat', 'VALIDATION_FAILED /qty']);
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(codesAt(create({ title: 'Alpha', tags: deep }))).toEqual(['VALIDATION_FAILED /tags/0/0/0/0/0']);
  });

  it('treats prototype keys as unknown fields', () => {
    const r = create(JSON.parse('{"title":"Alpha","__proto__":{"admin":true},"constructor":1}'));
    expect(r).toMatchObject({
      ok: false,
      issues: [
        { code: 'UNKNOWN_FIELD', path: '/__proto__', message: 'Unknown field "__proto__".' },
        { code: 'UNKNOWN_FIELD', path: '/constructor', message: 'Unknown field "constructor".' },
      ],
    });
  });

  it('refuses something that is not an object, and unknown entities', () => {
    expect(codesAt(create([1, 2]))).toEqual(['VALIDATION_FAILED ']);
    const r = validator.validate({ entityId: 'nope', operation: 'create', values: {}, context });
    expect(codesAt(r)).toEqual(['ENTITY_NOT_FOUND ']);
  });

  it('checks required fields on update only when sent or still empty', () => {
    const previous = { id: 'r1', version: 1, title: 'Alpha', qty: 2, price: 10 };
    const update = (values: unknown, prev: Record<string, unknown> = previous) =>
      validator.validate({ entityId: 'thing', operation: 'update', values, previous: prev, context });
    expect(update({ qty: 4 })).toMatchObject({ ok: true, value: { qty: 4, total: 40 } });
    expect(codesAt(update({ title: '' }))).toEqual(['FIELD_REQUIRED /title']);
    expect(codesAt(update({ qty: 1 }, { id: 'r1', version: 1, title: null }))).toEqual([
      'FIELD_REQUIRED /title',
    ]);
  });

  it("enforces the forms' required-when conditions, but never on hidden fields", () => {
    expect(create({ title: 'Alpha', color: 'red', site: 'https://example.com' }).ok).toBe(true);
    expect(codesAt(create({ title: 'Alpha', ok: true }))).toEqual(['FIELD_REQUIRED /mail']);
    expect(create({ title: 'Alpha', ok: false }).ok).toBe(true);
    const previous = { id: 'r1', version: 1, title: 'Alpha', color: 'red', site: 'https://example.com' };
    const update = (values: unknown) =>
      validator.validate({ entityId: 'thing', operation: 'update', values, previous, context });
    expect(codesAt(update({ site: null }))).toEqual(['RULE_FAILED /site']);
    expect(update({ color: null, site: null }).ok).toBe(true);
  });

  it('lets a failing validation rule speak for a field a form also requires', () => {
    const r = create({ title: 'Alpha', ok: true, color: 'red', mail: null });
    expect(r).toMatchObject({
      ok: false,
      issues: [
        { code: 'RULE_FAILED', path: '/site', message: 'Red things need a site' },
        { code: 'FIELD_REQUIRED', path: '/mail', details: { form: 'main' } },
      ],
    });
  });

  it('evaluates validation rules with the localized message at the rule field', () => {
    const r = create({ title: 'Alpha', price: 5000, rate: 30 }, 'zh-CN');
    expect(r).toEqual({
      ok: false,
      issues: [
        {
          code: 'RULE_FAILED',
          path: '/rate',
          message: '折扣不能超过 20%',
          // both of the admin's texts travel along, so the HTTP envelope can answer in either
          messages: { en: 'Rate may not exceed 20%', 'zh-CN': '折扣不能超过 20%' },
          details: { rule: 'cap' },
        },
      ],
    });
    expect(create({ title: 'Alpha', price: 500, rate: 30 }).ok).toBe(true);
    expect(codesAt(create({ title: 'Alpha', note: '客户说预算冻结了' }))).toEqual(['RULE_FAILED /note']);
  });

  it('runs rules only on their operations and sees the previous version on update', () => {
    const previous = { id: 'r1', version: 1, title: 'Alpha' };
    const update = (values: unknown) =>
      validator.validate({ entityId: 'thing', operation: 'update', values, previous, context });
    expect(codesAt(update({ title: 'Beta' }))).toEqual(['RULE_FAILED /title']);
    expect(update({ title: 'Alpha', qty: 1 }).ok).toBe(true);
    expect(create({ title: 'Beta' }).ok).toBe(true);
  });

  it('caches validators per version key', () => {
    const write = { entityId: 'thing', operation: 'create' as const, values: { title: 'Alpha' }, context };
    expect(validateRecord({ ...write, app, versionKey: 'ws/kit@1' }).ok).toBe(true);
    expect(
      codesAt(validateRecord({ ...write, values: { title: 'x' }, app, versionKey: 'ws/kit@1' })),
    ).toEqual(['VALIDATION_FAILED /title']);
  });
});
