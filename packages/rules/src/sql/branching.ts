import { type RawBuilder, sql } from 'kysely';
import { childPath } from '../rule-error.js';
import { truthy } from './coerce.js';
import { NotTranslatable, NULL, type SqlTranslator, type SqlValue, values } from './sql-value.js';

/** `and`, `or` and `if` in SQL: plain boolean logic as conditions, CASE over one kind as values. */

/** The one kind all branches share (null literals join any nullable kind); refused otherwise. */
function commonKind(vs: SqlValue[], path: string): SqlValue['kind'] {
  const kinds = new Set(vs.map((v) => v.kind).filter((k) => k !== 'null'));
  if (kinds.size > 1 || (kinds.has('nan') && vs.some((v) => v.kind === 'null')))
    throw new NotTranslatable(path, {
      en: 'The branches give values of different types; the database needs one type.',
      'zh-CN': '各分支的值类型不同，数据库需要统一的类型。',
    });
  return [...kinds][0] ?? 'null';
}

export function junction(isAnd: boolean): SqlTranslator {
  return {
    condition: (args, path, t) => {
      if (args.length === 0)
        throw new NotTranslatable(path, {
          en: 'An empty and/or has no value.',
          'zh-CN': '空的 and/or 没有值。',
        });
      const parts = args.map((a, i) => t.condition(a, childPath(path, i)));
      return sql`(${sql.join(parts, sql.raw(isAnd ? ' AND ' : ' OR '))})`;
    },
    value: (args, path, t) => {
      if (args.length === 0)
        throw new NotTranslatable(path, {
          en: 'An empty and/or has no value.',
          'zh-CN': '空的 and/or 没有值。',
        });
      const vs = values(args, path, t);
      const kind = commonKind(vs, path);
      let out = vs[vs.length - 1] as SqlValue;
      for (let i = vs.length - 2; i >= 0; i--) {
        const v = vs[i] as SqlValue;
        out = isAnd
          ? { kind, sql: sql`(CASE WHEN ${truthy(v)} THEN ${out.sql} ELSE ${v.sql} END)` }
          : { kind, sql: sql`(CASE WHEN ${truthy(v)} THEN ${v.sql} ELSE ${out.sql} END)` };
      }
      return out;
    },
  };
}

export const conditional: SqlTranslator = {
  condition: (args, path, t) => {
    if (args.length === 0) return sql`FALSE`;
    const parts: RawBuilder<unknown>[] = [];
    let i = 0;
    for (; i < args.length - 1; i += 2)
      parts.push(
        sql`WHEN ${t.condition(args[i], childPath(path, i))} THEN ${t.condition(args[i + 1], childPath(path, i + 1))}`,
      );
    const otherwise = args.length === i + 1 ? t.condition(args[i], childPath(path, i)) : sql`FALSE`;
    return parts.length ? sql`(CASE ${sql.join(parts, sql` `)} ELSE ${otherwise} END)` : otherwise;
  },
  value: (args, path, t) => {
    if (args.length === 0) return NULL;
    const tests: RawBuilder<unknown>[] = [];
    const branches: SqlValue[] = [];
    let i = 0;
    for (; i < args.length - 1; i += 2) {
      tests.push(t.condition(args[i], childPath(path, i)));
      branches.push(t.value(args[i + 1], childPath(path, i + 1)));
    }
    const otherwise = args.length === i + 1 ? t.value(args[i], childPath(path, i)) : NULL;
    if (tests.length === 0) return otherwise;
    const kind = commonKind([...branches, otherwise], path);
    const whens = tests.map((test, j) => sql`WHEN ${test} THEN ${(branches[j] as SqlValue).sql}`);
    return { kind, sql: sql`(CASE ${sql.join(whens, sql` `)} ELSE ${otherwise.sql} END)` };
  },
};
