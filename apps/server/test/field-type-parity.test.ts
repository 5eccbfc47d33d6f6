/**
 * One contract between browser and server: for every field type, generated values (valid ones,
 * near misses and arbitrary JSON) are accepted or refused identically by the renderer's form check
 * (`checkValue`, what the form runs before it sends) and by the server's record validation of a
 * payload holding that one field (`prepareRecordValidator`, what the records API runs).
 */
import { checkValue } from '@stagecraft/renderer';
import { type App, FIELD_TYPE_TABLE, FIELD_TYPES, type Field, validateApp } from '@stagecraft/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareRecordValidator } from '../src/records/record-validation.js';

const label = (en: string) => ({ en, 'zh-CN': en });
const options = ['red', 'green', 'blue'].map((id) => ({ id, label: label(id) }));

/** One field per type, with the constraints the type has. */
const FIELDS: Record<string, Record<string, unknown>> = {
  text: { type: 'text', maxLength: 12, pattern: '^[A-Z]' },
  long_text: { type: 'long_text', maxLength: 40 },
  number: { type: 'number', min: -10, max: 100, decimals: 1 },
  currency: { type: 'currency', min: 0 },
  percent: { type: 'percent', min: 0, max: 100 },
  date: { type: 'date' },
  datetime: { type: 'datetime' },
  boolean: { type: 'boolean' },
  single_select: { type: 'single_select', options },
  multi_select: { type: 'multi_select', options, maxSelected: 2 },
  reference: { type: 'reference', entity: 'thing' },
  user: { type: 'user' },
  org_unit: { type: 'org_unit' },
  phone: { type: 'phone' },
  email: { type: 'email' },
  url: { type: 'url' },
  attachment: { type: 'attachment', accept: ['application/pdf', '.docx'], maxFiles: 3, maxSizeBytes: 1000 },
  image: { type: 'image', minFiles: 1, maxFiles: 2 },
  geo_point: { type: 'geo_point' },
  subtable: {
    type: 'subtable',
    maxRows: 3,
    fields: [
      { id: 'sku', label: label('SKU'), type: 'text', required: true, maxLength: 8 },
      { id: 'qty', label: label('Qty'), type: 'number', min: 1, decimals: 0 },
      { id: 'unit', label: label('Unit'), type: 'currency' },
      { id: 'when', label: label('When'), type: 'date' },
      { id: 'line', label: label('Line'), type: 'formula', resultType: 'number', expression: { var: 'qty' } },
    ],
  },
  formula: { type: 'formula', resultType: 'number', expression: 1 },
  auto_number: { type: 'auto_number', prefix: 'T-' },
};

/** An entity with a field of every type; `required` names the one type whose field is required. */
function entity(id: string, required?: string) {
  return {
    id,
    label: label(id),
    fields: Object.entries(FIELDS).map(([type, def]) => ({
      id: `f_${type}`,
      label: label(type),
      ...def,
      ...(type === required ? { required: true } : {}),
    })),
  };
}

const parsed = validateApp({
  schemaVersion: 2,
  id: 'parity',
  label: label('Parity'),
  entities: [entity('thing'), ...FIELD_TYPES.map((type) => entity(`needs_${type}`, type))],
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const app: App = parsed.value;
const server = prepareRecordValidator(app);
const context = {
  user: { id: 'u1', roles: ['member'], orgUnit: null },
  now: new Date(0),
  locale: 'en' as const,
};
const fieldOf = (entityId: string, type: string) =>
  app.entities.find((e) => e.id === entityId)?.fields.find((f) => f.id === `f_${type}`) as Field;

// ---- generators: valid values, near misses and anything JSON ----

const pick = (...xs: unknown[]): fc.Arbitrary<unknown> => fc.constantFrom(...xs);
const NEAR_MISSES = pick(
  '',
  '  ',
  null,
  0,
  -0,
  1.05,
  -11,
  1e17,
  1e308,
  'Alpha',
  'alpha',
  '(021) 5555-1234',
  '+86 138-0013-8000',
  '021 5555',
  'call me',
  'http://localhost:3000',
  'https://example.com/a?b=c#d',
  'https://例子.com',
  'javascript:alert(1)',
  'ftp://example.com',
  'a@b.cn',
  'a@b',
  '2024-02-29',
  '2023-02-29',
  '2026-02-31',
  '0000-01-01',
  '9999-12-31',
  '2024/01/01',
  '2024-05-01T10:30:00+08:00',
  '2024-05-01T10:30:00Z',
  '2024-05-01 10:30',
  '2016-12-31T23:59:60Z',
  '9999-12-31T23:59:59-23:59',
  'red',
  'purple',
  ['red', 'blue'],
  ['red', 'red'],
  ['red', 'green', 'blue'],
  [],
  [{}],
  [{ id: 'a' }],
  { lat: 31.2, lng: 121.5 },
  { lat: 91, lng: 0 },
  { lat: 1 },
  true,
  'true',
);

const digits = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((x) => String(x).padStart(n, '0'));
const dateText = fc
  .tuple(
    fc.integer({ min: 0, max: 10_000 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
  )
  .map(
    ([y, m, d]) =>
      `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  );
const dateTimeText = fc
  .tuple(
    dateText,
    pick('T', ' ', 't', '_'),
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 61 }),
    fc.integer({ min: 0, max: 61 }),
    pick('', '.5', '.123456'),
    pick('Z', 'z', '', '+08:00', '-05:30', '+0800', '+08', '-23:59', '+24:00'),
  )
  .map(
    ([d, sep, h, mi, s, frac, tz]) =>
      `${d}${sep}${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${String(s).padStart(2, '0')}${frac}${tz}`,
  );
const numbers = fc.oneof(
  fc.double(),
  fc.integer({ min: -20, max: 120 }),
  fc.integer({ min: -200, max: 1200 }).map((n) => n / 10),
  fc.integer({ min: -20_000, max: 20_000 }).map((n) => n / 1000),
  pick(1e17, -1e17, 1e18, 0.1 + 0.2, 19.99, 1.234),
);
const textOf = (chars: string, maxLength: number) =>
  fc.array(fc.constantFrom(...chars.split('')), { maxLength }).map((a) => a.join(''));
const phones = fc.oneof(
  textOf('0123456789 ()-+x', 32),
  fc
    .tuple(pick('', '+'), pick('', '(021) ', '138'), digits(4), pick('', '-', ' '), digits(4))
    .map((p) => p.join('')),
);
const emails = fc.oneof(
  fc.emailAddress(),
  fc.tuple(textOf('ab.c_-+', 6), pick('@', '', '@@'), textOf('ab.c-', 8)).map((p) => p.join('')),
);
const urls = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc
    .tuple(
      pick('http://', 'https://', 'HTTP://', 'ftp://', '//', 'https:/'),
      pick('localhost', 'example.com', '127.0.0.1', '[::1]', 'exa mple.com', '', 'ex_ample.com', '例子.com'),
      pick('', ':3000', ':99999', ':'),
      pick('', '/', '/a b', '/a%20b', '/a%zz', '?q=1', '#top', '/x/y?z=1#w'),
    )
    .map((p) => p.join('')),
);
const optionIds = pick('red', 'green', 'blue', 'Red', 'purple', '', 1);
const ids = fc.oneof(
  fc.string({ maxLength: 140 }),
  pick('rec_1', 'u2', '', 'x'.repeat(128), 'x'.repeat(129)),
);
const file = fc.record(
  {
    id: fc.oneof(pick('att1', '', 7), fc.string({ maxLength: 4 })),
    name: pick('offer.pdf', 'offer.docx', 'door.jpg', 'run.exe', 3, 'x'.repeat(256)),
    mime: pick('application/pdf', 'image/jpeg', 'image/png', 'application/x-msdownload', '', 5),
    size: pick(0, 1, 999, 1000, 1001, -1, 1.5, '12'),
    sha256: pick('a'.repeat(64), 'A'.repeat(64), 'a'.repeat(63), 'g'.repeat(64)),
    url: pick('/api/attachments/att1', 'https://cdn.example.com/a.pdf', 'javascript:alert(1)', 'not a url'),
    extra: pick(1, 'x'),
  },
  { requiredKeys: [] },
);
const files = fc.oneof(
  fc.array(file, { maxLength: 4 }),
  fc.array(fc.record({ id: pick('a', 'b') }), { maxLength: 4 }),
);
const geo = fc.oneof(
  fc.record(
    {
      lat: fc.oneof(fc.double(), fc.integer({ min: -100, max: 100 })),
      lng: fc.oneof(fc.double(), fc.integer({ min: -200, max: 200 })),
      accuracy: fc.oneof(fc.double(), pick(0, 5, -1)),
      alt: pick(1),
    },
    { requiredKeys: [] },
  ),
  fc.record({ lat: fc.integer({ min: -90, max: 90 }), lng: fc.integer({ min: -180, max: 180 }) }),
);
const row = fc.record(
  {
    id: fc.oneof(pick('row1', '', 3)),
    sku: fc.oneof(textOf('AB1 ', 10), pick(null, 5)),
    qty: fc.oneof(numbers, pick(null, '2')),
    unit: fc.oneof(numbers, pick(null)),
    when: fc.oneof(dateText, pick(null)),
    line: pick(3),
    bogus: pick(1),
  },
  { requiredKeys: [] },
);
const rows = fc.oneof(
  fc.array(row, { maxLength: 4 }),
  fc.array(fc.record({ sku: pick('A', 'B2') }), { maxLength: 5 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
);

const SPECIFIC: Record<string, fc.Arbitrary<unknown>> = {
  text: fc.oneof(
    fc.string({ maxLength: 16 }),
    textOf('ABab1 ', 14),
    pick('Ä', 'A😀😀😀😀😀😀😀😀😀😀😀', 'A😀😀😀😀😀😀😀😀😀😀😀😀'),
  ),
  long_text: fc.oneof(fc.string({ maxLength: 45 }), fc.string({ unit: 'grapheme', maxLength: 45 })),
  number: numbers,
  currency: numbers,
  percent: numbers,
  date: fc.oneof(
    dateText,
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  ),
  datetime: fc.oneof(
    dateTimeText,
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  ),
  boolean: fc.oneof(fc.boolean(), pick('yes', 0, 1)),
  single_select: optionIds,
  multi_select: fc.array(optionIds, { maxLength: 4 }),
  reference: ids,
  user: ids,
  org_unit: ids,
  phone: phones,
  email: emails,
  url: urls,
  attachment: files,
  image: files,
  geo_point: geo,
  subtable: rows,
  formula: numbers,
  auto_number: fc.string({ maxLength: 6 }),
};

const valueFor = (type: string) =>
  fc.oneof(
    { arbitrary: SPECIFIC[type] as fc.Arbitrary<unknown>, weight: 6 },
    { arbitrary: NEAR_MISSES, weight: 2 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  );

/** Whether the server accepts a create of `entityId` holding only this field's value. */
function serverAccepts(entityId: string, type: string, value: unknown): boolean {
  const values = { [`f_${type}`]: value };
  return server.validate({ entityId, operation: 'create', values, context }).ok;
}

describe('field values: the browser and the server agree', () => {
  it('covers every field type of the language', () => {
    expect(Object.keys(FIELDS).sort()).toEqual([...FIELD_TYPES].sort());
  });

  for (const type of FIELD_TYPES.filter((t) => FIELD_TYPE_TABLE[t].writable)) {
    it(`${type}: 1,000 generated values are accepted or refused alike`, () => {
      const seen = { accepted: 0, refused: 0 };
      fc.assert(
        fc.property(valueFor(type), fc.boolean(), (value, required) => {
          // A form sends a required field only filled, and every other field as it stands.
          const entityId = required ? `needs_${type}` : 'thing';
          const browser = checkValue(fieldOf(entityId, type), value, required) === null;
          const accepted = serverAccepts(entityId, type, value);
          seen[accepted ? 'accepted' : 'refused']++;
          expect({ value, required, browser }).toEqual({ value, required, browser: accepted });
        }),
        { numRuns: 1_000, seed: 20_261_207 },
      );
      // The generators reach both sides of the line, or the agreement would say little.
      expect(seen.accepted).toBeGreaterThan(50);
      expect(seen.refused).toBeGreaterThan(50);
    });
  }

  for (const type of FIELD_TYPES.filter((t) => !FIELD_TYPE_TABLE[t].writable)) {
    it(`${type}: computed, so the form never checks or sends it and the server refuses any value`, () => {
      fc.assert(
        fc.property(valueFor(type), (value) => {
          expect(checkValue(fieldOf('thing', type), value, true)).toBeNull();
          if (value !== undefined) expect(serverAccepts('thing', type, value)).toBe(false);
        }),
        { numRuns: 1_000, seed: 20_261_207 },
      );
    });
  }
});
