import { issue } from '@stagecraft/schema';
import { MESSAGES } from './messages.js';
import { RuleError } from './rule-error.js';

/**
 * Runtime helpers of compiled rules, each reproducing json-logic-js 2.0.5 exactly, plus the guards
 * that keep evaluation safe (no prototype access, an iteration budget).
 */

/** Property names a rule may never read: they lead out of the data into the JavaScript runtime. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Iteration work (elements visited, accumulator growth) allowed per evaluation. */
export const ITERATION_BUDGET = 1_000_000;

/** JSON Logic truthiness: like JavaScript, except that an empty array is false. */
export function truthy(v: unknown): boolean {
  return Array.isArray(v) ? v.length > 0 : !!v;
}

function pick(v: unknown, key: string): unknown {
  if (FORBIDDEN_KEYS.has(key)) return undefined;
  const out = (v as Record<string, unknown>)[key];
  return typeof out === 'function' ? undefined : out;
}

/** `var` with a path known at compile time, already split and checked. */
export function getPath(data: unknown, keys: readonly string[], notFound: unknown): unknown {
  let v = data;
  for (let i = 0; i < keys.length; i++) {
    if (v === null || v === undefined) return notFound;
    v = (v as Record<string, unknown>)[keys[i] as string];
    if (v === undefined || typeof v === 'function') return notFound;
  }
  return v;
}

/** `var` with one path segment known at compile time. */
export function getKey(data: unknown, key: string, notFound: unknown): unknown {
  if (data === null || data === undefined) return notFound;
  const v = (data as Record<string, unknown>)[key];
  return v === undefined || typeof v === 'function' ? notFound : v;
}

/** `var` whose path is computed at run time. */
export function getDynamic(data: unknown, path: unknown, fallback: unknown): unknown {
  const notFound = fallback === undefined ? null : fallback;
  if (path === undefined || path === '' || path === null) return data;
  let v = data;
  for (const key of String(path).split('.')) {
    if (v === null || v === undefined) return notFound;
    v = pick(v, key);
    if (v === undefined) return notFound;
  }
  return v;
}

/** parseFloat as json-logic-js's `+` and `*` apply it. */
export function toFloat(v: unknown): number {
  return typeof v === 'number' ? (v === 0 ? 0 : v) : Number.parseFloat(v as string);
}

export function multiply(args: unknown[]): unknown {
  if (args.length === 0) throw new TypeError('Reduce of empty array with no initial value');
  let product: unknown = args[0];
  for (let i = 1; i < args.length; i++) product = toFloat(product) * toFloat(args[i]);
  return product;
}

export function subtract(a: unknown, b: unknown): number {
  return b === undefined ? -(a as number) : (a as number) - (b as number);
}

export function lessThan(a: unknown, b: unknown, c: unknown): boolean {
  return c === undefined
    ? (a as number) < (b as number)
    : (a as number) < (b as number) && (b as number) < (c as number);
}

export function lessOrEqual(a: unknown, b: unknown, c: unknown): boolean {
  return c === undefined
    ? (a as number) <= (b as number)
    : (a as number) <= (b as number) && (b as number) <= (c as number);
}

export function isIn(a: unknown, b: unknown): boolean {
  if (!b || typeof (b as { indexOf?: unknown }).indexOf === 'undefined') return false;
  return (b as { indexOf(x: unknown): number }).indexOf(a) !== -1;
}

export function cat(args: unknown[]): string {
  return args.join('');
}

export function substr(source: unknown, start: unknown, end: unknown): string {
  if ((end as number) < 0) {
    const temp = String(source).substr(start as number);
    return temp.substr(0, temp.length + (end as number));
  }
  return String(source).substr(start as number, end as number);
}

export function merge(args: unknown[]): unknown[] {
  let out: unknown[] = [];
  for (const a of args) out = out.concat(a);
  return out;
}

export function missing(data: unknown, args: unknown[]): unknown[] {
  const out: unknown[] = [];
  const keys = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  for (const key of keys) {
    // each key is read as `{"var": key}` would read it: a list key is [path, default]
    const v = Array.isArray(key) ? getDynamic(data, key[0], key[1]) : getDynamic(data, key, undefined);
    if (v === null || v === '') out.push(key);
  }
  return out;
}

export function missingSome(data: unknown, need: unknown, options: unknown): unknown[] {
  const absent = missing(data, [options]);
  return (options as unknown[]).length - absent.length >= (need as number) ? [] : absent;
}

/** Per-evaluation state: how much iteration work is left. */
export interface Budget {
  left: number;
}

/** Charges iteration work; a rule that runs over budget fails with RULE_LIMIT_EXCEEDED at its path. */
function charge(budget: Budget, units: number, path: string): void {
  budget.left -= units;
  if (budget.left < 0)
    throw new RuleError([issue('RULE_LIMIT_EXCEEDED', path, MESSAGES.overBudget(ITERATION_BUDGET))]);
}

/** Work a reduce accumulator adds: its size, so doubling strings or arrays hits the budget early. */
function sizeOf(v: unknown): number {
  return typeof v === 'string' || Array.isArray(v) ? v.length + 1 : 1;
}

/** An iteration body compiled to a function of the element, the record and the context. */
type Body = (element: unknown, record: unknown, context: unknown) => unknown;

export function filterOf(
  list: unknown,
  f: Body,
  budget: Budget,
  path: string,
  r: unknown,
  x: unknown,
): unknown[] {
  if (!Array.isArray(list)) return [];
  charge(budget, list.length, path);
  const out: unknown[] = [];
  for (const e of list) if (truthy(f(e, r, x))) out.push(e);
  return out;
}

export function mapOf(
  list: unknown,
  f: Body,
  budget: Budget,
  path: string,
  r: unknown,
  x: unknown,
): unknown[] {
  if (!Array.isArray(list)) return [];
  charge(budget, list.length, path);
  const out: unknown[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) out[i] = f(list[i], r, x);
  return out;
}

export function allOf(list: unknown, f: Body, budget: Budget, path: string, r: unknown, x: unknown): boolean {
  if (!Array.isArray(list) || list.length === 0) return false;
  charge(budget, list.length, path);
  for (const e of list) if (!truthy(f(e, r, x))) return false;
  return true;
}

export function someOf(
  list: unknown,
  f: Body,
  budget: Budget,
  path: string,
  r: unknown,
  x: unknown,
): boolean {
  if (!Array.isArray(list) || list.length === 0) return false;
  charge(budget, list.length, path);
  for (const e of list) if (truthy(f(e, r, x))) return true;
  return false;
}

export function noneOf(
  list: unknown,
  f: Body,
  budget: Budget,
  path: string,
  r: unknown,
  x: unknown,
): boolean {
  return !someOf(list, f, budget, path, r, x);
}

export function reduceOf(
  list: unknown,
  f: Body,
  initial: unknown,
  budget: Budget,
  path: string,
  r: unknown,
  x: unknown,
): unknown {
  if (!Array.isArray(list)) return initial;
  let accumulator = initial;
  for (const current of list) {
    charge(budget, sizeOf(accumulator), path);
    accumulator = f({ current, accumulator }, r, x);
  }
  return accumulator;
}
