import { type RawBuilder, sql } from 'kysely';
import { argumentsOf, operationOf } from '../operators/descriptor.js';
import { isNull } from './coerce.js';
import { NotTranslatable, type SqlTranslation, type SqlValue } from './sql-value.js';

/** Lists in SQL: lists written in the rule, field-name lists of `missing`, and jsonb list fields. */

/**
 * Whether a jsonb array has an element strictly equal to `v` (JavaScript null is a JSON null). An
 * element-wise test, not `@>`, whose containment would also match inside nested arrays.
 */
export function hasElement(array: RawBuilder<unknown>, v: SqlValue, path: string): RawBuilder<unknown> {
  return sql`EXISTS (SELECT 1 FROM jsonb_array_elements(${array}) AS e(v) WHERE e.v = ${jsonElement(v, path)})`;
}

/** `x` as a jsonb scalar; JavaScript null becomes a JSON null. */
export function jsonElement(v: SqlValue, path: string): RawBuilder<unknown> {
  if (v.kind === 'nan' || v.kind === 'json')
    throw new NotTranslatable(path, {
      en: 'In the database, only texts, numbers and yes/no values can be looked up in a list field.',
      'zh-CN': '在数据库中，只能在列表类字段中查找文本、数字或是/否值。',
    });
  return sql`(jsonb_build_array(${v.sql}) -> 0)`;
}

/** Keys of `missing`, known in the rule. */
export function missingKeys(raw: unknown, path: string): string[] {
  const keys = argumentsOf(raw);
  const list = Array.isArray(keys[0]) ? (keys[0] as unknown[]) : keys;
  if (!list.every((k): k is string => typeof k === 'string' && k !== '' && !k.includes('.')))
    throw new NotTranslatable(path, {
      en: 'In the database, missing needs a list of field names written in the rule.',
      'zh-CN': '在数据库中，missing 需要规则中写明的字段名列表。',
    });
  return list;
}

export function isMissing(key: string, path: string, t: SqlTranslation): RawBuilder<unknown> {
  const v = t.anyValue({ var: key }, path);
  if (v.kind === 'json') return sql`(${isNull(v)} OR ${v.sql} = '""'::jsonb)`;
  return v.kind === 'str' ? sql`(${v.sql} IS NULL OR ${v.sql} = '')` : isNull(v);
}

export const refuseValue = (path: string): never => {
  throw new NotTranslatable(path, {
    en: 'This operator gives a list, which the database filter cannot compare.',
    'zh-CN': '该运算符返回列表，数据库筛选无法比较列表。',
  });
};

/** A literal list of words (texts) in the rule. */
export function literalList(node: unknown, path: string): unknown[] {
  if (
    !Array.isArray(node) ||
    node.some((n) => operationOf(n) !== null || (typeof n === 'object' && n !== null))
  )
    throw new NotTranslatable(path, {
      en: 'In the database, this needs a list written in the rule.',
      'zh-CN': '在数据库中，这里需要规则中写明的列表。',
    });
  return node;
}
