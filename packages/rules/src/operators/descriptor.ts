import type { LocalizedText } from '@stagecraft/schema';
import type { ResolvedContext } from '../context.js';
import type { SqlTranslator } from '../sql/sql-value.js';
import type { ValueType } from '../value-type.js';

/** JavaScript produced for one node: the expression, and whether it is statically a boolean. */
export interface Code {
  code: string;
  bool: boolean;
  /** Set when the code is a list of plain values written in the rule (a frozen constant). */
  list?: boolean;
}

/** The code generator as an operator's `compile` sees it. */
export interface Generator {
  /** Compiles a child node at a JSON path. */
  build(node: unknown, path: string): Code;
  /** Code that yields the truthiness (JSON Logic rules: empty arrays are false) of compiled code. */
  truthy(code: Code): string;
  /** A fresh local variable in the current function. */
  temp(): string;
  /** A reference to a value kept out of the generated source (strings, arrays, objects). */
  constant(value: unknown): string;
  /** A property name as a string literal in the generated source (JSON-escaped). */
  key(name: string): string;
  /** A reference to a helper function. */
  helper(name: string): string;
  /** Compiles `node` as a function `(element, record, context)`, for iteration operators; returns its name. */
  scoped(node: unknown, path: string): string;
  /** The evaluation's iteration budget, for the iteration helpers to charge. */
  budget(): string;
}

/**
 * One operator of the rule language. Eager operators receive evaluated arguments (`method`, or
 * `inline` for hot standard operators); control operators (`control`) compile their raw arguments
 * themselves (short-circuit, iteration).
 */
export interface OperatorDescriptor {
  /** Evaluates with already-evaluated arguments. */
  method?: (args: unknown[], context: ResolvedContext) => unknown;
  /** Emits a JavaScript expression from the compiled arguments (hot path of standard operators). */
  inline?: (args: Code[], g: Generator) => Code;
  /** How many arguments `inline` uses; extra ones are still evaluated, first, as json-logic-js does. */
  arity?: number;
  /** Compiles itself from raw argument nodes. */
  control?: (args: unknown[], path: string, g: Generator) => Code;
  /** False when the result depends on the context (clock, user, previous record). */
  deterministic: boolean;
  /** Result type for the checker; a function when it depends on the argument types. */
  returns: ValueType | ((args: ValueType[]) => ValueType);
  /** Argument types for the checker (the last one repeats); absent: anything goes. */
  accepts?: ValueType[][];
  /** How an argument is read: `field` names a field of the record (changed, previous). */
  fieldArgument?: number;
  /** Iteration operators: the second argument runs against each element, not the record. */
  iterates?: boolean;
  /** The template of a clause in explanations; `{0}`, `{1}` are the rendered arguments. */
  explain?: LocalizedText;
  /** Translation to SQL; absent means RULE_NOT_TRANSLATABLE. */
  sql?: SqlTranslator;
}

/** Normalizes an operator's arguments the way json-logic-js does: a non-array is one argument. */
export function argumentsOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** Whether an object node is an operation (one key) rather than literal data, as json-logic-js decides. */
export function operationOf(node: unknown): { op: string; args: unknown } | null {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return null;
  const keys = Object.keys(node);
  if (keys.length !== 1) return null;
  const op = keys[0] as string;
  return { op, args: (node as Record<string, unknown>)[op] };
}
