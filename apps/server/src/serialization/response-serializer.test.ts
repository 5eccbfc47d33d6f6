import { HistoryEntry, RecordOut, RecordPage } from '@stagecraft/contract';
import fc from 'fast-check';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseSerializerCompiler } from './response-serializer.js';

type Route = Parameters<typeof responseSerializerCompiler>[0];
const both = (schema: unknown) => {
  const route = { schema, method: 'GET', url: '/x', httpStatus: '200' } as Route;
  return { fast: responseSerializerCompiler(route), zod: zodSerializerCompiler(route as never) };
};
/** The same bytes, or the same error. */
const outcome = (serialize: (data: unknown) => string, data: unknown) => {
  try {
    return { json: serialize(data) };
  } catch (error) {
    return { error: String(error), cause: String((error as Error).cause) };
  }
};

/** A value of every field type as the store answers it. */
const FIELD_VALUES: Record<string, unknown> = {
  f_text: 'Acme 上海',
  f_long_text: 'line 1\nline "2" \u2028 end',
  f_number: 12.5,
  f_currency: 1_000_000,
  f_percent: 0,
  f_date: '2030-01-31',
  f_datetime: '2030-01-31T08:00:00.000Z',
  f_boolean: false,
  f_single_select: 'red',
  f_multi_select: ['red', 'blue'],
  f_reference: 'rec_01',
  f_user: 'usr_01',
  f_org_unit: 'ou_01',
  f_phone: '+86 138 0000 0000',
  f_email: 'a@example.com',
  f_url: 'https://example.com/?q=1&r=2',
  f_attachment: [{ id: 'fil_1', name: 'a.pdf', size: 10, mime: 'application/pdf', sha256: 'ab' }],
  f_image: [],
  f_geo_point: { lat: 31.2, lng: 121.5, accuracy: null },
  f_subtable: [{ sku: 'A1', qty: 2, unit: 3.5, when: null, line: 2 }],
  f_formula: null,
  f_auto_number: 'T-000001',
};
const SYSTEM = {
  id: 'rec_1',
  version: 3,
  owner: 'usr_01',
  orgUnit: null,
  stage: 'qualify',
  stageEnteredAt: '2030-01-01T00:00:00.000Z',
  createdAt: '2030-01-01T00:00:00.000Z',
  createdBy: 'usr_01',
  updatedAt: '2030-01-02T00:00:00.000Z',
  updatedBy: null,
  deletedAt: null,
};

describe('response serializer', () => {
  it('writes the bytes zod does for a record of every field type, whatever its key order', () => {
    const { fast, zod } = both(RecordOut);
    const record = { ...SYSTEM, ...FIELD_VALUES };
    expect(fast(record)).toBe(zod(record));
    const fieldsFirst = { ...FIELD_VALUES, ...SYSTEM };
    expect(fast(fieldsFirst)).toBe(zod(fieldsFirst));
    expect(fast(fieldsFirst).startsWith('{"id":"rec_1","version":3,')).toBe(true);
    const shuffled = Object.fromEntries(Object.entries(record).reverse());
    expect(fast(shuffled)).toBe(zod(shuffled));
  });

  it('strips what the contract strips and fails where zod fails', () => {
    const page = both(RecordPage);
    const data = { records: [{ ...SYSTEM, ...FIELD_VALUES }], total: 1, limit: 20, offset: 0, debug: 'x' };
    expect(page.fast(data)).toBe(page.zod(data));
    expect(page.fast(data)).not.toContain('debug');
    for (const bad of [
      { ...data, total: '1' },
      { ...data, total: Number.NaN },
      { ...data, records: [{ ...SYSTEM, version: undefined }] },
      { ...data, records: [{ ...SYSTEM, stage: 7 }] },
      { ...data, records: 'none' },
    ])
      expect(outcome(page.fast, bad)).toEqual(outcome(page.zod, bad));
  });

  it('matches zod on a transition answer and on arbitrary records', () => {
    // The answer of `POST …/records/:id/transitions`, as the contract declares it.
    const schema = z.object({ record: RecordOut, history: HistoryEntry });
    const transition = both(schema);
    const answer = {
      history: {
        id: 1,
        from: 'a',
        to: 'b',
        transitionId: 't',
        actor: null,
        actorName: null,
        at: '2030-01-01T00:00:00.000Z',
        dwellMs: null,
        definitionVersion: 2,
        fields: { f_text: 'x' },
        evidence: {},
      },
      record: { ...SYSTEM, ...FIELD_VALUES },
    };
    expect(transition.fast(answer)).toBe(transition.zod(answer));
    const record = both(RecordOut);
    const system = fc.record(
      {
        id: fc.oneof(fc.string(), fc.integer()),
        version: fc.oneof(fc.integer(), fc.double(), fc.constant(undefined)),
        owner: fc.oneof(fc.string(), fc.constant(null), fc.constant(undefined)),
        stage: fc.oneof(fc.string(), fc.constant(null), fc.boolean()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(system, fc.dictionary(fc.string(), fc.jsonValue()), fc.boolean(), (sys, fields, first) => {
        const data = first ? { ...sys, ...fields } : { ...fields, ...sys };
        expect(outcome(record.fast, data)).toEqual(outcome(record.zod, data));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves schemas with kinds it does not know to zod', () => {
    const schema = z.object({ at: z.string().min(2), n: z.union([z.string(), z.number()]) });
    const { fast, zod } = both(schema);
    for (const data of [
      { at: 'abc', n: 1 },
      { at: 'a', n: 1 },
      { n: 'x', at: 'abc', extra: 1 },
    ])
      expect(outcome(fast, data)).toEqual(outcome(zod, data));
    expect(outcome(fast, { at: 'a', n: 1 }).error).toContain('FST_ERR_RESPONSE_SERIALIZATION');
  });
});
