import { SQL_TRANSLATORS } from '../sql/translators.js';
import type { OperatorDescriptor } from './descriptor.js';
import { SALES_OPERATORS } from './sales.js';
import { STANDARD_OPERATORS } from './standard.js';

/** Every operator of the rule language by name; the compiler, checker, explainer and SQL translator read only this. */
export const OPERATORS: ReadonlyMap<string, OperatorDescriptor> = new Map(
  Object.entries({ ...STANDARD_OPERATORS, ...SALES_OPERATORS }).map(([name, d]) => {
    const sql = SQL_TRANSLATORS[name];
    return [name, sql ? { ...d, sql } : d] as const;
  }),
);

export { operationOf } from './descriptor.js';
