import { type FieldType, type Issue, type Locale, localizedIssue, SYSTEM_FIELDS } from '@stagecraft/schema';
import { MESSAGES } from '../messages.js';
import { argumentsOf, operationOf } from '../operators/descriptor.js';
import { OPERATORS } from '../operators/table.js';
import { childPath } from '../rule-error.js';
import { parseTemporal } from '../time-zone.js';
import { validateRule } from '../validate.js';
import { type ValueType, valueTypeOfField, valueTypeOfLiteral } from '../value-type.js';

/** What the checker knows of a node: its type and, for literals, the value. */
interface Typed {
  type: ValueType;
  literal?: { value: unknown };
}

const COMPARISONS = new Set(['==', '!=', '===', '!==', '<', '>', '<=', '>=']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%', 'min', 'max']);
const BRANCHING = new Set(['if', '?:', 'and', 'or']);
const TEMPORAL = new Set<ValueType>(['date', 'datetime']);
const FREE = new Set<ValueType>(['any', 'null']);

const isDateText = (t: Typed) =>
  typeof t.literal?.value === 'string' && parseTemporal(t.literal.value, 'UTC') !== null;
const isNumericText = (t: Typed) =>
  typeof t.literal?.value === 'string' &&
  t.literal.value.trim() !== '' &&
  !Number.isNaN(Number(t.literal.value));

/** Whether two values can be meaningfully compared. */
function comparable(a: Typed, b: Typed): boolean {
  if (FREE.has(a.type) || FREE.has(b.type) || a.type === b.type) return true;
  if (TEMPORAL.has(a.type) && TEMPORAL.has(b.type)) return true;
  const pair = (x: Typed, y: Typed) =>
    (TEMPORAL.has(x.type) && y.type === 'string' && isDateText(y)) ||
    (x.type === 'number' && y.type === 'string' && isNumericText(y));
  return pair(a, b) || pair(b, a);
}

/** Whether a value fits a parameter type of an operator. */
function fits(t: Typed, accepted: ValueType[]): boolean {
  if (FREE.has(t.type) || accepted.includes('any') || accepted.includes(t.type)) return true;
  if (t.type === 'string' && accepted.some((a) => TEMPORAL.has(a)) && isDateText(t)) return true;
  return t.type === 'string' && accepted.includes('number') && isNumericText(t);
}

/**
 * Type-checks a rule against an entity's fields: unknown fields (UNKNOWN_FIELD), comparisons of
 * values of different types and operators on the wrong type (RULE_TYPE_ERROR), each at the JSON
 * path of the offending part. Syntax and limit issues of `validateRule` come first. System fields
 * (`SYSTEM_FIELDS`) are always known.
 */
export function typeCheck(
  rule: unknown,
  fields: Record<string, FieldType>,
  path = '',
  locale: Locale = 'en',
): Issue[] {
  const invalid = validateRule(rule, path, locale);
  if (invalid.length > 0) return invalid;
  const issues: Issue[] = [];
  const known: Record<string, FieldType> = { ...SYSTEM_FIELDS, ...fields };

  const infer = (node: unknown, at: string, inBody: boolean): Typed => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => {
        infer(n, childPath(at, i), inBody);
      });
      return {
        type: 'array',
        literal: node.every((n) => operationOf(n) === null) ? { value: node } : undefined,
      };
    }
    const operation = operationOf(node);
    if (!operation) return { type: valueTypeOfLiteral(node), literal: { value: node } };
    const { op } = operation;
    const opPath = childPath(at, op);
    const descriptor = OPERATORS.get(op);
    const raw = argumentsOf(operation.args);
    if (op === 'var' || descriptor?.fieldArgument !== undefined) {
      const key = raw[descriptor?.fieldArgument ?? 0];
      raw.slice(1).forEach((a, i) => {
        infer(a, childPath(opPath, i + 1), inBody);
      });
      if (inBody && op === 'var') return { type: 'any' };
      if (typeof key !== 'string' || key === '') return { type: 'any' };
      const [first, ...rest] = key.split('.');
      const fieldType = known[first as string];
      if (!fieldType) {
        issues.push(
          localizedIssue(
            'UNKNOWN_FIELD',
            op === 'var' ? opPath : childPath(opPath, 0),
            MESSAGES.unknownField(first as string),
            locale,
            {
              field: first,
            },
          ),
        );
        return { type: 'any' };
      }
      if (op === 'changed') return { type: 'boolean' };
      return { type: rest.length ? 'any' : valueTypeOfField(fieldType) };
    }
    if (descriptor?.iterates) {
      const list = infer(raw[0], childPath(opPath, 0), inBody);
      if (!FREE.has(list.type) && list.type !== 'array')
        issues.push(
          localizedIssue('RULE_TYPE_ERROR', childPath(opPath, 0), MESSAGES.needsList(op, list.type), locale),
        );
      infer(raw[1], childPath(opPath, 1), true);
      if (raw[2] !== undefined) infer(raw[2], childPath(opPath, 2), inBody);
      return { type: typeof descriptor.returns === 'string' ? descriptor.returns : 'any' };
    }
    const args = raw.map((a, i) => infer(a, childPath(opPath, i), inBody));
    if (op === 'missing' || op === 'missing_some') {
      const list = op === 'missing' ? (Array.isArray(raw[0]) ? raw[0] : raw) : raw[1];
      if (Array.isArray(list) && !inBody)
        list.forEach((k, i) => {
          const name = typeof k === 'string' ? k.split('.')[0] : undefined;
          if (name && !known[name])
            issues.push(
              localizedIssue('UNKNOWN_FIELD', childPath(opPath, i), MESSAGES.unknownField(name), locale, {
                field: name,
              }),
            );
        });
      return { type: 'array' };
    }
    if (COMPARISONS.has(op)) {
      for (let i = 0; i + 1 < Math.min(args.length, op === '<' || op === '<=' ? 3 : 2); i++) {
        const a = args[i] as Typed;
        const b = args[i + 1] as Typed;
        if (!comparable(a, b))
          issues.push(
            localizedIssue('RULE_TYPE_ERROR', opPath, MESSAGES.compares(op, a.type, b.type), locale),
          );
      }
      return { type: 'boolean' };
    }
    if (ARITHMETIC.has(op)) {
      args.forEach((a, i) => {
        if (!fits(a, ['number']))
          issues.push(
            localizedIssue(
              'RULE_TYPE_ERROR',
              childPath(opPath, i),
              MESSAGES.needsNumbers(op, a.type),
              locale,
            ),
          );
      });
      return { type: 'number' };
    }
    if (op === 'in') {
      const haystack = args[1];
      if (haystack && !FREE.has(haystack.type) && haystack.type !== 'array' && haystack.type !== 'string')
        issues.push(
          localizedIssue(
            'RULE_TYPE_ERROR',
            childPath(opPath, 1),
            MESSAGES.inNeedsListOrText(haystack.type),
            locale,
          ),
        );
      return { type: 'boolean' };
    }
    if (BRANCHING.has(op)) {
      const results =
        op === 'if' || op === '?:' ? args.filter((_, i) => i % 2 === 1 || i === args.length - 1) : args;
      const types = new Set(results.map((r) => r.type).filter((t) => t !== 'null'));
      return { type: types.size === 1 ? ([...types][0] as ValueType) : 'any' };
    }
    const accepts = descriptor?.accepts;
    if (accepts) {
      args.forEach((a, i) => {
        const accepted = accepts[Math.min(i, accepts.length - 1)] as ValueType[];
        if (!fits(a, accepted))
          issues.push(
            localizedIssue(
              'RULE_TYPE_ERROR',
              childPath(opPath, i),
              MESSAGES.wrongArgument(op, a.type, accepted),
              locale,
            ),
          );
      });
    }
    const returns = descriptor?.returns ?? 'any';
    return { type: typeof returns === 'function' ? returns(args.map((a) => a.type)) : returns };
  };

  infer(rule, path, false);
  return issues;
}
