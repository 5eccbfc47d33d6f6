import { describe, expect, it } from 'vitest';
import { check, compile } from './compile.js';
import { RuleError } from './rule-error.js';
import { RULE_LIMITS, validateRule } from './validate.js';

function nest(depth: number): unknown {
  let rule: unknown = true;
  for (let i = 0; i < depth; i++) rule = { '!': [rule] };
  return rule;
}

describe('validateRule', () => {
  it('accepts ordinary rules', () => {
    expect(
      validateRule({ and: [{ '>': [{ var: 'amount' }, 1] }, { in: [{ var: 'stage' }, ['a', 'b']] }] }),
    ).toEqual([]);
    expect(validateRule(nest(RULE_LIMITS.depth))).toEqual([]);
  });

  it('refuses unknown operators at their path, under the caller path', () => {
    expect(validateRule({ and: [true, { eval: 'process.exit()' }] }, '/rules/0')).toEqual([
      expect.objectContaining({
        code: 'RULE_UNKNOWN_OPERATOR',
        path: '/rules/0/and/1',
        details: { operator: 'eval' },
      }),
    ]);
    expect(validateRule({ method: [{ var: 'x' }, 'toString'] })).toEqual([
      expect.objectContaining({ code: 'RULE_UNKNOWN_OPERATOR', path: '' }),
    ]);
  });

  it('refuses prototype access and prototype keys', () => {
    expect(validateRule({ var: 'a.__proto__.b' })).toEqual([
      expect.objectContaining({ code: 'RULE_INVALID', path: '/var' }),
    ]);
    expect(validateRule({ '==': [{ var: ['prototype'] }, 1] })).toEqual([
      expect.objectContaining({ code: 'RULE_INVALID', path: '/==/0/var' }),
    ]);
    expect(validateRule({ missing: ['constructor'] })).toEqual([]); // a key name, read safely at run time
    expect(compile({ missing: ['constructor'] })({})).toEqual(['constructor']);
    expect(validateRule(JSON.parse('{"a": 1, "__proto__": {"x": 1}}'))).toEqual([
      expect.objectContaining({ code: 'RULE_INVALID', path: '/__proto__' }),
    ]);
  });

  it('refuses deep nesting, big lists, big rules and long texts with RULE_LIMIT_EXCEEDED, without overflowing the stack', () => {
    expect(validateRule(nest(RULE_LIMITS.depth + 1))).toEqual([
      expect.objectContaining({ code: 'RULE_LIMIT_EXCEEDED' }),
    ]);
    expect(validateRule(nest(200_000))[0]).toMatchObject({ code: 'RULE_LIMIT_EXCEEDED' });
    expect(validateRule({ and: [true, { in: [{ var: 'x' }, Array(1001).fill('a')] }] })).toEqual([
      expect.objectContaining({ code: 'RULE_LIMIT_EXCEEDED', path: '/and/1/in/1' }),
    ]);
    const wide = {
      and: Array.from({ length: 30 }, () => ({
        or: Array.from({ length: 100 }, (_, i) => ({ '==': [{ var: 'x' }, i] })),
      })),
    };
    expect(validateRule(wide)).toEqual([expect.objectContaining({ code: 'RULE_LIMIT_EXCEEDED', path: '' })]);
    expect(validateRule({ '==': [{ var: 'x' }, 'x'.repeat(10_001)] })).toEqual([
      expect.objectContaining({ code: 'RULE_LIMIT_EXCEEDED', path: '/==/1' }),
    ]);
  });

  it('refuses values that are not JSON', () => {
    expect(validateRule({ '==': [1, Number.NaN] })).toEqual([
      expect.objectContaining({ code: 'RULE_INVALID', path: '/==/1' }),
    ]);
    expect(validateRule({ '==': [1, () => 1] })).toEqual([expect.objectContaining({ code: 'RULE_INVALID' })]);
  });
});

describe('compile and check on bad rules', () => {
  it('check returns the issues; compile throws a RuleError carrying them', () => {
    expect(check({ nope: 1 })).toEqual({
      ok: false,
      issues: [expect.objectContaining({ code: 'RULE_UNKNOWN_OPERATOR' })],
    });
    expect(() => compile({ nope: 1 })).toThrow(RuleError);
    try {
      compile({ and: [{ var: 'constructor' }] }, { path: '/assert' });
    } catch (error) {
      expect((error as RuleError).issues).toEqual([
        expect.objectContaining({ code: 'RULE_INVALID', path: '/assert/and/0/var' }),
      ]);
    }
  });

  it('refuses at compile time a constant part that exceeds the iteration budget', () => {
    const list = Array.from({ length: 64 }, (_, i) => i);
    const cube = { reduce: [list, { merge: [{ var: 'accumulator' }, { var: 'accumulator' }] }, [1]] };
    expect(check({ and: [{ var: 'x' }, cube] })).toEqual({
      ok: false,
      issues: [expect.objectContaining({ code: 'RULE_LIMIT_EXCEEDED', path: '/and/1/reduce' })],
    });
  });

  it('never lets a rule string reach the generated code', () => {
    const hostile = "'); globalThis.pwned = true; ('";
    expect(compile({ cat: [hostile, { var: hostile }] })({})).toBe(hostile);
    expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a key that looks like code must stay data
    const key = 'a"b\\c\u2028d`${x}';
    expect(compile({ var: key })({ [key]: 1 })).toBe(1);
    expect(compile({ missing: [key, 'z'] })({ [key]: 1 })).toEqual(['z']);
  });
});

describe('issue messages', () => {
  it('come in the requested language', () => {
    expect(validateRule({ eval: 1 }, '', 'zh-CN')[0]?.message).toBe('未知的运算符「eval」。');
    expect(validateRule({ eval: 1 })[0]?.message).toBe('Unknown operator "eval".');
    expect(check({ var: '__proto__' }, { locale: 'zh-CN' })).toMatchObject({
      ok: false,
      issues: [{ message: '规则不能读取「__proto__」。' }],
    });
  });
});

describe('evaluation failures', () => {
  it('surface as RuleError, whatever json-logic-js would have thrown', () => {
    const fn = compile({ missing_some: [1, { var: 'options' }] }, { path: '/assert' });
    expect(() => fn({ options: null })).toThrow(RuleError);
    try {
      fn({ options: null });
    } catch (error) {
      expect((error as RuleError).issues).toEqual([
        expect.objectContaining({ code: 'RULE_INVALID', path: '/assert' }),
      ]);
    }
    expect(fn({ options: ['a'], a: 1 })).toEqual([]);
  });
});
