import { argumentsOf } from '../operators/descriptor.js';
import { OPERATORS, operationOf } from '../operators/table.js';

/**
 * The record fields a rule reads (first path segment of each `var` at record level, plus the fields
 * of `changed`/`previous`/`missing`), sorted. Variables inside iteration bodies read the element,
 * not the record, and are left out. A `var` whose path is computed could read anything: it is
 * reported as the field `*`.
 */
export function fieldsRead(rule: unknown): string[] {
  const out = new Set<string>();
  // an explicit stack: a hostile rule nested a million levels deep must not overflow the call stack
  const stack: unknown[] = [rule];
  const visit = (node: unknown) => stack.push(node);
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      continue;
    }
    const operation = operationOf(node);
    if (!operation) continue;
    const args = argumentsOf(operation.args);
    const descriptor = OPERATORS.get(operation.op);
    if (operation.op === 'var' || descriptor?.fieldArgument !== undefined) {
      const key = args[descriptor?.fieldArgument ?? 0];
      if (typeof key === 'string' || typeof key === 'number') {
        if (key !== '') out.add(String(key).split('.')[0] as string);
      } else if (key !== undefined && key !== null) {
        out.add('*');
        visit(key);
      }
      for (const rest of args.slice(1)) visit(rest);
      continue;
    }
    if (operation.op === 'missing' || operation.op === 'missing_some') {
      const list = operation.op === 'missing' ? (Array.isArray(args[0]) ? args[0] : args) : args[1];
      if (!Array.isArray(list)) visit(list);
      else for (const k of list) if (typeof k === 'string' && k !== '') out.add(k.split('.')[0] as string);
      continue;
    }
    if (descriptor?.iterates) {
      visit(args[0]);
      if (operation.op === 'reduce') visit(args[2]);
      continue;
    }
    visit(args);
  }
  return [...out].sort();
}
