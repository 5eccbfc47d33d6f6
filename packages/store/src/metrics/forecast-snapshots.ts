/**
 * Forecast snapshots in `forecast_snapshots`: taking one stores the weighted pipeline of a
 * forecast (per close period, rep and category) as it stands now, in one INSERT … SELECT of the
 * forecast query, replacing what was taken earlier the same day (workspace zone). Reading them
 * applies the record scope of the forecast's entity to the rep a row belongs to: a rep reads their
 * own rows, a manager those of the reps in their org subtree, an admin all of them.
 */
import { type Issue, issue } from '@stagecraft/schema';
import { type RawBuilder, sql } from 'kysely';
import type { Actor, Result } from '../contract.js';
import type { Db } from '../db.js';
import { MESSAGES } from '../messages.js';
import { type EntityContext, scopePredicate } from '../record/entity-context.js';

/** One stored row of a snapshot. */
export interface ForecastSnapshotRow {
  forecast: string;
  /** The day the snapshot was taken, `YYYY-MM-DD` in the workspace zone. */
  takenOn: string;
  takenAt: string;
  /** First day of the close period, `YYYY-MM-DD`. */
  period: string;
  /** The rep, or null for deals without an owner. */
  owner: string | null;
  category: string | null;
  deals: number;
  amount: number;
  weighted: number;
}

/** Which snapshots to read. */
export interface SnapshotQuery {
  forecast: string;
  /** Only snapshots taken on this day (default: every day). */
  takenOn?: string;
  /** Only these close periods (`YYYY-MM-DD`). */
  periods?: string[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Stores the rows of `forecastQuery` (columns period, category, owner, deals, amount, weighted)
 * as the snapshot of `forecast` taken `now`. Only an admin may take one: it covers every rep.
 */
export async function takeSnapshot(
  db: Db,
  ctx: EntityContext,
  actor: Actor,
  input: { forecast: string; now: string; timeZone: string; forecastQuery: RawBuilder<unknown> },
): Promise<Result<{ takenOn: string; rows: number }>> {
  if (!actor.roles.includes('admin'))
    return { ok: false, issues: [issue('FORBIDDEN', '', MESSAGES.adminOnlySnapshot)] };
  return db.transaction().execute(async (trx) => {
    const day = await sql<{
      d: string;
    }>`select to_char((${input.now}::timestamptz at time zone ${input.timeZone})::date, 'YYYY-MM-DD') as d`.execute(
      trx,
    );
    const takenOn = String(day.rows[0]?.d);
    await sql`delete from forecast_snapshots where app_no = ${ctx.appNo} and forecast_id = ${input.forecast} and taken_on = ${takenOn}::date`.execute(
      trx,
    );
    const inserted = await sql`insert into forecast_snapshots
        (workspace_id, app_no, forecast_id, taken_on, taken_at, taken_by, period, owner_id, category, deals, amount, weighted)
      select ${actor.workspaceId}, ${ctx.appNo}, ${input.forecast}, ${takenOn}::date, ${input.now}::timestamptz, ${actor.userId},
        f.period::date, coalesce(f.owner, ''), coalesce(f.category, ''), f.deals, f.amount, f.weighted
      from (${input.forecastQuery}) f where f.period is not null`.execute(trx);
    return { ok: true as const, value: { takenOn, rows: Number(inserted.numAffectedRows ?? 0) } };
  });
}

/** A snapshot row to store as given (demo history); `owner` is a user id. */
export type ForecastSnapshotInput = Omit<ForecastSnapshotRow, 'takenAt'>;

/**
 * Stores snapshot rows as given, each as taken at the start of its day, replacing a row with the
 * same key (so loading the same history twice changes nothing). Admin only, like taking one.
 */
export async function storeSnapshotRows(
  db: Db,
  ctx: EntityContext,
  actor: Actor,
  rows: ForecastSnapshotInput[],
): Promise<Result<number>> {
  if (!actor.roles.includes('admin'))
    return { ok: false, issues: [issue('FORBIDDEN', '', MESSAGES.adminOnlySnapshot)] };
  const issues: Issue[] = [];
  for (const [k, r] of rows.entries())
    for (const key of ['takenOn', 'period'] as const)
      if (!DAY.test(r[key])) issues.push(issue('VALIDATION_FAILED', `/${k}/${key}`, MESSAGES.expectedDay));
  if (issues.length) return { ok: false, issues };
  await db.transaction().execute(async (trx) => {
    for (const r of rows)
      await sql`insert into forecast_snapshots
          (workspace_id, app_no, forecast_id, taken_on, taken_at, taken_by, period, owner_id, category, deals, amount, weighted)
        values (${actor.workspaceId}, ${ctx.appNo}, ${r.forecast}, ${r.takenOn}::date, ${r.takenOn}::timestamptz, ${actor.userId},
          ${r.period}::date, ${r.owner ?? ''}, ${r.category ?? ''}, ${r.deals}, ${r.amount}, ${r.weighted})
        on conflict (app_no, forecast_id, taken_on, period, owner_id, category)
        do update set deals = excluded.deals, amount = excluded.amount, weighted = excluded.weighted`.execute(
        trx,
      );
  });
  return { ok: true, value: rows.length };
}

/** The snapshot rows of a forecast the actor may see, oldest day first. */
export async function readSnapshots(
  db: Db,
  ctx: EntityContext,
  actor: Actor,
  query: SnapshotQuery,
): Promise<Result<ForecastSnapshotRow[]>> {
  const issues: Issue[] = [];
  if (query.takenOn !== undefined && !DAY.test(query.takenOn))
    issues.push(issue('VALIDATION_FAILED', '/takenOn', MESSAGES.expectedDay));
  for (const [k, p] of (query.periods ?? []).entries())
    if (!DAY.test(p)) issues.push(issue('VALIDATION_FAILED', `/periods/${k}`, MESSAGES.expectedDay));
  if (issues.length) return { ok: false, issues };
  const { rows } = await sql<Record<string, unknown>>`
    select s.forecast_id, to_char(s.taken_on, 'YYYY-MM-DD') as taken_on, s.taken_at, to_char(s.period, 'YYYY-MM-DD') as period,
      s.owner_id, s.category, s.deals, s.amount::float8 as amount, s.weighted::float8 as weighted
    from (select f.*, u.org_unit_id from forecast_snapshots f
          left join users u on u.workspace_id = f.workspace_id and u.id = f.owner_id
          where f.app_no = ${ctx.appNo} and f.forecast_id = ${query.forecast}) s
    where ${scopePredicate(actor, ctx.permission.scope)}
      ${query.takenOn === undefined ? sql`` : sql`and s.taken_on = ${query.takenOn}::date`}
      ${query.periods?.length ? sql`and s.period = any(${query.periods}::date[])` : sql``}
    order by s.taken_on, s.period, s.owner_id, s.category`.execute(db);
  return {
    ok: true,
    value: rows.map((r) => ({
      forecast: String(r.forecast_id),
      takenOn: String(r.taken_on),
      takenAt:
        r.taken_at instanceof Date ? r.taken_at.toISOString() : new Date(String(r.taken_at)).toISOString(),
      period: String(r.period),
      owner: r.owner_id === '' ? null : String(r.owner_id),
      category: r.category === '' ? null : String(r.category),
      deals: Number(r.deals),
      amount: Number(r.amount),
      weighted: Number(r.weighted),
    })),
  };
}
