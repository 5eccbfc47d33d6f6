import { compile, type RuleContext, ruleToSql } from '@stagecraft/rules';
import type { FieldType } from '@stagecraft/schema';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiler, engines, type TestDatabase } from './sql-database.js';

/**
 * The SQL translation selects exactly the records the in-memory evaluator accepts: random records
 * (nulls, missing fields, numbers, numeric strings, dates, Chinese text) and random rules over the
 * translatable operators, on real databases.
 */

const FIELDS: Record<string, { type: FieldType; ddl: string }> = {
  t1: { type: 'text', ddl: 'text' },
  t2: { type: 'single_select', ddl: 'text' },
  n1: { type: 'number', ddl: 'double precision' },
  n2: { type: 'percent', ddl: 'double precision' },
  c1: { type: 'currency', ddl: 'numeric(20,2)' },
  d1: { type: 'date', ddl: 'date' },
  dt1: { type: 'datetime', ddl: 'timestamptz' },
  b1: { type: 'boolean', ddl: 'boolean' },
  stage: { type: 'text', ddl: 'text' },
  tags: { type: 'multi_select', ddl: 'jsonb' },
  updatedAt: { type: 'datetime', ddl: 'timestamptz' },
};
/** System fields live in snake_case columns; the caller's `column` callback maps them. */
const COLUMN: Record<string, string> = { updatedAt: 'updated_at' };

const texts = [
  '',
  '0',
  '1',
  '2.5',
  ' 3 ',
  '-1',
  '1e2',
  '0x1f',
  '.5',
  'abc',
  'ABC',
  '金额',
  '再考虑一下',
  '客户说预算冻结',
  '  x  ',
  '\u3000五\u3000',
  'true',
  'null',
  '2026-11-22',
  'Infinity',
];
const numbers = [0, 1, -1, 2, 3, 0.5, 2.5, -0.5, 1000, 500000];
const dates = ['2026-11-01', '2026-11-21', '2026-11-22', '2026-11-23', '2025-12-31', '2026-02-28'];
const datetimes = [
  '2026-11-19T02:30:00.000999Z', // microseconds: records carry toISOString() (milliseconds, truncated)

  '2026-11-21T16:00:00.000Z',
  '2026-11-21T15:59:59.999Z',
  '2026-11-22T03:15:00.000Z',
  '2026-11-19T02:30:00.000Z',
  '2025-12-31T23:00:00.000Z',
];
const NOW = '2026-11-22T02:30:00.000Z';
const context: RuleContext = { now: NOW, timeZone: 'Asia/Shanghai', user: { id: 'u1', roles: ['sales'] } };

const absent = Symbol('absent');
const maybe = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant(absent) },
    { weight: 5, arbitrary: arb },
  );
const recordArb = fc.record({
  t1: maybe(fc.constantFrom(...texts)),
  t2: maybe(fc.constantFrom(...texts)),
  n1: maybe(fc.constantFrom(...numbers)),
  n2: maybe(fc.constantFrom(...numbers)),
  c1: maybe(fc.constantFrom(0, 1.25, 499999.99, 500000, -3.5)),
  d1: maybe(fc.constantFrom(...dates)),
  dt1: maybe(fc.constantFrom(...datetimes)),
  b1: maybe(fc.boolean()),
  stage: maybe(fc.constantFrom('won', 'lost', '报价谈判')),
  tags: maybe(fc.subarray(['vip', 'key', '重点', '1', 'A'])),
  updatedAt: maybe(fc.constantFrom(...datetimes)),
});

const fieldNames = Object.keys(FIELDS);
const scalar = fc.constantFrom<unknown>(null, true, false, ...numbers, ...texts, ...dates, datetimes[0]);
const field = fc.constantFrom(...fieldNames).map((f) => ({ var: f }));

const { node } = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    field,
    scalar,
    fc
      .tuple(fc.constantFrom('==', '!=', '===', '!==', '<', '>', '<=', '>='), tie('node'), tie('node'))
      .map(([op, a, b]) => ({ [op]: [a, b] })),
    fc
      .tuple(fc.constantFrom('<', '<='), tie('node'), tie('node'), tie('node'))
      .map(([op, a, b, c]) => ({ [op]: [a, b, c] })),
    fc
      .tuple(fc.constantFrom('and', 'or'), fc.array(tie('node'), { minLength: 1, maxLength: 3 }))
      .map(([op, args]) => ({ [op]: args })),
    fc.tuple(fc.constantFrom('!', '!!'), tie('node')).map(([op, a]) => ({ [op]: [a] })),
    fc.array(tie('node'), { minLength: 1, maxLength: 5 }).map((args) => ({ if: args })),
    fc.tuple(tie('node'), fc.array(scalar, { maxLength: 4 })).map(([a, list]) => ({ in: [a, list] })),
    fc
      .tuple(tie('node'), fc.oneof(field, fc.constantFrom('客户说预算冻结', 'abc123')))
      .map(([a, b]) => ({ in: [a, b] })),
    fc
      .tuple(fc.constantFrom('+', '*', '-'), fc.array(tie('node'), { minLength: 1, maxLength: 3 }))
      .map(([op, args]) => ({ [op]: args })),
    fc.tuple(tie('node'), fc.constantFrom(2, -4, 0.5)).map(([a, b]) => ({ '/': [a, b] })),
    fc.array(tie('node'), { maxLength: 3 }).map((args) => ({ cat: args })),
    fc.tuple(fc.constantFrom('lower', 'trim', 'length'), tie('node')).map(([op, a]) => ({ [op]: [a] })),
    tie('node').map((a) => ({ contains_any: [a, ['再考虑', '预算冻结', 'x', 'A']] })),
    fc
      .tuple(tie('node'), fc.constantFrom<unknown[]>(['vip', '重点'], ['A', 1, null], []))
      .map(([a, words]) => ({ contains_any: [a, words] })),
    fc.tuple(fc.oneof(tie('node'), scalar), fc.constant({ var: 'tags' })).map(([a, b]) => ({ in: [a, b] })),
    fc
      .tuple(
        fc.constantFrom('days_between', 'hours_between'),
        fc.constantFrom<unknown>(
          { var: 'd1' },
          { var: 'dt1' },
          { today: [] },
          { now: [] },
          dates[1],
          datetimes[2],
        ),
        fc.constantFrom<unknown>({ var: 'd1' }, { var: 'dt1' }, { today: [] }, { now: [] }),
      )
      .map(([op, a, b]) => ({ [op]: [a, b] })),
    fc.subarray(fieldNames, { minLength: 1, maxLength: 3 }).map((keys) => ({ missing: keys })),
    fc
      .tuple(fc.integer({ min: 1, max: 3 }), fc.subarray(fieldNames, { minLength: 1, maxLength: 3 }))
      .map(([n, keys]) => ({ missing_some: [n, keys] })),
    fc.constant({ today: [] }),
    fc.constant({ current_user: [] }),
  ),
}));

// RULES_PROPERTY_RUNS=5000 runs a longer, randomly seeded search; by default a fixed seed keeps CI stable
const runs = process.env.RULES_PROPERTY_RUNS
  ? { numRuns: Number(process.env.RULES_PROPERTY_RUNS) }
  : { numRuns: 500, seed: 7 };

const column = (f: string) =>
  FIELDS[f] ? { column: COLUMN[f] ?? f, type: (FIELDS[f] as { type: FieldType }).type } : undefined;

for (const engine of engines('rules_sql')) {
  describe(`ruleToSql selects what the evaluator accepts [${engine.name}]`, () => {
    let db: TestDatabase;
    const records = fc.sample(recordArb, { numRuns: 250, seed: 20261122 }).map((r, i) => {
      const out: Record<string, unknown> = { id: i + 1 };
      for (const [k, v] of Object.entries(r)) if (v !== absent) out[k] = v;
      return out;
    });
    // what the store reads back: datetimes as toISOString() (milliseconds, truncated)
    const inMemory = records.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          FIELDS[k]?.type === 'datetime' && typeof v === 'string' ? v.replace(/(\.\d{3})\d+Z$/, '$1Z') : v,
        ]),
      ),
    );

    beforeAll(async () => {
      db = await engine.open();
      const cols = Object.entries(FIELDS).map(([f, d]) => `"${COLUMN[f] ?? f}" ${d.ddl}`);
      await db.run(`CREATE TABLE records (id integer primary key, ${cols.join(', ')})`);
      for (const r of records) {
        const keys = Object.keys(r);
        await db.run(
          `INSERT INTO records (${keys.map((k) => `"${COLUMN[k] ?? k}"`).join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')})`,
          keys.map((k) => (k === 'tags' && r[k] !== null ? JSON.stringify(r[k]) : r[k])),
        );
      }
    });
    afterAll(async () => {
      await db?.close();
    });

    async function selected(rule: unknown): Promise<number[] | null> {
      const result = ruleToSql(rule, { column, table: 'records', context });
      if (!result.ok) {
        expect(result.issues[0]?.code).toMatch(/RULE_NOT_TRANSLATABLE|UNKNOWN_FIELD/);
        return null;
      }
      const query = compiler.selectFrom('records').select('id').where(result.value).orderBy('id').compile();
      return (await db.run(query)).map((row) => Number(row.id));
    }

    function accepted(rule: unknown): number[] {
      const fn = compile(rule);
      return inMemory
        .filter((r) => {
          const v = fn(r, context);
          return Array.isArray(v) ? v.length > 0 : !!v;
        })
        .map((r) => r.id as number);
    }

    it('on random rules over the translatable operators', async () => {
      let translated = 0;
      await fc.assert(
        fc.asyncProperty(node, async (rule) => {
          const ids = await selected(rule);
          if (ids === null) return;
          translated++;
          expect({ rule, ids }).toEqual({ rule, ids: accepted(rule) });
        }),
        runs,
      );
      expect(translated).toBeGreaterThan(200);
    });

    it('on everyday sales filters', async () => {
      const rules = [
        { '>': [{ var: 'c1' }, 499999] },
        { '==': [{ var: 't1' }, 1] },
        { '<': [{ var: 'd1' }, { today: [] }] },
        { '>=': [{ days_between: [{ var: 'dt1' }, { today: [] }] }, 3] },
        { '>': [{ hours_between: [{ var: 'dt1' }, { now: [] }] }, 72] },
        { '>=': [{ hours_between: [{ var: 'dt1' }, { now: [] }] }, 72] },
        { '==': [{ var: 'dt1' }, '2026-11-19T02:30:00.000Z'] },
        { '<': [{ days_between: [{ var: 'updatedAt' }, { today: [] }] }, 3] },
        { contains_any: [{ var: 't1' }, ['再考虑', '预算冻结', '领导没批']] },
        { and: [{ '!': { missing: ['t1', 'n1'] } }, { in: [{ var: 'stage' }, ['won', '报价谈判']] }] },
        { '==': [{ lower: { var: 't2' } }, 'abc'] },
        { '>': [{ length: { trim: { var: 't1' } } }, 2] },
        { '==': [{ var: 'n1' }, null] },
        { '!!': { var: 'b1' } },
        { '!!': { var: 'tags' } },
        { in: ['vip', { var: 'tags' }] },
        { contains_any: [{ var: 'tags' }, ['重点', 'key']] },
        { '>=': [{ length: { var: 'tags' } }, 2] },
        { missing: ['tags'] },
        { '==': [{ var: 'tags' }, null] },
      ];
      for (const rule of rules)
        expect({ rule, ids: await selected(rule) }).toEqual({ rule, ids: accepted(rule) });
    });
  });
}

describe('ruleToSql refusals', () => {
  it('refuses what it cannot translate faithfully, at the operator path', () => {
    const options = { column, context };
    expect(ruleToSql({ and: [true, { '%': [{ var: 'n1' }, 2] }] }, options)).toMatchObject({
      ok: false,
      issues: [{ code: 'RULE_NOT_TRANSLATABLE', path: '/and/1' }],
    });
    expect(ruleToSql({ '/': [{ var: 'n1' }, { var: 'n2' }] }, options)).toMatchObject({
      ok: false,
      issues: [{ code: 'RULE_NOT_TRANSLATABLE', path: '/~1/1' }],
    });
    expect(ruleToSql({ '==': [{ var: 'nope' }, 1] }, options)).toMatchObject({
      ok: false,
      issues: [{ code: 'UNKNOWN_FIELD', path: '/==/0/var' }],
    });
    expect(ruleToSql({ '==': [{ var: ['n1', 5] }, 5] }, options)).toMatchObject({
      ok: false,
      issues: [{ code: 'RULE_NOT_TRANSLATABLE' }],
    });
    expect(ruleToSql({ some: [{ var: 't1' }, true] }, options)).toMatchObject({ ok: false });
    expect(ruleToSql({ frobnicate: [] }, options)).toMatchObject({
      ok: false,
      issues: [{ code: 'RULE_UNKNOWN_OPERATOR' }],
    });
  });

  it('refuses, quickly, a rule whose SQL would grow exponentially', () => {
    let rule: unknown = { var: 't1' };
    for (let i = 0; i < 30; i++) rule = { '==': [rule, { var: 't2' }] };
    const started = performance.now();
    expect(ruleToSql(rule, { column, context })).toMatchObject({
      ok: false,
      issues: [{ code: 'RULE_LIMIT_EXCEEDED' }],
    });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('explains refusals in the requested language', () => {
    expect(ruleToSql({ '%': [{ var: 'n1' }, 2] }, { column, context, locale: 'zh-CN' })).toMatchObject({
      ok: false,
      issues: [{ code: 'RULE_NOT_TRANSLATABLE', message: '运算符「%」无法在数据库中执行。' }],
    });
  });

  it('binds every value as a parameter', () => {
    const result = ruleToSql({ '==': [{ var: 't1' }, "'; drop table records; --"] }, { column, context });
    if (!result.ok) throw new Error('expected a translation');
    const query = compiler.selectFrom('records').select('id').where(result.value).compile();
    expect(query.sql).not.toContain('drop table');
    expect(query.parameters).toContain("'; drop table records; --");
    expect(query.sql).toContain('"t1"');
  });
});
