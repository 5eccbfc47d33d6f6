/**
 * The metrics executor: a plan from @stagecraft/engine → one SQL query against the entity's table,
 * with the actor's record scope and soft delete applied inside the query (the same predicate as
 * the records list), so a rep's dashboard only counts what the rep may open.
 */
import {
  type AggregatePlan,
  type DwellPlan,
  type ForecastPlan,
  type FunnelPlan,
  type MetricsPlan,
  type MetricsResult,
  withConversion,
} from '@stagecraft/engine';
import { type Issue, issue } from '@stagecraft/schema';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Actor, Result } from '../contract.js';
import type { Db } from '../db.js';
import { MESSAGES } from '../messages.js';
import { columnOf, type EntityContext, loadEntityContext } from '../record/entity-context.js';
import { and, readConditions } from '../record/record-query.js';
import {
  type ForecastSnapshotInput,
  type ForecastSnapshotRow,
  readSnapshots,
  type SnapshotQuery,
  storeSnapshotRows,
  takeSnapshot,
} from './forecast-snapshots.js';
import { funnelSql } from './funnel-sql.js';
import {
  baseRows,
  bucketName,
  column,
  dimensionSql,
  formatTimeBuckets,
  groupBy,
  measureSql,
  toRows,
} from './metrics-sql.js';
import { pivotSql } from './pivot-sql.js';

/** Runs metrics plans for an actor; every query is confined to the actor's record scope. */
export interface MetricsRepository {
  run(actor: Actor, appId: string, plan: MetricsPlan, now: string): Promise<Result<MetricsResult>>;
  /**
   * Stores the forecast (planned with `byOwner`) as it stands `now` as the snapshot of forecast
   * `forecastId` for the day in the plan's zone, replacing one taken earlier that day. Admin only.
   */
  takeForecastSnapshot(
    actor: Actor,
    appId: string,
    forecastId: string,
    plan: ForecastPlan,
    now: string,
  ): Promise<Result<{ takenOn: string; rows: number }>>;
  /** Stores past snapshot rows of forecasts over `entity` as given (demo history). Admin only. */
  storeForecastSnapshots(
    actor: Actor,
    appId: string,
    entity: string,
    rows: ForecastSnapshotInput[],
  ): Promise<Result<number>>;
  /** Stored snapshot rows of a forecast over `entity`, restricted to the reps the actor may see. */
  forecastSnapshots(
    actor: Actor,
    appId: string,
    entity: string,
    query: SnapshotQuery,
  ): Promise<Result<ForecastSnapshotRow[]>>;
}

type Built =
  | {
      ok: true;
      query: RawBuilder<Record<string, unknown>>;
      numeric: Set<string>;
      post?: (rows: MetricsResult['rows']) => MetricsResult;
    }
  | { ok: false; issues: Issue[] };

function orderAndLimit(plan: AggregatePlan): RawBuilder<unknown> {
  const keys = plan.sort.map(
    (s) => sql`${sql.id(s.by)} ${sql.raw(s.direction === 'desc' ? 'desc' : 'asc')} nulls last`,
  );
  for (const d of plan.dimensions) keys.push(sql`${sql.id(d.id)} asc nulls last`);
  const order = keys.length ? sql`order by ${sql.join(keys)}` : sql``;
  return plan.limit ? sql`${order} limit ${sql.lit(Math.trunc(plan.limit))}` : order;
}

function buildAggregate(ctx: EntityContext, actor: Actor, plan: AggregatePlan, now: string): Built {
  const issues: Issue[] = [];
  const extra: Expression<SqlBool>[] = [];
  let current: RawBuilder<unknown> | undefined;
  let previous: RawBuilder<unknown> | undefined;
  if (plan.compare) {
    const { ref } = column(ctx, plan.compare.field, '/options/periodField', issues);
    const unit = sql.lit(bucketName(plan.compare.period));
    const local = sql`date_trunc(${unit}, ${plan.compare.now}::timestamptz at time zone ${plan.timeZone})`;
    const step = sql`${sql.lit(`1 ${plan.compare.period}`)}::interval`;
    const [start, end, prev] = plan.compare.dateOnly
      ? [sql`(${local})::date`, sql`(${local} + ${step})::date`, sql`(${local} - ${step})::date`]
      : [
          sql`(${local} at time zone ${plan.timeZone})`,
          sql`((${local} + ${step}) at time zone ${plan.timeZone})`,
          sql`((${local} - ${step}) at time zone ${plan.timeZone})`,
        ];
    current = sql`${ref} >= ${start} and ${ref} < ${end}`;
    previous = sql`${ref} >= ${prev} and ${ref} < ${start}`;
    const col = columnOf(ctx, plan.compare.field);
    // Rows before the previous period can never count: let an index on the date skip them.
    if (col) extra.push(sql<SqlBool>`${sql.id(col.column)} >= ${prev}`);
  }
  const base = baseRows(ctx, actor, plan.filter, { now, timeZone: plan.timeZone }, extra);
  if (!base.ok) return base;
  if (plan.totals) {
    const pivot = pivotSql(ctx, plan, base.sql, issues);
    return issues.length ? { ok: false, issues } : { ok: true, ...pivot };
  }
  const dims = dimensionSql(ctx, plan.dimensions, plan.timeZone, issues, true);
  const measures = measureSql(ctx, plan.measures, issues, current);
  const prevMeasures = previous ? measureSql(ctx, plan.measures, issues, previous) : undefined;
  if (issues.length) return { ok: false, issues };
  const selects = [
    ...dims.selects,
    ...[...measures].map(([id, expr]) => sql`${expr} as ${sql.id(id)}`),
    ...[...(prevMeasures ?? [])].map(([id, expr]) => sql`${expr} as ${sql.id(`previous:${id}`)}`),
  ];
  const numeric = new Set([
    ...measures.keys(),
    ...[...(prevMeasures?.keys() ?? [])].map((k) => `previous:${k}`),
  ]);
  const grouped = sql`select ${sql.join(selects)} from (${base.sql}) b ${sql.join(dims.joins, sql` `)}
    ${groupBy(dims.selects.length)}`;
  const query = plan.dimensions.some((d) => d.kind === 'time')
    ? sql<Record<string, unknown>>`select ${formatTimeBuckets(plan.dimensions, [
        ...plan.dimensions.map((d) => d.id),
        ...numeric,
      ])} from (${grouped}) g ${orderAndLimit(plan)}`
    : sql<Record<string, unknown>>`${grouped} ${orderAndLimit(plan)}`;
  if (!prevMeasures) return { ok: true, query, numeric };
  return {
    ok: true,
    query,
    numeric,
    post: (rows) => {
      const row = rows[0] ?? {};
      const cur: MetricsResult['rows'][number] = {};
      const prev: MetricsResult['rows'][number] = {};
      for (const [k, v] of Object.entries(row)) {
        if (k.startsWith('previous:')) prev[k.slice(9)] = v;
        else cur[k] = v;
      }
      return { rows: [cur], previous: prev };
    },
  };
}

const historyOf = (ctx: EntityContext) => sql`h.app_no = ${ctx.appNo} and h.entity_id = ${ctx.entity.id}`;

function buildFunnel(ctx: EntityContext, actor: Actor, plan: FunnelPlan, now: string): Built {
  const issues: Issue[] = [];
  const base = baseRows(ctx, actor, plan.filter, { now, timeZone: plan.timeZone });
  if (!base.ok) return base;
  const query = funnelSql(ctx, plan, base.sql, issues);
  if (issues.length) return { ok: false, issues };
  const ids = plan.measures.map((m) => m.id);
  const dimIds = plan.dimensions.map((d) => d.id);
  const numeric = new Set(plan.steps.flatMap((_, k) => ids.map((id) => `${id}@${k}`)));
  return {
    ok: true,
    query,
    numeric,
    post: (rows) => {
      // One row per group and step, as the chart and the conversion want them.
      const steps = rows.flatMap((row) =>
        plan.steps.map((stage, k) => ({
          ...Object.fromEntries(dimIds.map((d) => [d, row[d] ?? null])),
          stage,
          ...Object.fromEntries(ids.map((id) => [id, row[`${id}@${k}`] ?? null])),
        })),
      );
      return { rows: ids.length ? withConversion(plan.steps, dimIds, ids, steps) : steps };
    },
  };
}

function buildDwell(ctx: EntityContext, actor: Actor, plan: DwellPlan, now: string): Built {
  const issues: Issue[] = [];
  const base = baseRows(ctx, actor, plan.filter, { now, timeZone: plan.timeZone });
  if (!base.ok) return base;
  const dims = dimensionSql(ctx, plan.dimensions, plan.timeZone, issues);
  if (issues.length) return { ok: false, issues };
  const current = plan.includeCurrent
    ? sql`union all select base.*, base.stage, extract(epoch from (${plan.now}::timestamptz - base.stage_entered_at)) / 3600.0
        from base where base.stage_entered_at is not null`
    : sql``;
  const stat =
    plan.statistic === 'median'
      ? sql`percentile_cont(0.5) within group (order by b._hours)`
      : sql`${sql.raw(plan.statistic)}(b._hours)`;
  const steps = sql`(${sql.join(plan.steps.map((s) => sql`${s}`))})`;
  const query = sql<Record<string, unknown>>`with base as (${base.sql}),
    stays as (
      select base.*, h.from_stage as _step, h.dwell_ms / 3600000.0 as _hours
      from stage_history h join base on base.id = h.record_id
      where ${historyOf(ctx)} and h.from_stage is not null and h.dwell_ms is not null
      ${current})
    select b._step as stage, ${sql.join([...dims.selects, sql`count(*)::float8 as stays`, sql`(${stat})::float8 as hours`])}
    from stays b ${sql.join(dims.joins, sql` `)}
    where b._step in ${steps}
    ${groupBy(dims.selects.length + 1)} order by 1`;
  const order = new Map(plan.steps.map((s, k) => [s, k]));
  return {
    ok: true,
    query,
    numeric: new Set(['stays', 'hours']),
    // Steps in the machine's order, not alphabetical.
    post: (rows) => ({
      rows: [...rows].sort((a, b) => (order.get(String(a.stage)) ?? 0) - (order.get(String(b.stage)) ?? 0)),
    }),
  };
}

function buildForecast(ctx: EntityContext, actor: Actor, plan: ForecastPlan, now: string): Built {
  const issues: Issue[] = [];
  const base = baseRows(ctx, actor, plan.filter, { now, timeZone: plan.timeZone });
  if (!base.ok) return base;
  const amount = column(ctx, plan.amountField, '/amountField', issues).ref;
  const close = column(ctx, plan.closeDate.field, '/closeDateField', issues).ref;
  const factors: RawBuilder<unknown>[] = [];
  for (const [k, f] of plan.factors.entries()) {
    const cond = readConditions(ctx, actor, {
      filter: f.rule,
      ruleContext: { now, timeZone: plan.timeZone },
    });
    if (!cond.ok)
      issues.push(
        ...cond.issues.map((i) => ({ ...i, path: `/factors/${k}/rule${i.path.replace(/^\/filter/, '')}` })),
      );
    else factors.push(sql`case when ${and(cond.where.slice(1))} then ${f.multiplier}::float8 else 1 end`);
  }
  if (issues.length) return { ok: false, issues };
  const caseOf = (pick: (s: ForecastPlan['stages'][number]) => unknown, cast: string) =>
    plan.stages.length
      ? sql`case b.stage ${sql.join(
          plan.stages.map((s) => sql`when ${s.id} then ${pick(s)}::${sql.raw(cast)}`),
          sql` `,
        )} end`
      : sql`null`;
  const probability = sql`least(1, ${sql.join([caseOf((s) => s.probability, 'float8'), ...factors], sql` * `)})`;
  const local = plan.closeDate.dateOnly ? close : sql`(${close} at time zone ${plan.timeZone})`;
  const selects = [
    sql`to_char(date_trunc(${sql.lit(bucketName(plan.closeDate.bucket))}, ${local}), 'YYYY-MM-DD') as period`,
    sql`${caseOf((s) => s.forecastCategory, 'text')} as category`,
    ...(plan.byOwner ? [sql`b.owner_id as owner`] : []),
    sql`count(*)::float8 as deals`,
    sql`coalesce(sum(${amount}), 0)::float8 as amount`,
    sql`coalesce(sum(${amount} * ${probability}), 0)::float8 as weighted`,
  ];
  const query = sql<Record<string, unknown>>`select ${sql.join(selects)} from (${base.sql}) b
    ${groupBy(plan.byOwner ? 3 : 2)} order by 1, 2`;
  return { ok: true, query, numeric: new Set(['deals', 'amount', 'weighted']) };
}

/** Executor settings. */
export interface MetricsOptions {
  /**
   * `work_mem` for each metrics query (e.g. `64MB`), set with SET LOCAL in the query's own
   * transaction so large groupings need not spill to disk; default: the server's setting.
   */
  workMem?: string;
}

/** Builds the repository over a database. */
export function createMetricsRepository(db: Db, options: MetricsOptions = {}): MetricsRepository {
  const workMem = options.workMem;
  if (workMem !== undefined && !/^\d{1,6}(kB|MB|GB)$/.test(workMem))
    throw new Error(`Bad workMem ${workMem}`);
  return {
    async takeForecastSnapshot(actor, appId, forecastId, plan, now) {
      const ctx = await loadEntityContext(db, actor, appId, plan.entity);
      if (!ctx.ok) return ctx;
      const built = buildForecast(ctx.value, actor, { ...plan, byOwner: true }, now);
      if (!built.ok) return built;
      return takeSnapshot(db, ctx.value, actor, {
        forecast: forecastId,
        now,
        timeZone: plan.timeZone,
        forecastQuery: built.query,
      });
    },
    async storeForecastSnapshots(actor, appId, entity, rows) {
      const ctx = await loadEntityContext(db, actor, appId, entity);
      if (!ctx.ok) return ctx;
      return storeSnapshotRows(db, ctx.value, actor, rows);
    },
    async forecastSnapshots(actor, appId, entity, query) {
      const ctx = await loadEntityContext(db, actor, appId, entity);
      if (!ctx.ok) return ctx;
      if (!ctx.value.permission.read)
        return { ok: false, issues: [issue('FORBIDDEN', '/entity', MESSAGES.forbidden('read'))] };
      return readSnapshots(db, ctx.value, actor, query);
    },
    async run(actor, appId, plan, now) {
      const ctx = await loadEntityContext(db, actor, appId, plan.entity);
      if (!ctx.ok) return ctx;
      if (!ctx.value.permission.read)
        return { ok: false, issues: [issue('FORBIDDEN', '/entity', MESSAGES.forbidden('read'))] };
      const built =
        plan.kind === 'aggregate'
          ? buildAggregate(ctx.value, actor, plan, now)
          : plan.kind === 'funnel'
            ? buildFunnel(ctx.value, actor, plan, now)
            : plan.kind === 'dwell'
              ? buildDwell(ctx.value, actor, plan, now)
              : buildForecast(ctx.value, actor, plan, now);
      if (!built.ok) return built;
      const { rows } = workMem
        ? await db.transaction().execute(async (trx) => {
            await sql`set local work_mem = ${sql.lit(workMem)}`.execute(trx);
            return built.query.execute(trx);
          })
        : await built.query.execute(db);
      const mapped = toRows(rows, built.numeric);
      return { ok: true, value: built.post ? built.post(mapped) : { rows: mapped } };
    },
  };
}
