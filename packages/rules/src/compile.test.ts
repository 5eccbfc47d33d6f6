import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, check, compile } from './compile.js';

const require = createRequire(import.meta.url);
const jsonLogic = require('json-logic-js') as { apply(rule: unknown, data: unknown): unknown };

const keys = ['a', 'b', 'c', 'n', 's', 'list'];
const scalar = fc.oneof(
  fc.constantFrom(null, true, false, 0, 1, -1, 2.5, '', '0', '1', '2.5', ' 3 ', 'abc', '金额', '1e3', '0x1f'),
  fc.integer({ min: -5, max: 5 }),
);
const data = fc.record({
  a: scalar,
  b: scalar,
  c: scalar,
  n: fc.integer({ min: -3, max: 3 }),
  s: fc.constantFrom('再考虑', '预算冻结了', 'abc', ''),
  list: fc.array(scalar, { maxLength: 4 }),
});

const ops = [
  '==',
  '===',
  '!=',
  '!==',
  '>',
  '>=',
  '<',
  '<=',
  '!',
  '!!',
  '+',
  '-',
  '*',
  '/',
  '%',
  'min',
  'max',
  'in',
  'cat',
  'substr',
  'merge',
  'and',
  'or',
  'if',
  '?:',
  'missing',
  'missing_some',
];

const { rule } = fc.letrec((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.record({ var: fc.constantFrom(...keys, '', 'list.0', 'a.b', 'nope') }),
    fc.record({ var: fc.tuple(fc.constantFrom(...keys, 'nope'), scalar) }),
    fc
      .tuple(fc.constantFrom(...ops), fc.array(tie('rule'), { maxLength: 4 }))
      .map(([op, args]) => ({ [op]: args })),
    fc
      .tuple(fc.constantFrom('filter', 'map', 'all', 'some', 'none'), tie('rule'), tie('rule'))
      .map(([op, list, body]) => ({ [op]: [list, body] })),
    fc
      .tuple(tie('rule'), tie('rule'), tie('rule'))
      .map(([list, body, init]) => ({ reduce: [list, body, init] })),
  ),
}));

function outcome(run: () => unknown): { value?: unknown; threw?: true } {
  try {
    return { value: run() };
  } catch {
    return { threw: true };
  }
}

describe('compiled evaluator', () => {
  it('agrees with json-logic-js on random rules and records', () => {
    fc.assert(
      fc.property(rule, data, (r, d) => {
        const theirs = outcome(() => jsonLogic.apply(r, d));
        const ours = outcome(() => compile(r)(d));
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses prototype access at compile time and never returns functions at run time', () => {
    expect(check({ var: '__proto__' })).toMatchObject({
      ok: false,
      issues: [{ code: 'RULE_INVALID', path: '/var' }],
    });
    expect(check({ and: [true, { var: 'a.constructor' }] })).toMatchObject({
      ok: false,
      issues: [{ path: '/and/1/var' }],
    });
    expect(apply({ var: 'toString' }, {})).toBeNull();
    expect(apply({ var: { cat: ['__pro', 'to__'] } }, { a: 1 })).toBeNull();
    expect(apply({ var: { cat: ['a.', 'constructor'] } }, { a: {} })).toBeNull();
    expect(apply({ var: ['hasOwnProperty', 'none'] }, {})).toBe('none');
  });

  it('stops runaway iteration with RULE_LIMIT_EXCEEDED at the operator path', () => {
    const doubling = {
      reduce: [{ var: 'xs' }, { merge: [{ var: 'accumulator' }, { var: 'accumulator' }] }, [1]],
    };
    const xs = Array.from({ length: 64 }, (_, i) => i);
    expect(() => compile({ and: [true, doubling] })({ xs })).toThrow(
      expect.objectContaining({
        issues: [expect.objectContaining({ code: 'RULE_LIMIT_EXCEEDED', path: '/and/1/reduce' })],
      }),
    );
    const big = Array.from({ length: 2000 }, (_, i) => i);
    const quadratic = { map: [{ var: 'big' }, { map: [{ var: '' }, 1] }] };
    expect(compile(quadratic)({ big })).toHaveLength(2000);
    const rows = Array.from({ length: 2000 }, () => big.slice(0, 1000));
    expect(() => compile({ map: [{ var: 'rows' }, { map: [{ var: '' }, 1] }] })({ rows })).toThrow(
      /RULE_LIMIT_EXCEEDED/,
    );
  });

  it('folds constant parts once and still returns fresh results per record', () => {
    const fn = compile({ if: [{ '>': [{ var: 'a' }, { '*': [2, 3] }] }, { cat: ['大', '单'] }, 'small'] });
    expect(fn({ a: 7 })).toBe('大单');
    expect(fn({ a: 5 })).toBe('small');
  });
});
