import AjvModule from 'ajv';
import formatsModule from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELD_TYPES, Field } from '../documents/entity.js';
import {
  checkFieldValue,
  FIELD_TYPE_TABLE,
  fieldValueJsonSchema,
  NUMERIC_FIELD_TYPES,
} from './field-type-table.js';
import { normalizeInstant, parseInstant } from './scalar-checks.js';
import { VALUE_PROBLEMS } from './value-issue.js';

// ajv and ajv-formats are CommonJS; under NodeNext the constructor sits on `default`.
const Ajv = AjvModule.default ?? AjvModule;
const addFormats = formatsModule.default ?? formatsModule;

const label = { en: 'x', 'zh-CN': 'x' };
const field = (def: Record<string, unknown>): Field => Field.parse({ id: 'f', label, ...def });
const problemOf = (def: Record<string, unknown>, value: unknown) => {
  const found = checkFieldValue(field(def) as never, value);
  return found ? `${found.problem}${found.path.length ? ` /${found.path.join('/')}` : ''}` : null;
};

describe('the field-type table', () => {
  it('has one entry per field type, each naming its own type', () => {
    expect(Object.keys(FIELD_TYPE_TABLE)).toEqual([...FIELD_TYPES]);
    for (const type of FIELD_TYPES) expect(FIELD_TYPE_TABLE[type].type).toBe(type);
    expect(NUMERIC_FIELD_TYPES).toEqual(['number', 'currency', 'percent']);
  });

  it('declares a column for every stored type (a formula takes its result type)', () => {
    for (const type of FIELD_TYPES) expect(FIELD_TYPE_TABLE[type].column === null).toBe(type === 'formula');
  });

  it.each([
    [{ type: 'phone' }, '(021) 5555-1234', null],
    [{ type: 'phone' }, '+86 138-0013-8000', null],
    [{ type: 'phone' }, 'call me', 'invalidPhone'],
    [{ type: 'url' }, 'http://localhost:3000', null],
    [{ type: 'url' }, 'https://example.com/a%20b?q=1#top', null],
    [{ type: 'url' }, 'javascript:alert(1)', 'invalidUrl'],
    [{ type: 'url' }, 'https://exa mple.com', 'invalidUrl'],
    [{ type: 'email' }, 'a@b.cn', null],
    [{ type: 'email' }, 'a@b', 'invalidEmail'],
    [{ type: 'date' }, '2024-02-29', null],
    [{ type: 'date' }, '2026-02-31', 'invalidDate'],
    [{ type: 'date' }, '0000-01-01', 'invalidDate'],
    [{ type: 'datetime' }, '2024-05-01T10:30:00+08:00', null],
    [{ type: 'datetime' }, '2024-05-01 10:30', 'invalidDateTime'],
    [{ type: 'datetime' }, '2016-12-31T23:59:60Z', 'invalidDateTime'],
    [{ type: 'datetime' }, '9999-12-31T23:59:59-23:59', 'invalidDateTime'],
    [{ type: 'number', min: 0, decimals: 0 }, 1.5, 'tooManyDecimals'],
    [{ type: 'number', min: 0 }, -1, 'belowMin'],
    [{ type: 'currency' }, 1.234, 'tooManyDecimals'],
    [{ type: 'currency' }, 1e18, 'aboveMax'],
    [{ type: 'percent', max: 100 }, '50', 'notANumber'],
    [{ type: 'text', maxLength: 3 }, 'A😀😀', null],
    [{ type: 'text', maxLength: 3 }, 'A😀😀😀', 'tooLong'],
    [{ type: 'text', pattern: '^[A-Z]' }, 'alpha', 'patternMismatch'],
    [{ type: 'single_select', options: [{ id: 'a', label }] }, 'b', 'notAnOption'],
    [
      {
        type: 'multi_select',
        options: [
          { id: 'a', label },
          { id: 'b', label },
        ],
      },
      ['a', 'c'],
      'notAnOption /1',
    ],
    [{ type: 'multi_select', options: [{ id: 'a', label }] }, ['a', 'a'], 'duplicateOption'],
    [
      {
        type: 'multi_select',
        options: [
          { id: 'a', label },
          { id: 'b', label },
        ],
        maxSelected: 1,
      },
      ['a', 'b'],
      'tooManySelected',
    ],
    [{ type: 'user' }, 'x'.repeat(129), 'invalidId'],
    [
      { type: 'attachment' },
      [
        {
          id: 'a',
          name: 'x.pdf',
          size: 3,
          mime: 'application/pdf',
          sha256: 'f'.repeat(64),
          url: '/api/attachments/a',
        },
      ],
      null,
    ],
    [{ type: 'attachment' }, [{ id: 'a', sha256: 'F'.repeat(64) }], 'invalidFile /0/sha256'],
    [{ type: 'image' }, [{ id: 'a', name: 'a.jpg', mime: 'image/jpeg', sha256: undefined }], null],
    [{ type: 'geo_point' }, { lat: 1, lng: 2, accuracy: undefined }, null],
    [{ type: 'attachment' }, [{ id: 'a', owner: 'me' }], 'unknownKey /0/owner'],
    [{ type: 'attachment', accept: ['.pdf'] }, [{ id: 'a', name: 'run.exe' }], 'fileTypeNotAccepted /0'],
    [{ type: 'attachment', maxSizeBytes: 10 }, [{ id: 'a', size: 11 }], 'fileSizeAboveMax /0/size'],
    [{ type: 'image', maxFiles: 1 }, [{ id: 'a' }, { id: 'b' }], 'tooManyFiles'],
    [{ type: 'image' }, [{ id: 'a', mime: 'application/pdf' }], 'invalidFile /0/mime'],
    [{ type: 'image' }, [{ name: 'x' }], 'invalidFile /0/id'],
    [{ type: 'geo_point' }, { lat: 91, lng: 0 }, 'invalidLat /lat'],
    [{ type: 'geo_point' }, { lat: 1 }, 'invalidLng /lng'],
    [
      { type: 'subtable', maxRows: 2, fields: [{ id: 'sku', label, type: 'text', required: true }] },
      [{ sku: 'A' }, { sku: ' ' }],
      'required /1/sku',
    ],
    [
      { type: 'subtable', fields: [{ id: 'n', label, type: 'number', min: 1 }] },
      [{ n: 1, bogus: 1 }],
      'unknownKey /0/bogus',
    ],
    [{ type: 'formula', resultType: 'number', expression: 1 }, 3, 'invalidValue'],
  ])('checks %j with %j: %s', (def, value, expected) => {
    expect(problemOf(def, value)).toBe(expected);
  });

  it('reads instants with their zone and keeps them in UTC', () => {
    expect(normalizeInstant('2024-05-01T10:30:00+08:00')).toBe('2024-05-01T02:30:00.000Z');
    expect(normalizeInstant('0099-01-01T00:00:00.5Z')).toBe('0099-01-01T00:00:00.500Z');
    expect(parseInstant('2024-05-01T10:30:00')).toBeNull();
  });

  it('names a problem for every i18n key the renderer needs, with no duplicates', () => {
    expect(new Set(VALUE_PROBLEMS).size).toBe(VALUE_PROBLEMS.length);
  });
});

describe("each type's JSON Schema (API docs) accepts every value its check accepts", () => {
  const ajv = new Ajv({ strict: false, unicodeRegExp: true });
  addFormats(ajv, ['date', 'date-time', 'email', 'uri']);
  const options = [
    { id: 'a', label },
    { id: 'b', label },
  ];
  const defs: Record<string, Record<string, unknown>> = {
    text: { maxLength: 5, pattern: '^[A-Z]' },
    single_select: { options },
    multi_select: { options, maxSelected: 2 },
    reference: { entity: 'thing' },
    attachment: { maxFiles: 2, maxSizeBytes: 100 },
    image: { minFiles: 1 },
    subtable: { fields: [{ id: 'n', label, type: 'number', min: 0 }] },
  };
  const values = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.webUrl(),
    fc.emailAddress(),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc.constantFrom(
      'a',
      'b',
      ['a'],
      ['a', 'b'],
      [{ id: 'x', size: 5 }],
      [{ n: 1 }],
      { lat: 1, lng: 2 },
      '(021) 5555-1234',
      'http://localhost:3000',
    ),
  );
  for (const type of FIELD_TYPES.filter((t) => FIELD_TYPE_TABLE[t].writable)) {
    it(type, () => {
      const f = field({ type, ...(defs[type] ?? {}) });
      const validate = ajv.compile(fieldValueJsonSchema(f as never) as object);
      let accepted = 0;
      fc.assert(
        fc.property(values, (value) => {
          if (value === null || checkFieldValue(f as never, value) !== null) return;
          accepted++;
          expect(validate(value)).toBe(true);
        }),
        { numRuns: 1_000, seed: 7 },
      );
      expect(accepted).toBeGreaterThan(0);
    });
  }
});
