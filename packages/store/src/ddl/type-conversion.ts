import type { Field } from '@stagecraft/schema';
import { type RawBuilder, sql } from 'kysely';
import { columnType, valueType } from './column-types.js';

/**
 * How a column changes type when a field's type changes: the `USING` expression, and a predicate
 * that picks the stored values that would not convert (checked with a SELECT before anything
 * changes). A change with no faithful conversion is allowed only while the column holds no values.
 */
export interface Conversion {
  /** `ALTER COLUMN … TYPE … USING <using>`; never carries parameters (DDL takes none). */
  using: RawBuilder<unknown>;
  /** Values (non-null) for which this is true cannot be converted; `null` means all convert. */
  invalid: RawBuilder<boolean> | null;
  /** Human summary for messages: e.g. `number → currency`. */
  label: string;
}

const NUMBER = String.raw`^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$`;
const MONEY = String.raw`^\s*[-+]?\d{1,18}(\.\d{1,2})?\s*$`;
const FREE_TEXT = new Set(['text', 'long_text']);

function optionIds(field: Field): string[] | null {
  return field.type === 'single_select' || field.type === 'multi_select'
    ? field.options.map((o) => o.id)
    : null;
}

function notIn(value: RawBuilder<unknown>, ids: string[]): RawBuilder<boolean> {
  return sql<boolean>`${value} not in (${sql.join(ids)})`;
}

/**
 * The conversion from one definition of a field to another, or `undefined` when the column stays
 * as it is (same column type and no narrower value set).
 */
export function conversionBetween(from: Field, to: Field, column: string): Conversion | undefined {
  const col = sql.id(column);
  const fromType = valueType(from);
  const toType = valueType(to);
  const fromCol = columnType(from);
  const toCol = columnType(to);
  const label = `${fromType} → ${toType}`;
  const allInvalid = sql<boolean>`true`;
  const keep = (invalid: RawBuilder<boolean> | null = null): Conversion => ({
    using: sql`${col}`,
    invalid,
    label,
  });
  const cast = (using: RawBuilder<unknown>, invalid: RawBuilder<boolean> | null = null): Conversion => ({
    using,
    invalid,
    label,
  });
  const toSqlType = sql.raw(toCol);

  if (fromCol === toCol) {
    if (fromType === toType) {
      if (
        toType === 'reference' &&
        from.type === 'reference' &&
        to.type === 'reference' &&
        from.entity !== to.entity
      )
        return keep(allInvalid);
      if (toType === 'single_select' || toType === 'multi_select') {
        // Options removed from a select: values already stored stay valid data; nothing to convert.
        return undefined;
      }
      return undefined;
    }
    if (toCol === 'text') {
      if (FREE_TEXT.has(toType) || toType === 'auto_number') return undefined;
      const ids = optionIds(to);
      if (ids) return keep(notIn(col, ids));
      if (['phone', 'email', 'url'].includes(toType) && FREE_TEXT.has(fromType)) return keep(allInvalid);
      if (['phone', 'email', 'url'].includes(toType)) return undefined;
      return keep(allInvalid); // reference/user/org_unit ids cannot be conjured from other text
    }
    if (toCol === 'double precision') return undefined; // number ↔ percent
    if (toCol === 'jsonb') {
      const same = (a: string, b: string) =>
        (fromType === a && toType === b) || (fromType === b && toType === a);
      if (same('attachment', 'image')) return undefined;
      return keep(allInvalid);
    }
    return undefined;
  }

  if (toCol === 'text') {
    const text =
      fromCol === 'timestamptz'
        ? sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
        : fromCol === 'jsonb'
          ? sql`${col}::text`
          : sql`${col}::text`;
    if (FREE_TEXT.has(toType)) return cast(text);
    const ids = optionIds(to);
    if (ids && fromCol !== 'jsonb') return cast(text, notIn(sql`${col}::text`, ids));
    return cast(sql`null::text`, allInvalid);
  }
  if (toCol === 'double precision') {
    if (fromCol === 'numeric(20,2)') return cast(sql`${col}::double precision`);
    if (fromCol === 'text')
      return cast(sql`trim(${col})::double precision`, sql<boolean>`${col} !~ ${sql.lit(NUMBER)}`);
  }
  if (toCol === 'numeric(20,2)') {
    if (fromCol === 'double precision')
      return cast(
        sql`${col}::numeric(20,2)`,
        sql<boolean>`(abs(${col}) >= 1e18 or ${col}::numeric <> round(${col}::numeric, 2))`,
      );
    if (fromCol === 'text')
      return cast(sql`trim(${col})::numeric(20,2)`, sql<boolean>`${col} !~ ${sql.lit(MONEY)}`);
  }
  if (toCol === 'timestamptz' && fromCol === 'date') return cast(sql`(${col}::timestamp at time zone 'UTC')`);
  if (toCol === 'date' && fromCol === 'timestamptz')
    return cast(
      sql`(${col} at time zone 'UTC')::date`,
      sql<boolean>`(${col} at time zone 'UTC') <> date_trunc('day', ${col} at time zone 'UTC')`,
    );
  if (toCol === 'boolean' && fromCol === 'text')
    return cast(
      sql`lower(trim(${col}))::boolean`,
      sql<boolean>`lower(trim(${col})) not in ('true', 'false')`,
    );
  if (toType === 'multi_select' && fromCol === 'text') {
    const ids = optionIds(to) ?? [];
    return cast(sql`jsonb_build_array(${col})`, notIn(col, ids));
  }
  return cast(sql`null::${toSqlType}`, allInvalid);
}
