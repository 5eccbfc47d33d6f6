/**
 * A pivot's query: the cells (first dimension × second) together with the totals per row, per
 * column and overall, in one pass with GROUPING SETS. The database computes every total from the
 * records, so each is exact for every measure: a distinct count or an average of a row is not the
 * sum of its cells. The dimensions are computed once per record in an inner select (the grouping
 * sets name those columns), and `grouping(…)` tells a total from a cell whose value is null.
 */
import type { AggregatePlan, MetricsResult, MetricsRow } from '@stagecraft/engine';
import type { Issue } from '@stagecraft/schema';
import { type RawBuilder, sql } from 'kysely';
import type { EntityContext } from '../record/entity-context.js';
import { dimensionSql, formatTimeBuckets, measureSql } from './metrics-sql.js';

/** `_level` of a result row: which grouping set it belongs to (bits of the rolled-up dimensions). */
const LEVEL = '_level';

/** The pivot query of an aggregate plan with one or two dimensions, and how to split its rows. */
export function pivotSql(
  ctx: EntityContext,
  plan: AggregatePlan,
  base: RawBuilder<unknown>,
  issues: Issue[],
): {
  query: RawBuilder<Record<string, unknown>>;
  numeric: Set<string>;
  post: (rows: MetricsRow[]) => MetricsResult;
} {
  const dims = plan.dimensions;
  const { exprs, joins } = dimensionSql(ctx, dims, plan.timeZone, issues, true);
  const keys = dims.map((_, k) => sql.id(`_d${k}`));
  const inner = sql`select b.*, ${sql.join(exprs.map((e, k) => sql`${e} as ${keys[k]}`))}
    from (${base}) b ${sql.join(joins, sql` `)}`;
  const cols = keys.map((k) => sql`b.${k}`);
  const [c0, c1] = cols;
  const sets = c1 === undefined ? sql`(${c0}), ()` : sql`(${c0}, ${c1}), (${c0}), (${c1}), ()`;
  const measures = measureSql(ctx, plan.measures, issues);
  const grouped = sql`select ${sql.join([
    ...dims.map((d, k) => sql`b.${keys[k]} as ${sql.id(d.id)}`),
    ...[...measures].map(([id, expr]) => sql`${expr} as ${sql.id(id)}`),
    sql`grouping(${sql.join(cols)})::int as ${sql.id(LEVEL)}`,
  ])} from (${inner}) b group by grouping sets (${sets})`;
  const order = [
    sql`${sql.id(LEVEL)} asc`,
    ...plan.sort.map(
      (s) => sql`${sql.id(s.by)} ${sql.raw(s.direction === 'desc' ? 'desc' : 'asc')} nulls last`,
    ),
    ...dims.map((d) => sql`${sql.id(d.id)} asc nulls last`),
  ];
  const columns = [...dims.map((d) => d.id), ...measures.keys(), LEVEL];
  const query = sql<Record<string, unknown>>`select ${formatTimeBuckets(dims, columns)}
    from (${grouped}) g order by ${sql.join(order)}`;
  return {
    query,
    numeric: new Set([...measures.keys(), LEVEL]),
    post: (rows) => split(plan, rows),
  };
}

/**
 * Cells, row totals (rolled up over the second dimension), column totals (over the first) and the
 * grand total. `limit` keeps the first rows of the pivot (in the plan's order); the totals still
 * count every record, also those of the rows past the limit.
 */
function split(plan: AggregatePlan, rows: MetricsRow[]): MetricsResult {
  const two = plan.dimensions.length === 2;
  const at = (level: number): MetricsRow[] =>
    rows.filter((r) => r[LEVEL] === level).map(({ [LEVEL]: _, ...rest }) => rest);
  const [d0, d1] = plan.dimensions;
  const all = at(two ? 3 : 1)[0] ?? {};
  let cells = at(0);
  let byRow = two ? at(1) : [];
  const byColumn = two ? at(2).map((r) => without(r, d0?.id)) : [];
  byRow = byRow.map((r) => without(r, d1?.id));
  if (plan.limit) {
    if (two) {
      byRow = byRow.slice(0, plan.limit);
      const kept = new Set(byRow.map((r) => r[d0?.id ?? '']));
      cells = cells.filter((c) => kept.has(c[d0?.id ?? '']));
    } else cells = cells.slice(0, plan.limit);
  }
  return { rows: cells, totals: { byRow, byColumn, all: without(all, d0?.id, d1?.id) } };
}

/** A total row without the dimensions it rolls up (null there, by GROUPING SETS). */
function without(row: MetricsRow, ...ids: (string | undefined)[]): MetricsRow {
  const out = { ...row };
  for (const id of ids) if (id !== undefined) delete out[id];
  return out;
}
