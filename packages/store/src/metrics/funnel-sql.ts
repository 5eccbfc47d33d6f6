/**
 * The funnel query. A record reached a step as `reachedSql` says (the same condition the records
 * list's `reachedStage` applies, so a step opens exactly the records it counts): the initial
 * stage, a move into the step (the `_stages_reached` column, kept by a trigger on the stage
 * history in the same transaction as every move), or the step it sits in now. The query is one
 * pass over the entity table in two levels: the scoped rows are first grouped by the dimensions
 * (an org level by the raw org-unit column; the tree is joined to the groups afterwards), the
 * current stage and the reached stages (a few hundred groups out of a million rows, in parallel
 * workers), with partial aggregates; only then are the measures re-aggregated per step with one
 * FILTER each over the groups that reached it. A distinct count keeps its column in the first
 * grouping, so it stays exact.
 */
import type { FunnelPlan, PlannedMeasure } from '@stagecraft/engine';
import { type Issue, NUMERIC_FIELD_TYPES } from '@stagecraft/schema';
import { type RawBuilder, sql } from 'kysely';
import type { EntityContext } from '../record/entity-context.js';
import { reachedSql, STAGES_REACHED_COLUMN } from '../stage/stages-reached.js';
import { column, dimensionSql, groupBy, orgLevelSql } from './metrics-sql.js';

const NUMERIC = new Set<string>([...NUMERIC_FIELD_TYPES, 'version', 'boolean']);

interface Partial {
  /** Inner select items (over alias `b`). */
  inner: RawBuilder<unknown>[];
  /** Inner group-by items beyond the dimensions (distinct counts). */
  keys: RawBuilder<unknown>[];
  /** Outer aggregate over alias `g`, restricted by `when`. */
  outer: (when: RawBuilder<unknown>) => RawBuilder<unknown>;
}

function partial(ctx: EntityContext, m: PlannedMeasure, k: number, issues: Issue[]): Partial {
  const p = sql.id(`_p${k}`);
  const n = sql.id(`_p${k}n`);
  if (m.op === 'count' && m.field === undefined)
    return {
      inner: [sql`count(*) as ${p}`],
      keys: [],
      outer: (w) => sql`coalesce(sum(g.${p}) filter (where ${w}), 0)::float8`,
    };
  const { ref, type } = column(ctx, m.field ?? '', `/measures/${k}/field`, issues);
  const value = type === 'boolean' ? sql`(${ref})::int` : ref;
  switch (m.op) {
    case 'count':
      return {
        inner: [sql`count(${ref}) as ${p}`],
        keys: [],
        outer: (w) => sql`coalesce(sum(g.${p}) filter (where ${w}), 0)::float8`,
      };
    case 'count_distinct':
      return {
        inner: [sql`${ref} as ${p}`],
        keys: [ref],
        outer: (w) => sql`count(distinct g.${p}) filter (where ${w})::float8`,
      };
    case 'sum':
      return {
        inner: [sql`sum(${value}) as ${p}`],
        keys: [],
        outer: (w) => sql`coalesce(sum(g.${p}) filter (where ${w}), 0)::float8`,
      };
    case 'avg':
      return {
        inner: [sql`sum(${value}) as ${p}`, sql`count(${value}) as ${n}`],
        keys: [],
        outer: (w) =>
          sql`(sum(g.${p}) filter (where ${w}))::float8 / nullif(sum(g.${n}) filter (where ${w}), 0)::float8`,
      };
    default: {
      const op = sql.raw(m.op === 'min' ? 'min' : 'max');
      const cast = sql.raw(NUMERIC.has(type) ? 'float8' : 'text');
      return {
        inner: [sql`${op}(${value}) as ${p}`],
        keys: [],
        outer: (w) => sql`(${op}(g.${p}) filter (where ${w}))::${cast}`,
      };
    }
  }
}

/** The funnel's SQL over the scoped rows `base` (alias `b`): one row per group, `<measure>@<step>`. */
export function funnelSql(
  ctx: EntityContext,
  plan: FunnelPlan,
  base: RawBuilder<unknown>,
  issues: Issue[],
): RawBuilder<Record<string, unknown>> {
  // Org levels are resolved after the first grouping (on its few rows, not on every record):
  // the first level groups by the raw org-unit column, the second joins the tree.
  const inner: RawBuilder<unknown>[] = [];
  const outerDims: RawBuilder<unknown>[] = [];
  const orgJoins: RawBuilder<unknown>[] = [];
  for (const [k, d] of plan.dimensions.entries()) {
    const key = sql.id(`_d${k}`);
    if (d.kind === 'org') {
      const { ref } = column(ctx, d.field, `/dimensions/${k}/field`, issues);
      inner.push(sql`${ref} as ${key}`);
      const org = orgLevelSql(ctx, sql`g.${key}`, `o${k}`, d.level);
      orgJoins.push(org.join);
      outerDims.push(sql`${org.expr} as ${sql.id(d.id)}`);
    } else {
      // A time bucket stays the bare date_trunc (planner statistics match it), formatted per group.
      const [expr] = dimensionSql(ctx, [d], plan.timeZone, issues, true).selects;
      inner.push(sql`${expr ?? sql`null`}`);
      outerDims.push(
        d.kind === 'time'
          ? sql`to_char(g.${sql.id(d.id)}, 'YYYY-MM-DD') as ${sql.id(d.id)}`
          : sql`g.${sql.id(d.id)}`,
      );
    }
  }
  const parts = new Map<string, Partial>();
  for (const [k, m] of plan.measures.entries())
    if (m.op !== 'ratio') parts.set(m.id, partial(ctx, m, k, issues));
  const reached = sql.id(STAGES_REACHED_COLUMN);
  inner.push(
    sql`b.stage as _stage`,
    sql`b.${reached} as _moved`,
    ...[...parts.values()].flatMap((p) => p.inner),
  );
  const keys = [...parts.values()].flatMap((p) => p.keys);
  // Group keys: dimensions by ordinal, then the stage, the reached stages and distinct columns.
  const innerGroup = sql`${groupBy(plan.dimensions.length + 2)}${keys.length ? sql`, ${sql.join(keys)}` : sql``}`;
  const grouped = { stage: sql`g._stage`, reached: sql`g._moved` };
  const outer: RawBuilder<unknown>[] = [...outerDims];
  for (const [k, step] of plan.steps.entries()) {
    const when = reachedSql(step, plan.initialStage, grouped);
    const values = new Map<string, RawBuilder<unknown>>();
    for (const [id, p] of parts) values.set(id, p.outer(when));
    for (const m of plan.measures) {
      if (m.op !== 'ratio') continue;
      const num = values.get(m.numerator ?? '');
      const den = values.get(m.denominator ?? '');
      values.set(m.id, num && den ? sql`(${num})::float8 / nullif((${den})::float8, 0)` : sql`null::float8`);
    }
    for (const m of plan.measures)
      outer.push(sql`${values.get(m.id) ?? sql`null`} as ${sql.id(`${m.id}@${k}`)}`);
  }
  return sql<Record<string, unknown>>`select ${sql.join(outer)}
    from (select ${sql.join(inner)} from (${base}) b ${innerGroup}) g ${sql.join(orgJoins, sql` `)}
    ${groupBy(plan.dimensions.length)}`;
}
