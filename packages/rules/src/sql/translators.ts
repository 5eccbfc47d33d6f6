import { type RawBuilder, sql } from 'kysely';
import { childPath } from '../rule-error.js';
import { conditional, junction } from './branching.js';
import {
  compare,
  float,
  jsTrim,
  looseEquals,
  parseFloatOf,
  strictEquals,
  toNumber,
  toText,
} from './coerce.js';
import { hasElement, isMissing, literalList, missingKeys, refuseValue } from './lists.js';
import {
  bool,
  NotTranslatable,
  NULL,
  nan,
  type SqlTranslator,
  type SqlValue,
  take,
  values,
} from './sql-value.js';
import { daysBetweenSql, hoursBetweenSql } from './temporal.js';

/** SQL translations of the operators that can run in PostgreSQL with exactly the in-memory semantics. */

/** Equality operators; a jsonb column may only be compared with the literal null. */
function binary(f: (a: SqlValue, b: SqlValue) => RawBuilder<unknown>): SqlTranslator {
  return {
    value: (args, path, t) => {
      if (args.length < 2)
        throw new NotTranslatable(path, {
          en: 'This operator needs 2 arguments to run in the database.',
          'zh-CN': '该运算符需要 2 个参数才能在数据库中执行。',
        });
      const [a, b] = args.map((x, i) => t.anyValue(x, childPath(path, i))) as [SqlValue, SqlValue];
      if ((a.kind === 'json' && b.kind !== 'null') || (b.kind === 'json' && a.kind !== 'null'))
        throw new NotTranslatable(path, {
          en: 'In the database, a list field can only be compared with null.',
          'zh-CN': '在数据库中，列表类字段只能与 null 比较。',
        });
      return bool(f(a, b));
    },
  };
}

function ordering(op: '<' | '>' | '<=' | '>='): SqlTranslator {
  return {
    value: (args, path, t) => {
      if (args.length >= 3 && (op === '<' || op === '<=')) {
        const [a, b, c] = values(args, path, t) as [SqlValue, SqlValue, SqlValue];
        return bool(sql`(${compare(op, a, b)} AND ${compare(op, b, c)})`);
      }
      const [a, b] = take(args, path, t, 2) as [SqlValue, SqlValue];
      return bool(compare(op, a, b));
    },
  };
}

export const SQL_TRANSLATORS: Record<string, SqlTranslator> = {
  '==': binary(looseEquals),
  '!=': binary((a, b) => sql`(NOT ${looseEquals(a, b)})`),
  '===': binary(strictEquals),
  '!==': binary((a, b) => sql`(NOT ${strictEquals(a, b)})`),
  '<': ordering('<'),
  '<=': ordering('<='),
  '>': ordering('>'),
  '>=': ordering('>='),
  '!': { value: (args, path, t) => bool(sql`(NOT ${t.condition(args[0] ?? null, childPath(path, 0))})`) },
  '!!': { value: (args, path, t) => bool(t.condition(args[0] ?? null, childPath(path, 0))) },
  and: junction(true),
  or: junction(false),
  if: conditional,
  '?:': conditional,
  '+': {
    value: (args, path, t) =>
      nan(sql`(${sql.join([float(0), ...values(args, path, t).map(parseFloatOf)], sql` + `)})`),
  },
  '*': {
    value: (args, path, t) => {
      const vs = values(args, path, t);
      if (vs.length === 0)
        throw new NotTranslatable(path, {
          en: '"*" needs at least one argument.',
          'zh-CN': '「*」至少需要一个参数。',
        });
      if (vs.length === 1) return vs[0] as SqlValue;
      return nan(sql`(${sql.join(vs.map(parseFloatOf), sql` * `)})`);
    },
  },
  '-': {
    value: (args, path, t) => {
      const vs = values(args, path, t);
      if (vs.length === 0)
        throw new NotTranslatable(path, { en: '"-" needs an argument.', 'zh-CN': '「-」需要一个参数。' });
      if (vs.length === 1) return nan(sql`(- ${toNumber(vs[0] as SqlValue)})`);
      return nan(sql`(${toNumber(vs[0] as SqlValue)} - ${toNumber(vs[1] as SqlValue)})`);
    },
  },
  '/': {
    value: (args, path, t) => {
      const divisor = args[1];
      if (typeof divisor !== 'number' || divisor === 0)
        throw new NotTranslatable(childPath(path, 1), {
          en: 'In the database, "/" needs a non-zero number written in the rule as divisor.',
          'zh-CN': '在数据库中，「/」的除数必须是规则中写明的非零数字。',
        });
      const [a] = take(args, path, t, 2) as [SqlValue];
      return nan(sql`(${toNumber(a)} / ${float(divisor)})`);
    },
  },
  in: {
    value: (args, path, t) => {
      const needle = t.value(args[0] ?? null, childPath(path, 0));
      const haystack = args[1];
      if (Array.isArray(haystack)) {
        if (haystack.length === 0) return bool(sql`FALSE`);
        const items = haystack.map((h, i) => t.value(h, childPath(childPath(path, 1), i)));
        return bool(
          sql`(${sql.join(
            items.map((item) => strictEquals(needle, item)),
            sql` OR `,
          )})`,
        );
      }
      const text = t.anyValue(haystack, childPath(path, 1));
      if (text.kind === 'json') {
        // a jsonb array: strict membership; a jsonb string: substring, as in memory
        const element = hasElement(text.sql, needle, childPath(path, 0));
        const asText = toText(needle, childPath(path, 0), 'null');
        return bool(
          sql`COALESCE(CASE jsonb_typeof(${text.sql}) WHEN 'array' THEN ${element} WHEN 'string' THEN ${text.sql} <> '""'::jsonb AND strpos(${text.sql} #>> '{}', ${asText}) > 0 ELSE FALSE END, FALSE)`,
        );
      }
      if (text.kind !== 'str') return bool(sql`FALSE`);
      return bool(
        sql`COALESCE(${text.sql} <> '' AND strpos(${text.sql}, ${toText(needle, childPath(path, 0), 'null')}) > 0, FALSE)`,
      );
    },
  },
  cat: {
    value: (args, path, t) => {
      const vs = values(args, path, t);
      return {
        kind: 'str',
        sql: vs.length
          ? sql`(${sql.join(
              vs.map((v, i) => toText(v, childPath(path, i), '')),
              sql` || `,
            )})`
          : sql`CAST('' AS text)`,
      };
    },
  },
  missing: {
    value: (_args, path) => refuseValue(path),
    condition: (args, path, t) => {
      const keys = missingKeys(args, path);
      return keys.length
        ? sql`(${sql.join(
            keys.map((k) => isMissing(k, path, t)),
            sql` OR `,
          )})`
        : sql`FALSE`;
    },
  },
  missing_some: {
    value: (_args, path) => refuseValue(path),
    condition: (args, path, t) => {
      const [need, list] = args;
      if (typeof need !== 'number' || !Array.isArray(list))
        throw new NotTranslatable(path, {
          en: 'In the database, missing_some needs a number and a list written in the rule.',
          'zh-CN': '在数据库中，missing_some 需要规则中写明的数字和列表。',
        });
      const keys = missingKeys([list], childPath(path, 1));
      if (keys.length === 0) return sql`FALSE`;
      const gone = keys.map((k) => isMissing(k, path, t));
      const present = sql.join(
        gone.map((m) => sql`(CASE WHEN ${m} THEN 0 ELSE 1 END)`),
        sql` + `,
      );
      return sql`((${present}) < ${float(need)} AND (${sql.join(gone, sql` OR `)}))`;
    },
  },
  contains_any: {
    value: (args, path, t) => {
      const subject = t.anyValue(args[0] ?? null, childPath(path, 0));
      const list = literalList(args[1], childPath(path, 1));
      const words = list.filter((w): w is string => typeof w === 'string');
      if (subject.kind === 'json') {
        const inList = list.map((w, i) =>
          hasElement(subject.sql, t.value(w, childPath(childPath(path, 1), i)), path),
        );
        const inText = words.map((w) => sql`strpos(${subject.sql} #>> '{}', ${w}) > 0`);
        const any = (parts: RawBuilder<unknown>[]) =>
          parts.length ? sql.join(parts, sql` OR `) : sql`FALSE`;
        return bool(
          sql`COALESCE(CASE jsonb_typeof(${subject.sql}) WHEN 'array' THEN ${any(inList)} WHEN 'string' THEN ${any(inText)} ELSE FALSE END, FALSE)`,
        );
      }
      if (subject.kind !== 'str' || words.length === 0) return bool(sql`FALSE`);
      return bool(
        sql`COALESCE(${sql.join(
          words.map((w) => sql`strpos(${subject.sql}, ${w}) > 0`),
          sql` OR `,
        )}, FALSE)`,
      );
    },
  },
  lower: {
    value: (args, path, t) => {
      const v = t.value(args[0] ?? null, childPath(path, 0));
      if (v.kind !== 'str') return NULL;
      return {
        kind: 'str',
        sql: sql`translate(${v.sql}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`,
      };
    },
  },
  trim: {
    value: (args, path, t) => {
      const v = t.value(args[0] ?? null, childPath(path, 0));
      return v.kind === 'str' ? { kind: 'str', sql: jsTrim(v.sql) } : NULL;
    },
  },
  length: {
    value: (args, path, t) => {
      const v = t.anyValue(args[0] ?? null, childPath(path, 0));
      if (v.kind === 'json')
        return {
          kind: 'num',
          sql: sql`CAST(COALESCE(CASE jsonb_typeof(${v.sql}) WHEN 'array' THEN jsonb_array_length(${v.sql}) WHEN 'string' THEN char_length(${v.sql} #>> '{}') ELSE 0 END, 0) AS double precision)`,
        };
      return {
        kind: 'num',
        sql: v.kind === 'str' ? sql`CAST(COALESCE(char_length(${v.sql}), 0) AS double precision)` : float(0),
      };
    },
  },
  days_between: { value: (args, path, t) => daysBetweenSql(args, path, t) },
  hours_between: { value: (args, path, t) => hoursBetweenSql(args, path, t) },
};
