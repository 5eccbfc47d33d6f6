/**
 * SQL pieces shared by every metrics query: the scoped base rows of an entity, dimension and
 * measure expressions over them (alias `b`), and the org-tree joins an org-level dimension needs.
 * Identifiers come only from the published definition (checked by columnOf); values are bound.
 */
import type { PlannedDimension, PlannedMeasure } from '@stagecraft/engine';
import { type Issue, issue, NUMERIC_FIELD_TYPES } from '@stagecraft/schema';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../contract.js';
import { MESSAGES } from '../messages.js';
import { columnOf, type EntityContext } from '../record/entity-context.js';
import { and, readConditions } from '../record/record-query.js';

const NUMERIC = new Set<string>([...NUMERIC_FIELD_TYPES, 'version']);

/** The scoped, filtered rows of the entity as a sub-select, or issues from the filter. */
export function baseRows(
  ctx: EntityContext,
  actor: Actor,
  filter: unknown,
  ruleContext: { now: string; timeZone: string },
  extra: Expression<SqlBool>[] = [],
): { ok: true; sql: RawBuilder<unknown> } | { ok: false; issues: Issue[] } {
  const conditions = readConditions(ctx, actor, { filter, ruleContext });
  if (!conditions.ok) return conditions;
  return {
    ok: true,
    sql: sql`select * from ${sql.id(ctx.table)} where ${and([...conditions.where, ...extra])}`,
  };
}

/** A field's column on alias `b`, or an UNKNOWN_FIELD issue at `path`. */
export function column(
  ctx: EntityContext,
  field: string,
  path: string,
  issues: Issue[],
): { ref: RawBuilder<unknown>; type: string } {
  const col = columnOf(ctx, field);
  if (!col) {
    issues.push(issue('UNKNOWN_FIELD', path, MESSAGES.unknownField(field)));
    return { ref: sql`null`, type: 'text' };
  }
  return { ref: sql`b.${sql.id(col.column)}`, type: col.type };
}

/**
 * The select expression of each dimension (aliased by its id, and bare) and the joins they need
 * (org units by level). With
 * `rawTime` a time bucket stays the bare `date_trunc(…)` (the expression the planner statistics of
 * `metrics-statistics.ts` describe, so it can estimate the groups); wrap the grouped query with
 * `formatTimeBuckets` to return it as `YYYY-MM-DD`.
 */
export function dimensionSql(
  ctx: EntityContext,
  dims: readonly PlannedDimension[],
  timeZone: string,
  issues: Issue[],
  rawTime = false,
): { selects: RawBuilder<unknown>[]; exprs: RawBuilder<unknown>[]; joins: RawBuilder<unknown>[] } {
  const selects: RawBuilder<unknown>[] = [];
  const exprs: RawBuilder<unknown>[] = [];
  const joins: RawBuilder<unknown>[] = [];
  for (const [k, d] of dims.entries()) {
    const { ref } = column(ctx, d.field, `/dimensions/${k}/field`, issues);
    let expr: RawBuilder<unknown>;
    if (d.kind === 'time') {
      const local = d.dateOnly ? ref : sql`(${ref} at time zone ${timeZone})`;
      const bucket = sql`date_trunc(${sql.lit(bucketName(d.bucket))}, ${local})`;
      expr = rawTime ? bucket : sql`to_char(${bucket}, 'YYYY-MM-DD')`;
    } else if (d.kind === 'org') {
      const org = orgLevelSql(ctx, ref, `o${k}`, d.level);
      joins.push(org.join);
      expr = org.expr;
    } else expr = ref;
    exprs.push(expr);
    selects.push(sql`${expr} as ${sql.id(d.id)}`);
  }
  return { selects, exprs, joins };
}

/** The ancestor at `level` of the org unit in `ref`: the join (as `alias`) and the expression. */
export function orgLevelSql(
  ctx: EntityContext,
  ref: RawBuilder<unknown>,
  alias: string,
  level: number,
): { join: RawBuilder<unknown>; expr: RawBuilder<unknown> } {
  const a = sql.id(alias);
  return {
    join: sql`left join org_units ${a} on ${a}.workspace_id = ${ctx.workspaceId} and ${a}.id = ${ref}`,
    expr: sql`nullif(split_part(${a}.path, '/', ${sql.lit(level + 2)}), '')`,
  };
}

/**
 * Aggregate expressions of the measures; `when` restricts every aggregate (KPI periods) with a
 * FILTER clause. Ratios divide the expressions of their numerator and denominator.
 */
export function measureSql(
  ctx: EntityContext,
  measures: readonly PlannedMeasure[],
  issues: Issue[],
  when?: RawBuilder<unknown>,
): Map<string, RawBuilder<unknown>> {
  const out = new Map<string, RawBuilder<unknown>>();
  const filtered = (agg: RawBuilder<unknown>) => (when ? sql`${agg} filter (where ${when})` : agg);
  for (const [k, m] of measures.entries()) {
    if (m.op === 'ratio') continue;
    if (m.op === 'count' && m.field === undefined) {
      out.set(m.id, sql`${filtered(sql`count(*)`)}::float8`);
      continue;
    }
    const { ref, type } = column(ctx, m.field ?? '', `/measures/${k}/field`, issues);
    const value = type === 'boolean' ? sql`(${ref})::int` : ref;
    if (m.op === 'count') out.set(m.id, sql`${filtered(sql`count(${ref})`)}::float8`);
    else if (m.op === 'count_distinct') out.set(m.id, sql`${filtered(sql`count(distinct ${ref})`)}::float8`);
    else if (m.op === 'sum') out.set(m.id, sql`coalesce(${filtered(sql`sum(${value})`)}, 0)::float8`);
    else if (NUMERIC.has(type) || type === 'boolean')
      out.set(m.id, sql`${filtered(sql`${sql.raw(m.op)}(${value})`)}::float8`);
    else out.set(m.id, sql`${filtered(sql`${sql.raw(m.op)}(${ref})`)}::text`);
  }
  for (const m of measures) {
    if (m.op !== 'ratio') continue;
    const num = out.get(m.numerator ?? '');
    const den = out.get(m.denominator ?? '');
    out.set(m.id, num && den ? sql`(${num})::float8 / nullif((${den})::float8, 0)` : sql`null::float8`);
  }
  return out;
}

/**
 * Selects every column of a grouped query (alias `g`), time buckets formatted as `YYYY-MM-DD`
 * once per group instead of once per row.
 */
export function formatTimeBuckets(
  dims: readonly PlannedDimension[],
  columns: readonly string[],
): RawBuilder<unknown> {
  const time = new Set(dims.filter((d) => d.kind === 'time').map((d) => d.id));
  return sql.join(
    columns.map((c) =>
      time.has(c) ? sql`to_char(g.${sql.id(c)}, 'YYYY-MM-DD') as ${sql.id(c)}` : sql`g.${sql.id(c)}`,
    ),
  );
}

/** Group-by ordinals 1..n. */
export function groupBy(n: number): RawBuilder<unknown> {
  return n ? sql`group by ${sql.raw(Array.from({ length: n }, (_, k) => k + 1).join(', '))}` : sql``;
}

/** Maps result rows: measure keys to numbers (or null), everything else as returned. */
export function toRows(
  rows: Record<string, unknown>[],
  numeric: ReadonlySet<string>,
): Record<string, string | number | null>[] {
  return rows.map((r) => {
    const out: Record<string, string | number | null> = {};
    for (const [key, value] of Object.entries(r)) {
      if (value === null || value === undefined) out[key] = null;
      else if (numeric.has(key))
        out[key] =
          typeof value === 'number' ? value : Number.isNaN(Number(value)) ? String(value) : Number(value);
      else out[key] = value instanceof Date ? value.toISOString() : (value as string | number);
    }
    return out;
  });
}

const BUCKETS = new Set(['day', 'week', 'month', 'quarter', 'year']);
/** A bucket name checked against the list, so it may be inlined as a literal. */
export function bucketName(bucket: string): string {
  if (!BUCKETS.has(bucket)) throw new Error(`Unknown time bucket ${bucket}`);
  return bucket;
}
