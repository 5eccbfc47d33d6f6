import { FIELD_TYPE_TABLE, type FieldType } from '@stagecraft/schema';
/**
 * The visual rule builder's model and its exact mapping to JSON Logic. A tree is what the builder
 * shows (field → operator → value, nested and/or groups); anything it cannot show stays a raw
 * node, so editing in the JSON tab never loses a rule the builder does not understand.
 */
export type Operator = '==' | '!=' | '>' | '>=' | '<' | '<=' | 'in' | 'contains' | 'empty' | 'notEmpty';

/** Operators in the order the builder offers them. */
export const OPERATORS: readonly Operator[] = [
  '==',
  '!=',
  '>',
  '>=',
  '<',
  '<=',
  'in',
  'contains',
  'empty',
  'notEmpty',
];

/** One node of the builder. */
export type RuleNode =
  | { kind: 'group'; op: 'and' | 'or'; children: RuleNode[] }
  | { kind: 'condition'; field: string; operator: Operator; value?: unknown }
  | { kind: 'raw'; rule: unknown };

const COMPARE = new Set<string>(['==', '!=', '>', '>=', '<', '<=']);

function isVar(x: unknown): x is { var: string } {
  return (
    typeof x === 'object' &&
    x !== null &&
    !Array.isArray(x) &&
    Object.keys(x).length === 1 &&
    typeof (x as { var?: unknown }).var === 'string'
  );
}

function single(rule: unknown): [string, unknown] | null {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return null;
  const keys = Object.keys(rule);
  if (keys.length !== 1) return null;
  const key = keys[0] as string;
  return [key, (rule as Record<string, unknown>)[key]];
}

/** JSON Logic → builder tree; an absent (or constant true) rule is an empty "and" group. */
export function ruleToTree(rule: unknown): RuleNode {
  if (rule === undefined || rule === null || rule === true) return { kind: 'group', op: 'and', children: [] };
  const node = toNode(rule);
  return node.kind === 'group' ? node : { kind: 'group', op: 'and', children: [node] };
}

function toNode(rule: unknown): RuleNode {
  const entry = single(rule);
  if (!entry) return { kind: 'raw', rule };
  const [op, args] = entry;
  if ((op === 'and' || op === 'or') && Array.isArray(args))
    return { kind: 'group', op, children: args.map((a) => toNode(a)) };
  if (
    COMPARE.has(op) &&
    Array.isArray(args) &&
    args.length === 2 &&
    isVar(args[0]) &&
    !isVar(args[1]) &&
    single(args[1]) === null
  )
    return { kind: 'condition', field: args[0].var, operator: op as Operator, value: args[1] };
  if (op === 'in' && Array.isArray(args) && args.length === 2) {
    if (isVar(args[0]) && Array.isArray(args[1]))
      return { kind: 'condition', field: args[0].var, operator: 'in', value: args[1] };
    if (isVar(args[1]) && !isVar(args[0]) && single(args[0]) === null)
      return { kind: 'condition', field: args[1].var, operator: 'contains', value: args[0] };
  }
  if (op === 'missing' && Array.isArray(args) && args.length === 1 && typeof args[0] === 'string')
    return { kind: 'condition', field: args[0], operator: 'empty' };
  if (op === '!') {
    const inner = single(Array.isArray(args) && args.length === 1 ? args[0] : args);
    if (
      inner &&
      inner[0] === 'missing' &&
      Array.isArray(inner[1]) &&
      inner[1].length === 1 &&
      typeof inner[1][0] === 'string'
    )
      return { kind: 'condition', field: inner[1][0], operator: 'notEmpty' };
  }
  return { kind: 'raw', rule };
}

/** Builder tree → JSON Logic; an empty group is "no condition" (undefined). */
export function treeToRule(node: RuleNode): unknown {
  switch (node.kind) {
    case 'raw':
      return node.rule;
    case 'group': {
      const parts = node.children.map(treeToRule).filter((r) => r !== undefined);
      if (parts.length === 0) return undefined;
      return { [node.op]: parts };
    }
    case 'condition': {
      const v = { var: node.field };
      switch (node.operator) {
        case 'in':
          return { in: [v, Array.isArray(node.value) ? node.value : [node.value]] };
        case 'contains':
          return { in: [node.value ?? '', v] };
        case 'empty':
          return { missing: [node.field] };
        case 'notEmpty':
          return { '!': { missing: [node.field] } };
        default:
          return { [node.operator]: [v, node.value ?? null] };
      }
    }
  }
}

/** A top-level rule as the builder writes it: a lone condition unwrapped from its "and" group. */
export function simplify(rule: unknown): unknown {
  const entry = single(rule);
  if (entry && entry[0] === 'and' && Array.isArray(entry[1]) && entry[1].length === 1) return entry[1][0];
  return rule;
}

/** Which operators make sense for a field type (the operator dropdown). */
export function operatorsFor(type: string | undefined): Operator[] {
  // Ordered types (numbers, dates, sequence numbers) are those the field-type table gives ordered filters.
  if (type !== undefined && Object.hasOwn(FIELD_TYPE_TABLE, type))
    if (FIELD_TYPE_TABLE[type as FieldType].filter === 'ordered')
      return ['==', '!=', '>', '>=', '<', '<=', 'empty', 'notEmpty'];
  switch (type) {
    case 'boolean':
      return ['==', '!=', 'empty', 'notEmpty'];
    case 'single_select':
      return ['==', '!=', 'in', 'empty', 'notEmpty'];
    case 'multi_select':
      return ['contains', 'empty', 'notEmpty'];
    default:
      return ['==', '!=', 'contains', 'in', 'empty', 'notEmpty'];
  }
}

/** Whether an operator takes a value input. */
export function takesValue(op: Operator): boolean {
  return op !== 'empty' && op !== 'notEmpty';
}

/** Edits a node at a child-index path inside a tree, returning a new tree. */
export function updateNode(
  root: RuleNode,
  at: readonly number[],
  fn: (n: RuleNode) => RuleNode | null,
): RuleNode {
  if (at.length === 0) return fn(root) ?? { kind: 'group', op: 'and', children: [] };
  if (root.kind !== 'group') return root;
  const [i, ...rest] = at as [number, ...number[]];
  const children = root.children.flatMap((c, j) => {
    if (j !== i) return [c];
    if (rest.length === 0) {
      const n = fn(c);
      return n ? [n] : [];
    }
    return [updateNode(c, rest, fn)];
  });
  return { ...root, children };
}
