import {
  FIELD_TYPE_TABLE,
  type FieldType,
  type Locale,
  localizedIssue,
  type Result,
} from '@stagecraft/schema';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { check } from '../compile.js';
import { type RuleContext, resolveContext } from '../context.js';
import { MESSAGES } from '../messages.js';
import { argumentsOf } from '../operators/descriptor.js';
import { OPERATORS, operationOf } from '../operators/table.js';
import { childPath } from '../rule-error.js';
import { validateRule } from '../validate.js';
import { float, truthy } from './coerce.js';
import { SQL_LIMITS, writtenSize } from './sql-size.js';
import { NotTranslatable, type SqlTranslation, type SqlValue } from './sql-value.js';

/** A field's column as the caller's table has it (for formula fields pass the result type). */
export interface SqlColumn {
  column: string;
  type: FieldType;
}

/** How `ruleToSql` maps fields to columns, and the context values (clock, user) to bind. */
export interface RuleToSqlOptions {
  column: (field: string) => SqlColumn | undefined;
  table?: string;
  context?: RuleContext;
  /** Language of issue messages (default en). */
  locale?: Locale;
}

/** Whether a node reads the record; nodes that don't are computed in memory and bound as parameters. */
function readsRecord(node: unknown, inBody: boolean): boolean {
  if (Array.isArray(node)) return node.some((n) => readsRecord(n, inBody));
  const operation = operationOf(node);
  if (!operation) return false;
  const { op } = operation;
  const args = argumentsOf(operation.args);
  if (op === 'changed') return true;
  if (op === 'var' || op === 'missing' || op === 'missing_some')
    return !inBody || args.some((a) => readsRecord(a, inBody));
  if (OPERATORS.get(op)?.iterates)
    return readsRecord(args[0], inBody) || readsRecord(args[1], true) || readsRecord(args[2], inBody);
  return args.some((a) => readsRecord(a, inBody));
}

function literal(value: unknown, path: string): SqlValue {
  const lit = { value };
  if (value === null) return { kind: 'null', sql: sql`NULL`, literal: lit };
  if (typeof value === 'boolean') return { kind: 'bool', sql: sql`CAST(${value} AS boolean)`, literal: lit };
  if (typeof value === 'string') return { kind: 'str', sql: sql`CAST(${value} AS text)`, literal: lit };
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { kind: 'nan', sql: sql`CAST(NULL AS double precision)`, literal: lit };
    if (!Number.isFinite(value))
      return {
        kind: 'num',
        sql: sql`CAST(${value > 0 ? 'Infinity' : '-Infinity'} AS double precision)`,
        literal: lit,
      };
    return { kind: 'num', sql: sql`CAST(${value} AS double precision)`, literal: lit };
  }
  throw new NotTranslatable(path, {
    en: 'Lists and objects cannot be compared in the database.',
    'zh-CN': '数据库中无法比较列表和对象。',
  });
}

class Translation implements SqlTranslation {
  readonly context;
  constructor(private readonly options: RuleToSqlOptions) {
    this.context = resolveContext(options.context);
  }

  column(field: string): { sql: RawBuilder<unknown>; type: FieldType } | undefined {
    const c = this.options.column(field);
    if (!c) return undefined;
    return {
      sql: sql.ref(this.options.table ? `${this.options.table}.${c.column}` : c.column),
      type: c.type,
    };
  }

  value(node: unknown, path: string): SqlValue {
    const v = this.anyValue(node, path);
    if (v.kind === 'json')
      throw new NotTranslatable(path, {
        en: 'In the database, list fields work only with in, contains_any, length, missing, !! and == null.',
        'zh-CN': '在数据库中，列表类字段只能用于 in、contains_any、length、missing、!! 和 == null。',
      });
    return v;
  }

  anyValue(node: unknown, path: string): SqlValue {
    const operation = operationOf(node);
    if (!operation) return literal(node, path);
    if (!readsRecord(node, false)) {
      const compiled = check(node, { path });
      let result: unknown;
      try {
        result = compiled.ok ? compiled.value(undefined, this.options.context) : undefined;
      } catch {
        result = undefined;
      }
      if (result === undefined)
        throw new NotTranslatable(path, {
          en: 'This part of the rule has no value to put in the database filter.',
          'zh-CN': '规则的这一部分没有可放入数据库筛选的值。',
        });
      return literal(result, path);
    }
    const { op } = operation;
    const args = argumentsOf(operation.args);
    const opPath = childPath(path, op);
    if (op === 'var') return this.variable(args, opPath);
    const translate = OPERATORS.get(op)?.sql?.value;
    if (!translate)
      throw new NotTranslatable(path, {
        en: `The operator "${op}" cannot run in the database.`,
        'zh-CN': `运算符「${op}」无法在数据库中执行。`,
      });
    return translate(args, opPath, this);
  }

  condition(node: unknown, path: string): RawBuilder<unknown> {
    const operation = operationOf(node);
    if (operation && readsRecord(node, false)) {
      const translate = OPERATORS.get(operation.op)?.sql?.condition;
      if (translate) return translate(argumentsOf(operation.args), childPath(path, operation.op), this);
    }
    return truthy(this.anyValue(node, path));
  }

  private variable(args: unknown[], path: string): SqlValue {
    const [key, fallback] = args;
    if (args.length > 1 && fallback !== null)
      throw new NotTranslatable(path, {
        en: 'A default value cannot run in the database: it cannot tell a missing field from an empty one.',
        'zh-CN': '默认值无法在数据库中执行：数据库无法区分缺失字段和空字段。',
      });
    if (typeof key !== 'string' || key === '' || key.includes('.'))
      throw new NotTranslatable(path, {
        en: 'In the database, var reads one field named in the rule.',
        'zh-CN': '在数据库中，var 只能读取规则中写明的单个字段。',
      });
    const column = this.column(key);
    if (!column)
      throw new NotTranslatable(
        path,
        { en: `Unknown field "${key}".`, 'zh-CN': `未知字段「${key}」。` },
        'UNKNOWN_FIELD',
      );
    const ref = column.sql;
    const type = column.type;
    // How SQL reads the column: the field type's `sql` kind in the schema's field-type table.
    switch (FIELD_TYPE_TABLE[type].sql) {
      case 'text':
        return { kind: 'str', sql: ref };
      case 'number':
        return { kind: 'num', sql: ref };
      case 'money':
        return { kind: 'num', sql: float(ref) };
      case 'boolean':
        return { kind: 'bool', sql: ref };
      case 'json':
        return { kind: 'json', sql: ref };
      case 'date':
        return {
          kind: 'str',
          sql: sql`to_char(${ref}, 'YYYY-MM-DD')`,
          temporal: { type: 'date', column: ref },
        };
      case 'datetime':
        return {
          kind: 'str',
          sql: sql`to_char(${ref} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
          temporal: { type: 'datetime', column: ref },
        };
      case null:
        break;
    }
    throw new NotTranslatable(path, {
      en: `Fields of type ${type} cannot be filtered in the database yet.`,
      'zh-CN': `暂不支持在数据库中筛选 ${type} 类型的字段。`,
    });
  }
}

/**
 * Translates a rule over an entity's fields into a kysely boolean expression with the same meaning as
 * in-memory evaluation (JSON Logic truthiness, loose ==, null and missing fields). Parts that do not
 * read the record (literals, `today`, `now`, the user) are computed in memory and bound as
 * parameters; anything that cannot be translated faithfully is refused with RULE_NOT_TRANSLATABLE.
 */
export function ruleToSql(rule: unknown, options: RuleToSqlOptions): Result<Expression<SqlBool>> {
  const issues = validateRule(rule, '', options.locale ?? 'en');
  if (issues.length > 0) return { ok: false, issues };
  try {
    const t = new Translation(options);
    const expression = t.condition(rule, '') as RawBuilder<SqlBool>;
    const size = writtenSize(expression);
    if (size.characters > SQL_LIMITS.characters || size.parameters > SQL_LIMITS.parameters)
      return {
        ok: false,
        issues: [localizedIssue('RULE_LIMIT_EXCEEDED', '', MESSAGES.sqlTooLarge(), options.locale ?? 'en')],
      };
    return { ok: true, value: expression };
  } catch (error) {
    if (error instanceof NotTranslatable) return { ok: false, issues: [error.issue(options.locale ?? 'en')] };
    throw error;
  }
}
