import type { FieldType } from '@stagecraft/schema';
import { type Bilingual, type Issue, type Locale, localizedIssue } from '@stagecraft/schema';
import { type RawBuilder, sql } from 'kysely';
import type { ResolvedContext } from '../context.js';
import { childPath } from '../rule-error.js';

/**
 * How a JavaScript value is carried in SQL. Types are known statically (columns are typed), so every
 * JSON Logic coercion is spelled out for the pair of kinds at hand:
 * - `num`, `str`, `bool`: double precision, text, boolean; SQL NULL is JavaScript null;
 * - `nan`: double precision produced by arithmetic; SQL NULL is NaN (never null);
 * - `null`: the literal null;
 * - `json`: a jsonb column (multi_select, attachment, image, subtable, geo_point), accepted only by
 *   the operators that handle it (`in`, `contains_any`, `length`, `missing`, truthiness, `== null`).
 */
export type Kind = 'num' | 'str' | 'bool' | 'nan' | 'null' | 'json';

/** A translated sub-expression. `temporal` remembers a date/datetime column for calendar operators. */
export interface SqlValue {
  kind: Kind;
  sql: RawBuilder<unknown>;
  temporal?: { type: 'date' | 'datetime'; column: RawBuilder<unknown> };
  /** The JavaScript value when the node is a literal (parameters are still bound). */
  literal?: { value: unknown };
}

/** Raised inside the translator; `ruleToSql` turns it into an issue in the caller's locale. */
export class NotTranslatable extends Error {
  readonly code: 'RULE_NOT_TRANSLATABLE' | 'UNKNOWN_FIELD';
  constructor(
    readonly path: string,
    readonly text: Bilingual,
    code: 'RULE_NOT_TRANSLATABLE' | 'UNKNOWN_FIELD' = 'RULE_NOT_TRANSLATABLE',
  ) {
    super(text.en);
    this.code = code;
  }

  issue(locale: Locale): Issue {
    return localizedIssue(this.code, this.path, this.text, locale);
  }
}

/** What operator translators can call back into. */
export interface SqlTranslation {
  /** A scalar value; jsonb columns are refused here. */
  value(node: unknown, path: string): SqlValue;
  /** A value that may also be a jsonb column, for the operators that handle one. */
  anyValue(node: unknown, path: string): SqlValue;
  /** The truthiness of a node as a non-null SQL boolean. */
  condition(node: unknown, path: string): RawBuilder<unknown>;
  context: ResolvedContext;
  column(field: string): { sql: RawBuilder<unknown>; type: FieldType } | undefined;
}

/** Translates one operator's raw arguments (unevaluated nodes) at a JSON path. */
export interface SqlTranslator {
  value?: (args: unknown[], path: string, t: SqlTranslation) => SqlValue;
  /** A cheaper or only possible form when only the truthiness is needed. */
  condition?: (args: unknown[], path: string, t: SqlTranslation) => RawBuilder<unknown>;
}

/** Constructors of translated values. */
export const bool = (s: RawBuilder<unknown>): SqlValue => ({ kind: 'bool', sql: s });
export const nan = (s: RawBuilder<unknown>): SqlValue => ({ kind: 'nan', sql: s });
export const NULL: SqlValue = { kind: 'null', sql: sql`NULL`, literal: { value: null } };

/** Translates every argument (as json-logic-js evaluates every argument). */
export function values(args: unknown[], path: string, t: SqlTranslation): SqlValue[] {
  return args.map((a, i) => t.value(a, childPath(path, i)));
}

/** Operators that ignore extra arguments; json-logic-js still evaluates them, so they must translate too. */
export function take(args: unknown[], path: string, t: SqlTranslation, n: number): SqlValue[] {
  const all = values(args, path, t);
  if (all.length < n)
    throw new NotTranslatable(path, {
      en: `This operator needs ${n} arguments to run in the database.`,
      'zh-CN': `该运算符需要 ${n} 个参数才能在数据库中执行。`,
    });
  return all.slice(0, n);
}
