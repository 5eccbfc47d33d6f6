import { type Issue, issue, type Locale, type Result } from '@stagecraft/schema';
import { type RuleContext, resolveContext } from './context.js';
import { MESSAGES } from './messages.js';
import { argumentsOf, type Code, type Generator } from './operators/descriptor.js';
import { changedField } from './operators/sales.js';
import { OPERATORS, operationOf } from './operators/table.js';
import { childPath, RuleError } from './rule-error.js';
import * as runtime from './runtime.js';
import { validateRule } from './validate.js';

/** A compiled rule: evaluate it against a record as often as needed. */
export type CompiledRule = (data: unknown, context?: RuleContext) => unknown;

/** Options of `compile`/`check`. */
export interface CompileOptions {
  /** JSON pointer of the rule inside its document, prefixed to every issue path. */
  path?: string;
  /** Language of issue messages (default en). */
  locale?: Locale;
}

const HELPERS: Record<string, unknown> = { ...runtime, changedField };

/**
 * Generates one JavaScript function per rule. Only code written here reaches the generated source:
 * strings, lists and objects of the rule are passed in as constants (`c[i]`), property names of
 * `var` paths appear as JSON-escaped string literals, numbers are checked finite, and operator names
 * are looked up in the table, so rule data is never run as code.
 */
class RuleGenerator implements Generator {
  readonly constants: unknown[] = [];
  readonly methods: unknown[] = [];
  readonly helpers = new Set<string>();
  private readonly functions: string[] = [];
  private frames: string[][] = [[]];
  /** Whether the node about to be built may be folded (false for the root of a folding evaluation). */
  private foldNext: boolean;

  private counter = 0;
  usesBudget = false;

  constructor(fold: boolean) {
    this.foldNext = fold;
  }

  /**
   * A property name as a JSON-escaped string literal: JSON.stringify always yields a complete JS
   * string literal, and a literal key lets the engine use a fast named property access.
   */
  key(name: string): string {
    return JSON.stringify(name);
  }

  constant(value: unknown): string {
    this.constants.push(value);
    return `c[${this.constants.length - 1}]`;
  }

  helper(name: string): string {
    if (!(name in HELPERS)) throw new Error(`no helper ${name}`);
    this.helpers.add(name);
    return `h_${name}`;
  }

  temp(): string {
    const name = `t${this.counter++}`;
    (this.frames[this.frames.length - 1] as string[]).push(name);
    return name;
  }

  truthy(code: Code): string {
    return code.bool ? code.code : `${this.helper('truthy')}(${code.code})`;
  }

  budget(): string {
    this.usesBudget = true;
    return 's';
  }

  /** Iteration bodies become functions of the factory, created once per compiled rule. */
  scoped(node: unknown, path: string): string {
    this.frames.push([]);
    const body = this.build(node, path).code;
    const locals = this.frames.pop() as string[];
    const name = `f${this.functions.length}`;
    this.functions.push(
      locals.length
        ? `const ${name} = (d, r, x) => { let ${locals.join(', ')}; return ${body}; };`
        : `const ${name} = (d, r, x) => ${body};`,
    );
    return name;
  }

  build(node: unknown, path: string): Code {
    if (node === null) return { code: 'null', bool: false };
    if (node === undefined) return { code: 'undefined', bool: false };
    if (typeof node === 'boolean') return { code: String(node), bool: true };
    if (typeof node === 'number') return { code: numberLiteral(node), bool: false };
    if (typeof node === 'string') return { code: this.constant(node), bool: false };
    if (Array.isArray(node)) {
      if (node.every((n) => operationOf(n) === null && !Array.isArray(n)))
        return { code: this.constant(Object.freeze([...node])), bool: false, list: true };
      return {
        code: `[${node.map((n, i) => this.build(n, childPath(path, i)).code).join(', ')}]`,
        bool: false,
      };
    }
    const operation = operationOf(node);
    if (!operation) return { code: this.constant(node), bool: false };
    const foldable = this.foldNext;
    this.foldNext = true;
    if (foldable && isStatic(node, false)) {
      const folded = fold(node, path);
      if (folded) {
        const { result } = folded;
        if (result === undefined) return { code: 'undefined', bool: false };
        if (typeof result === 'number') return { code: numberLiteral(result), bool: false };
        if (typeof result === 'boolean' || result === null)
          return { code: String(result), bool: typeof result === 'boolean' };
        return { code: this.constant(result), bool: false };
      }
    }
    const { op, args: raw } = operation;
    const opPath = childPath(path, op);
    const descriptor = OPERATORS.get(op);
    if (!descriptor)
      throw new RuleError([issue('RULE_UNKNOWN_OPERATOR', path, MESSAGES.unknownOperator(op))]);
    const args = argumentsOf(raw);
    if (op === 'var') return this.variable(args, opPath);
    if (descriptor.control) return descriptor.control(args, opPath, this);
    const compiled = args.map((a, i) => this.build(a, childPath(opPath, i)));
    if (descriptor.inline) {
      const used = descriptor.arity;
      if (used === undefined || compiled.length <= used) return descriptor.inline(compiled, this);
      // json-logic-js evaluates every argument, even those the operator ignores (they may throw)
      const temps = compiled.slice(0, used).map((c) => ({ name: this.temp(), c }));
      const out = descriptor.inline(
        temps.map(({ name, c }) => ({ code: name, bool: c.bool })),
        this,
      );
      const steps = [
        ...temps.map(({ name, c }) => `${name} = ${c.code}`),
        ...compiled.slice(used).map((c) => c.code),
        out.code,
      ];
      return { code: `(${steps.join(', ')})`, bool: out.bool };
    }
    this.methods.push(descriptor.method);
    const returnsBool = descriptor.returns === 'boolean';
    return {
      code: `m[${this.methods.length - 1}]([${compiled.map((c) => c.code).join(', ')}], x)`,
      bool: returnsBool,
    };
  }

  private variable(args: unknown[], path: string): Code {
    const [key, fallback] = args;
    const notFound = args.length > 1 ? this.build(fallback, childPath(path, 1)).code : 'null';
    if (key === undefined || key === null || key === '') return { code: 'd', bool: false };
    if (typeof key === 'string' || typeof key === 'number') {
      const keys = String(key).split('.');
      if (keys.some((k) => runtime.FORBIDDEN_KEYS.has(k)))
        throw new RuleError([issue('RULE_INVALID', path, MESSAGES.forbiddenRead(String(key)))]);
      if (keys.length > 4)
        return {
          code: `${this.helper('getPath')}(d, ${this.constant(Object.freeze(keys))}, ${notFound})`,
          bool: false,
        };
      // nested single-key reads: a miss on the way yields undefined, which the next read turns into notFound
      const getKey = this.helper('getKey');
      const inner = keys.slice(0, -1).reduce((acc, k) => `${getKey}(${acc}, ${this.key(k)}, undefined)`, 'd');
      return {
        code: `${getKey}(${inner}, ${this.key(keys[keys.length - 1] as string)}, ${notFound})`,
        bool: false,
      };
    }
    const dynamic = this.build(key, childPath(path, 0)).code;
    return {
      code: `${this.helper('getDynamic')}(d, ${dynamic}, ${args.length > 1 ? notFound : 'undefined'})`,
      bool: false,
    };
  }

  /** The source of a factory that receives constants, helpers and methods and returns the rule's function. */
  source(body: string): string {
    const helpers = [...this.helpers].map((h) => `const h_${h} = h.${h};`).join('\n');
    const locals = this.frames[0] as string[];
    const lets = locals.length ? `let ${locals.join(', ')};` : '';
    // the budget lives with the compiled rule and is refilled per evaluation (evaluation is synchronous)
    const budget = this.usesBudget ? `const s = { left: 0 };` : '';
    const refill = this.usesBudget ? `s.left = ${runtime.ITERATION_BUDGET};` : '';
    return `${helpers}\n${budget}\n${this.functions.join('\n')}\nreturn function rule(r, x) { const d = r; ${refill} ${lets} return ${body}; };`;
  }
}

function numberLiteral(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '(-Infinity)';
  return Object.is(n, -0) ? '(-0)' : `(${String(n)})`;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Whether a node's value depends on nothing but itself (no record, no context), so it can be computed
 * once at compile time. Inside iteration bodies `var` reads the element, which is static when the
 * list is.
 */
function isStatic(node: unknown, inBody: boolean): boolean {
  if (Array.isArray(node)) return node.every((n) => isStatic(n, inBody));
  const operation = operationOf(node);
  if (!operation) return true;
  const descriptor = OPERATORS.get(operation.op);
  if (!descriptor?.deterministic) return false;
  const args = argumentsOf(operation.args);
  if (operation.op === 'var' || operation.op === 'missing' || operation.op === 'missing_some')
    return inBody && args.every((a) => isStatic(a, inBody));
  if (descriptor.iterates)
    return isStatic(args[0], inBody) && isStatic(args[1], true) && isStatic(args[2], inBody);
  return args.every((a) => isStatic(a, inBody));
}

/** Evaluates a static node once; nothing is folded when that evaluation fails, except over budget (refused). */
function fold(node: unknown, path: string): { result: unknown } | null {
  const g = new RuleGenerator(false);
  try {
    return {
      result: deepFreeze(instantiate(g, g.build(node, path).code)(undefined, resolveContext(undefined))),
    };
  } catch (error) {
    // over the iteration budget on every record: refuse the rule now. Other failures stay at run time,
    // where json-logic-js would raise them too (only if that branch is taken).
    if (error instanceof RuleError) throw error;
    return null;
  }
}

type Evaluator = (data: unknown, context: ReturnType<typeof resolveContext>) => unknown;

function instantiate(g: RuleGenerator, body: string): Evaluator {
  const factory = new Function('h', 'c', 'm', g.source(body)) as (
    h: Record<string, unknown>,
    c: unknown[],
    m: unknown[],
  ) => Evaluator;
  return factory(HELPERS, g.constants, g.methods);
}

/** Generated bodies that are a single constant: a literal or a reference to a folded value. */
const CONSTANT_BODY = /^(c\[\d+\]|true|false|null|undefined|NaN|Infinity|\((-?[\d.e+-]+|-Infinity)\))$/;

/** Validates and compiles a rule; expected failures (bad rules) come back as issues. */
export function check(rule: unknown, options: CompileOptions = {}): Result<CompiledRule> {
  const issues: Issue[] = validateRule(rule, options.path ?? '', options.locale);
  if (issues.length > 0) return { ok: false, issues };
  const g = new RuleGenerator(true);
  let body: string;
  try {
    body = g.build(rule, options.path ?? '').code;
  } catch (error) {
    if (error instanceof RuleError) return { ok: false, issues: error.issues };
    throw error;
  }
  const fn = instantiate(g, body);
  if (CONSTANT_BODY.test(body)) {
    // the whole rule folded to one value: nothing left to evaluate per record
    const value = fn(undefined, resolveContext(undefined));
    return { ok: true, value: () => value };
  }
  const path = options.path ?? '';
  return {
    ok: true,
    value: (data, context) => {
      try {
        return fn(data, resolveContext(context));
      } catch (error) {
        // json-logic-js throws on some odd data (missing_some of a non-list…); callers catch one error type
        if (error instanceof RuleError) throw error;
        throw new RuleError([
          issue('RULE_INVALID', path, MESSAGES.evaluationFailed(String((error as Error)?.message ?? error))),
        ]);
      }
    },
  };
}

/** Compiles a rule once (per published definition version) for fast repeated evaluation; throws RuleError for a bad rule. */
export function compile(rule: unknown, options: CompileOptions = {}): CompiledRule {
  const result = check(rule, options);
  if (!result.ok) throw new RuleError(result.issues);
  return result.value;
}

const cache = new WeakMap<object, CompiledRule>();

/** Evaluates a rule once; object rules are compiled once and cached by identity. */
export function apply(rule: unknown, data?: unknown, context?: RuleContext): unknown {
  if (typeof rule !== 'object' || rule === null) return compile(rule)(data, context);
  let fn = cache.get(rule);
  if (!fn) {
    fn = compile(rule);
    cache.set(rule, fn);
  }
  return fn(data, context);
}
