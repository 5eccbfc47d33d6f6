import { ERROR_CODES, validateApp } from '@stagecraft/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import sample from '../../../schema/test/fixtures/sample-app.json' with { type: 'json' };
import { compileRecordValidator } from './validate-record.js';

const parsed = validateApp(sample);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const app = parsed.value;
const entity = app.entities.find((e) => e.id === 'gadget');
if (!entity) throw new Error('fixture entity missing');
const fieldIds = entity.fields.map((f) => f.id);
const validator = compileRecordValidator(app);
const context = { user: { id: 'u1', roles: ['member'] }, now: '2024-05-01T08:00:00Z', locale: 'en' as const };

/** Values that look like what a client may send for any field, plus hostile ones. */
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(
    Number.POSITIVE_INFINITY,
    Number.NaN,
    -0,
    1e308,
    '2016-12-31T23:59:60Z',
    '0000-01-01',
    '',
    '  ',
    '__proto__',
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.array(fc.record({ id: fc.string(), mime: fc.string(), size: fc.integer() }, { requiredKeys: ['id'] }), {
    maxLength: 4,
  }),
  fc.record({ lat: fc.double(), lng: fc.double() }),
);
const payload = fc.dictionary(
  fc.oneof(fc.constantFrom(...fieldIds, 'stage', 'id', 'constructor'), fc.string()),
  value,
  { maxKeys: 8 },
);

describe('validateRecord on arbitrary payloads', () => {
  it('always answers with a result (never throws), with registered codes and JSON pointers', () => {
    fc.assert(
      fc.property(payload, fc.constantFrom('create' as const, 'update' as const), (values, operation) => {
        const previous = operation === 'update' ? { id: 'r1', version: 1, title: 'Alpha' } : null;
        const r = validator.validate({ entityId: 'gadget', operation, values, previous, context });
        if (r.ok) {
          for (const key of Object.keys(r.value)) expect(fieldIds).toContain(key);
          return;
        }
        expect(r.issues.length).toBeGreaterThan(0);
        for (const i of r.issues) {
          expect(Object.keys(ERROR_CODES)).toContain(i.code);
          expect(i.path === '' || i.path.startsWith('/')).toBe(true);
        }
      }),
      { numRuns: 1_000, seed: 20_240_501 },
    );
  });
});
