import { FIELD_TYPE_TABLE, type Field, type FilterKind } from '@stagecraft/schema';

/** The operators the filter builder offers. */
export const FILTER_OPS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'contains', 'empty', 'notEmpty'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

/** One row of the filter builder. */
export interface FilterCondition {
  field: string;
  op: FilterOp;
  value?: unknown;
}

/** The builder's whole state: conditions joined by all (and) or any (or). */
export interface FilterState {
  match: 'all' | 'any';
  conditions: FilterCondition[];
}

/** The operators of each filter kind of the field-type table. */
const OPS_OF: Record<FilterKind, FilterOp[]> = {
  ordered: ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'empty', 'notEmpty'],
  toggle: ['eq', 'ne'],
  choice: ['eq', 'ne', 'empty', 'notEmpty'],
  set: ['contains', 'empty', 'notEmpty'],
  text: ['contains', 'eq', 'ne', 'empty', 'notEmpty'],
  presence: ['empty', 'notEmpty'],
};

/** Which operators make sense for a field type (its filter kind in the field-type table). */
export function opsFor(field: Field): FilterOp[] {
  return OPS_OF[FIELD_TYPE_TABLE[field.type].filter];
}

const CMP: Partial<Record<FilterOp, string>> = { eq: '==', ne: '!=', gt: '>', ge: '>=', lt: '<', le: '<=' };

/** Turns one condition into JSON Logic, or null while it is incomplete. */
export function conditionToLogic(c: FilterCondition): unknown | null {
  const v = { var: c.field };
  if (c.op === 'empty') return { '==': [v, null] };
  if (c.op === 'notEmpty') return { '!=': [v, null] };
  if (c.value === undefined || c.value === null || c.value === '') return null;
  if (c.op === 'contains') return { in: [c.value, v] };
  return { [CMP[c.op] as string]: [v, c.value] };
}

/** The builder state as one JSON Logic rule (sent to the server, which runs it in SQL), or null. */
export function filterToLogic(state: FilterState): unknown | null {
  const parts = state.conditions.map(conditionToLogic).filter((x) => x !== null);
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0];
  return { [state.match === 'all' ? 'and' : 'or']: parts };
}

/** Joins the view's own filter with the user's, both must hold. */
export function andFilters(...rules: unknown[]): unknown | undefined {
  const present = rules.filter((r) => r !== undefined && r !== null);
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : { and: present };
}
