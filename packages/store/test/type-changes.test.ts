import type { Field } from '@stagecraft/schema';
import { beforeAll, expect, it } from 'vitest';
import { createOrgFixture, describeDialects, type OrgFixture } from '../src/testing/index.js';
import { testApp } from './fixtures/test-app.js';

const label = { en: 'F' };
const options = [
  { id: 'red', label },
  { id: 'blue', label },
];
type Case = { from: Field; to: Field; values: unknown[]; expect: unknown[] | 'refused' };
const f = (type: string, extra: Record<string, unknown> = {}) =>
  ({ id: 'f', label, type, ...extra }) as Field;

const cases: [string, Case][] = [
  ['text → long_text', { from: f('text'), to: f('long_text'), values: ['a', null], expect: ['a', null] }],
  ['number → currency', { from: f('number'), to: f('currency'), values: [1.5, 2], expect: [1.5, 2] }],
  [
    'number with 3 decimals → currency',
    { from: f('number'), to: f('currency'), values: [1.234], expect: 'refused' },
  ],
  ['number → percent', { from: f('number'), to: f('percent'), values: [0.5], expect: [0.5] }],
  [
    'single_select → text',
    { from: f('single_select', { options }), to: f('text'), values: ['red'], expect: ['red'] },
  ],
  [
    'text → single_select (all options)',
    {
      from: f('text'),
      to: f('single_select', { options }),
      values: ['red', 'blue'],
      expect: ['red', 'blue'],
    },
  ],
  [
    'text → single_select (unknown option)',
    { from: f('text'), to: f('single_select', { options }), values: ['green'], expect: 'refused' },
  ],
  [
    'single_select → multi_select',
    {
      from: f('single_select', { options }),
      to: f('multi_select', { options }),
      values: ['red'],
      expect: [['red']],
    },
  ],
  [
    'date → datetime',
    { from: f('date'), to: f('datetime'), values: ['2024-02-29'], expect: ['2024-02-29T00:00:00.000Z'] },
  ],
  [
    'datetime → date (with time)',
    { from: f('datetime'), to: f('date'), values: ['2024-02-29T10:00:00Z'], expect: 'refused' },
  ],
  [
    'datetime → text',
    {
      from: f('datetime'),
      to: f('text'),
      values: ['2024-02-29T10:00:00Z'],
      expect: ['2024-02-29T10:00:00.000Z'],
    },
  ],
  ['boolean → text', { from: f('boolean'), to: f('text'), values: [true], expect: ['true'] }],
  [
    'multi_select → text',
    { from: f('multi_select', { options }), to: f('text'), values: [['red']], expect: ['["red"]'] },
  ],
  [
    'text → number (numeric)',
    { from: f('text'), to: f('number'), values: [' 12.5 ', '-3'], expect: [12.5, -3] },
  ],
  [
    'text → number (not numeric)',
    { from: f('text'), to: f('number'), values: ['12 apples'], expect: 'refused' },
  ],
  ['text → date', { from: f('text'), to: f('date'), values: ['2024-01-01'], expect: 'refused' }],
  ['text → date (empty column)', { from: f('text'), to: f('date'), values: [null], expect: [null] }],
  [
    'geo_point → number',
    { from: f('geo_point'), to: f('number'), values: [{ lat: 1, lng: 2 }], expect: 'refused' },
  ],
];

describeDialects('field type changes', (ctx) => {
  let org: OrgFixture;
  beforeAll(async () => {
    org = await createOrgFixture(ctx.store);
  });

  for (const [i, [name, c]] of cases.entries()) {
    it(name, async () => {
      const admin = org.actors.admin;
      const app = (field: Field) => ({ ...testApp({ id: 'thing', label, fields: [field] }), id: `app${i}` });
      await ctx.store.apps.create(admin, app(c.from));
      const first = await ctx.store.apps.publish(admin, `app${i}`, app(c.from));
      if (!first.ok) throw new Error(JSON.stringify(first.issues));
      for (const value of c.values) {
        const r = await ctx.store.records.create(admin, `app${i}`, 'thing', { f: value });
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
      }
      const second = await ctx.store.apps.publish(admin, `app${i}`, app(c.to));
      const list = await ctx.store.records.list(admin, `app${i}`, 'thing', {
        sort: [
          { field: 'createdAt', direction: 'asc' },
          { field: 'id', direction: 'asc' },
        ],
      });
      if (!list.ok) throw new Error(JSON.stringify(list.issues));
      if (c.expect === 'refused') {
        expect(second.ok || second.issues[0]).toMatchObject({
          code: 'UNSAFE_TYPE_CHANGE',
          path: '/entities/0/fields/0/type',
        });
        expect(list.value.records.map((r) => r.f)).toEqual(
          c.values.map((v) =>
            typeof v === 'string' && c.from.type === 'datetime' ? new Date(v).toISOString() : v,
          ),
        );
      } else {
        expect(second.ok, JSON.stringify(second)).toBe(true);
        expect(list.value.records.map((r) => r.f).sort()).toEqual([...c.expect].sort());
      }
    });
  }
});
