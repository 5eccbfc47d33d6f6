import { type Issue, type Locale, localizedIssue } from '@stagecraft/schema';
import { MESSAGES } from './messages.js';
import { argumentsOf } from './operators/descriptor.js';
import { OPERATORS, operationOf } from './operators/table.js';
import { childPath } from './rule-error.js';
import { FORBIDDEN_KEYS } from './runtime.js';

/** Size limits of a rule: anything bigger is refused at publish with RULE_LIMIT_EXCEEDED. */
export const RULE_LIMITS = { depth: 32, nodes: 2_000, arrayLength: 1_000, stringLength: 10_000 } as const;

/** Issues of a `var` path known at compile time: prototype keys are refused. */
export function forbiddenVarPath(path: unknown): string | null {
  if (typeof path !== 'string' && typeof path !== 'number') return null;
  const bad = String(path)
    .split('.')
    .find((k) => FORBIDDEN_KEYS.has(k));
  return bad ?? null;
}

/**
 * Checks a rule's syntax, operators and size without evaluating it. Walks iteratively, so a hostile
 * rule nested a million levels deep is refused instead of overflowing the stack.
 */
export function validateRule(rule: unknown, path = '', locale: Locale = 'en'): Issue[] {
  const issues: Issue[] = [];
  let nodes = 0;
  const stack: { node: unknown; path: string; depth: number }[] = [{ node: rule, path, depth: 0 }];
  while (stack.length > 0) {
    const { node, path: at, depth } = stack.pop() as { node: unknown; path: string; depth: number };
    nodes++;
    if (nodes > RULE_LIMITS.nodes) {
      issues.push(
        localizedIssue('RULE_LIMIT_EXCEEDED', path, MESSAGES.tooManyNodes(RULE_LIMITS.nodes), locale),
      );
      break;
    }
    if (depth > RULE_LIMITS.depth) {
      issues.push(localizedIssue('RULE_LIMIT_EXCEEDED', at, MESSAGES.tooDeep(RULE_LIMITS.depth), locale));
      continue;
    }
    if (typeof node === 'string' && node.length > RULE_LIMITS.stringLength) {
      issues.push(
        localizedIssue('RULE_LIMIT_EXCEEDED', at, MESSAGES.textTooLong(RULE_LIMITS.stringLength), locale),
      );
      continue;
    }
    if (typeof node === 'number' && !Number.isFinite(node)) {
      issues.push(localizedIssue('RULE_INVALID', at, MESSAGES.notFinite(), locale));
      continue;
    }
    if (
      node === undefined ||
      typeof node === 'function' ||
      typeof node === 'symbol' ||
      typeof node === 'bigint'
    ) {
      issues.push(localizedIssue('RULE_INVALID', at, MESSAGES.notJson(), locale));
      continue;
    }
    if (Array.isArray(node)) {
      if (node.length > RULE_LIMITS.arrayLength) {
        issues.push(
          localizedIssue('RULE_LIMIT_EXCEEDED', at, MESSAGES.listTooLong(RULE_LIMITS.arrayLength), locale),
        );
        continue;
      }
      for (let i = node.length - 1; i >= 0; i--)
        stack.push({ node: node[i], path: childPath(at, i), depth: depth + 1 });
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    const operation = operationOf(node);
    if (operation) {
      const { op, args } = operation;
      const opPath = childPath(at, op);
      if (!OPERATORS.has(op)) {
        issues.push(
          localizedIssue('RULE_UNKNOWN_OPERATOR', at, MESSAGES.unknownOperator(op), locale, { operator: op }),
        );
        continue;
      }
      if (op === 'var') {
        const bad = forbiddenVarPath(argumentsOf(args)[0]);
        if (bad !== null) {
          issues.push(localizedIssue('RULE_INVALID', opPath, MESSAGES.forbiddenRead(bad), locale));
          continue;
        }
      }
      if (!Array.isArray(args)) {
        stack.push({ node: args, path: opPath, depth: depth + 1 });
        continue;
      }
      // an operation and its argument list are one level of the rule
      if (args.length > RULE_LIMITS.arrayLength) {
        issues.push(
          localizedIssue(
            'RULE_LIMIT_EXCEEDED',
            opPath,
            MESSAGES.listTooLong(RULE_LIMITS.arrayLength),
            locale,
          ),
        );
        continue;
      }
      for (let i = args.length - 1; i >= 0; i--)
        stack.push({ node: args[i], path: childPath(opPath, i), depth: depth + 1 });
      continue;
    }
    const entries = Object.entries(node);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, value] = entries[i] as [string, unknown];
      if (FORBIDDEN_KEYS.has(key)) {
        issues.push(localizedIssue('RULE_INVALID', childPath(at, key), MESSAGES.forbiddenKey(key), locale));
        continue;
      }
      stack.push({ node: value, path: childPath(at, key), depth: depth + 1 });
    }
  }
  return issues;
}
