import { childPath } from '../rule-error.js';
import { FORBIDDEN_KEYS } from '../runtime.js';
import type { Code, OperatorDescriptor } from './descriptor.js';

/** The standard JSON Logic operations, compiled to JavaScript with json-logic-js 2.0.5 semantics. */

const U: Code = { code: 'undefined', bool: false };
const arg = (args: Code[], i: number): string => (args[i] ?? U).code;
const bool = (code: string): Code => ({ code, bool: true });
const value = (code: string): Code => ({ code, bool: false });

function binary(op: string): OperatorDescriptor['inline'] {
  return (args) => bool(`(${arg(args, 0)} ${op} ${arg(args, 1)})`);
}

function call(helper: string, spread: boolean): OperatorDescriptor['inline'] {
  return (args, g) =>
    value(
      `${g.helper(helper)}(${spread ? `[${args.map((a) => a.code).join(', ')}]` : args.map((a) => a.code).join(', ')})`,
    );
}

const compare = { deterministic: true, returns: 'boolean' as const, arity: 2 };

/** `and`/`or`: the first falsy (truthy) value, else the last; short-circuit. */
function junction(isAnd: boolean): OperatorDescriptor['control'] {
  return (args, path, g) => {
    if (args.length === 0) return U;
    const parts = args.map((a, i) => g.build(a, childPath(path, i)));
    let out = parts[parts.length - 1] as Code;
    for (let i = parts.length - 2; i >= 0; i--) {
      const p = parts[i] as Code;
      if (p.bool && out.bool) out = bool(`(${p.code} ${isAnd ? '&&' : '||'} ${out.code})`);
      else {
        const t = g.temp();
        const test = g.truthy({ code: `(${t} = ${p.code})`, bool: p.bool });
        out = value(isAnd ? `(${test} ? ${out.code} : ${t})` : `(${test} ? ${t} : ${out.code})`);
      }
    }
    return out;
  };
}

/** `if` / `?:`: condition/value pairs, then an optional else; null without one. */
const conditional: OperatorDescriptor['control'] = (args, path, g) => {
  if (args.length === 0) return value('null');
  let i = 0;
  const pairs: [string, Code][] = [];
  for (; i < args.length - 1; i += 2) {
    pairs.push([
      g.truthy(g.build(args[i], childPath(path, i))),
      g.build(args[i + 1], childPath(path, i + 1)),
    ]);
  }
  let out: Code = args.length === i + 1 ? g.build(args[i], childPath(path, i)) : value('null');
  for (let j = pairs.length - 1; j >= 0; j--) {
    const [test, then] = pairs[j] as [string, Code];
    out = { code: `(${test} ? ${then.code} : ${out.code})`, bool: then.bool && out.bool };
  }
  return out;
};

/** Iteration operators: the second argument is evaluated against each element of the first. */
function iteration(
  kind: 'filter' | 'map' | 'all' | 'some' | 'none' | 'reduce',
): OperatorDescriptor['control'] {
  return (args, path, g) => {
    const list = g.build(args[0], childPath(path, 0)).code;
    const body = g.scoped(args[1], childPath(path, 1));
    const tail = `${g.budget()}, ${g.constant(path)}, r, x`;
    if (kind === 'reduce') {
      const initial = args[2] !== undefined ? g.build(args[2], childPath(path, 2)).code : 'null';
      return value(`${g.helper('reduceOf')}(${list}, ${body}, ${initial}, ${tail})`);
    }
    const result = { filter: value, map: value, all: bool, some: bool, none: bool }[kind];
    return result(`${g.helper(`${kind}Of`)}(${list}, ${body}, ${tail})`);
  };
}

/** The standard operations of JSON Logic (jsonlogic.com/operations.html). */
export const STANDARD_OPERATORS: Record<string, OperatorDescriptor> = {
  var: { deterministic: true, returns: 'any' }, // compiled by the generator itself (paths are checked there)
  missing: {
    deterministic: true,
    returns: 'array',
    control: (args, path, g) => {
      const keys = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
      if (keys.every((k) => typeof k === 'string' || typeof k === 'number')) {
        const split = keys.map((k) => [k, k === '' ? [] : String(k).split('.')] as const);
        if (!split.some(([, p]) => p.some((k) => FORBIDDEN_KEYS.has(k)))) {
          // unrolled: one lookup per key, pushed when null or ""
          const out = g.temp();
          const v = g.temp();
          const checks = split.map(([key, p]) => {
            const read =
              p.length === 0
                ? 'd'
                : p.length === 1
                  ? `${g.helper('getKey')}(d, ${g.key(p[0] as string)}, null)`
                  : `${g.helper('getPath')}(d, ${g.constant(Object.freeze(p))}, null)`;
            return `((${v} = ${read}) === null || ${v} === '') && (${out} || (${out} = [])).push(${typeof key === 'number' ? key : g.constant(key)})`;
          });
          // nothing missing (the usual case) returns one frozen empty list instead of allocating
          return value(
            `(${[`${out} = null`, ...checks, `${out} || ${g.constant(Object.freeze([]))}`].join(', ')})`,
          );
        }
      }
      const compiled = args.map((a, i) => g.build(a, childPath(path, i)).code);
      return value(`${g.helper('missing')}(d, [${compiled.join(', ')}])`);
    },
    explain: { en: '{0} are filled in', 'zh-CN': '已填写 {0}' },
  },
  missing_some: {
    deterministic: true,
    returns: 'array',
    arity: 2,
    inline: (args, g) => value(`${g.helper('missingSome')}(d, ${arg(args, 0)}, ${arg(args, 1)})`),
    explain: { en: 'at least {0} of {1} are filled in', 'zh-CN': '{1} 中至少填写 {0} 项' },
  },
  if: { deterministic: true, returns: 'any', control: conditional },
  '?:': { deterministic: true, returns: 'any', control: conditional },
  and: { deterministic: true, returns: 'any', control: junction(true) },
  or: { deterministic: true, returns: 'any', control: junction(false) },
  '==': { ...compare, inline: binary('=='), explain: { en: '{0} = {1}', 'zh-CN': '{0} = {1}' } },
  '===': { ...compare, inline: binary('==='), explain: { en: '{0} = {1}', 'zh-CN': '{0} = {1}' } },
  '!=': { ...compare, inline: binary('!='), explain: { en: '{0} ≠ {1}', 'zh-CN': '{0} ≠ {1}' } },
  '!==': { ...compare, inline: binary('!=='), explain: { en: '{0} ≠ {1}', 'zh-CN': '{0} ≠ {1}' } },
  '>': { ...compare, inline: binary('>'), explain: { en: '{0} > {1}', 'zh-CN': '{0} > {1}' } },
  '>=': { ...compare, inline: binary('>='), explain: { en: '{0} ≥ {1}', 'zh-CN': '{0} ≥ {1}' } },
  '<': {
    ...compare,
    arity: 3,
    inline: (args, g) =>
      args.length > 2
        ? bool(`${g.helper('lessThan')}(${arg(args, 0)}, ${arg(args, 1)}, ${arg(args, 2)})`)
        : (binary('<')?.(args, g) as Code),
    explain: { en: '{0} < {1}', 'zh-CN': '{0} < {1}' },
  },
  '<=': {
    ...compare,
    arity: 3,
    inline: (args, g) =>
      args.length > 2
        ? bool(`${g.helper('lessOrEqual')}(${arg(args, 0)}, ${arg(args, 1)}, ${arg(args, 2)})`)
        : (binary('<=')?.(args, g) as Code),
    explain: { en: '{0} ≤ {1}', 'zh-CN': '{0} ≤ {1}' },
  },
  '!!': {
    ...compare,
    arity: 1,
    inline: (args, g) => bool(g.truthy(args[0] ?? U)),
    explain: { en: '{0} is filled in', 'zh-CN': '{0} 不为空' },
  },
  '!': {
    ...compare,
    arity: 1,
    inline: (args, g) => bool(`!${g.truthy(args[0] ?? U)}`),
    explain: { en: 'not {0}', 'zh-CN': '非 {0}' },
  },
  '%': {
    deterministic: true,
    returns: 'number',
    arity: 2,
    inline: (args) => value(`(${arg(args, 0)} % ${arg(args, 1)})`),
  },
  '/': {
    deterministic: true,
    returns: 'number',
    arity: 2,
    inline: (args) => value(`(${arg(args, 0)} / ${arg(args, 1)})`),
  },
  '-': {
    deterministic: true,
    returns: 'number',
    arity: 2,
    inline: (args, g) =>
      args.length < 2
        ? value(`(-${arg(args, 0)})`)
        : value(`${g.helper('subtract')}(${arg(args, 0)}, ${arg(args, 1)})`),
  },
  '+': {
    deterministic: true,
    returns: 'number',
    inline: (args, g) => value(`(0${args.map((a) => ` + ${g.helper('toFloat')}(${a.code})`).join('')})`),
  },
  '*': { deterministic: true, returns: 'number', inline: call('multiply', true) },
  min: {
    deterministic: true,
    returns: 'number',
    inline: (args) => value(`Math.min(${args.map((a) => a.code).join(', ')})`),
  },
  max: {
    deterministic: true,
    returns: 'number',
    inline: (args) => value(`Math.max(${args.map((a) => a.code).join(', ')})`),
  },
  in: {
    ...compare,
    inline: (args, g) =>
      // a list written in the rule is always an array: indexOf directly
      args[1]?.list
        ? bool(`(${args[1].code}.indexOf(${arg(args, 0)}) !== -1)`)
        : bool(`${g.helper('isIn')}(${arg(args, 0)}, ${arg(args, 1)})`),
    explain: { en: '{0} is one of {1}', 'zh-CN': '{0} 属于 {1}' },
  },
  cat: { deterministic: true, returns: 'string', inline: call('cat', true) },
  substr: {
    deterministic: true,
    returns: 'string',
    arity: 3,
    inline: (args, g) => value(`${g.helper('substr')}(${arg(args, 0)}, ${arg(args, 1)}, ${arg(args, 2)})`),
  },
  merge: { deterministic: true, returns: 'array', inline: call('merge', true) },
  log: { deterministic: true, returns: 'any', arity: 1, inline: (args) => value(arg(args, 0)) },
  filter: { deterministic: true, returns: 'array', iterates: true, control: iteration('filter') },
  map: { deterministic: true, returns: 'array', iterates: true, control: iteration('map') },
  reduce: { deterministic: true, returns: 'any', iterates: true, control: iteration('reduce') },
  all: {
    deterministic: true,
    returns: 'boolean',
    iterates: true,
    control: iteration('all'),
    explain: { en: 'every {0} satisfies the condition', 'zh-CN': '{0} 全部满足条件' },
  },
  some: {
    deterministic: true,
    returns: 'boolean',
    iterates: true,
    control: iteration('some'),
    explain: { en: 'some {0} satisfies the condition', 'zh-CN': '{0} 至少一项满足条件' },
  },
  none: {
    deterministic: true,
    returns: 'boolean',
    iterates: true,
    control: iteration('none'),
    explain: { en: 'no {0} satisfies the condition', 'zh-CN': '{0} 无一满足条件' },
  },
};
