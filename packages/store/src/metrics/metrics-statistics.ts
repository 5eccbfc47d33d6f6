/**
 * Planner statistics for the time buckets the app's dashboards group by. PostgreSQL cannot know
 * that `date_trunc('week', created_at at time zone 'Asia/Shanghai')` has a hundred values on a
 * million rows: it guesses half a million groups, then sorts every row to group them (spilling to
 * disk) instead of hashing into a hundred buckets in parallel workers. An expression statistics
 * object on exactly the expression the executor writes (`dimensionSql`) gives it the real number.
 * Created when the app is published, for the (entity, datetime field, bucket) of every widget, in
 * the zone the widgets are cut in; objects no widget needs any more are dropped.
 */
import { planWidget } from '@stagecraft/engine';
import { appTimeZone } from '@stagecraft/rules';
import type { App } from '@stagecraft/schema';
import { sql } from 'kysely';
import type { Db } from '../db.js';
import { SYSTEM_COLUMNS } from '../ddl/system-columns.js';
import { bucketName } from './metrics-sql.js';

/** Any instant: planning a widget needs one, the buckets do not depend on it. */
const SOME_NOW = '2000-01-01T00:00:00.000Z';

interface Wanted {
  name: string;
  table: string;
  column: string;
  bucket: string;
}

/** A short stable hash for object names (FNV-1a, 32 bits, hex). */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function columnFor(app: App, entityId: string, field: string): string | undefined {
  if (Object.hasOwn(SYSTEM_COLUMNS, field)) return SYSTEM_COLUMNS[field as keyof typeof SYSTEM_COLUMNS];
  const entity = app.entities.find((e) => e.id === entityId);
  return entity?.fields.some((f) => f.id === field) ? field : undefined;
}

function wanted(app: App, tables: Map<string, string>, zone: string): Wanted[] {
  const out = new Map<string, Wanted>();
  for (const dashboard of app.dashboards ?? [])
    for (const widget of dashboard.widgets ?? []) {
      const planned = planWidget(app, widget, { timeZone: zone, now: SOME_NOW });
      if (!planned.ok) continue;
      const table = tables.get(planned.value.entity);
      if (!table) continue;
      for (const d of planned.value.dimensions) {
        // Dates group without a zone; only datetimes go through AT TIME ZONE.
        if (d.kind !== 'time' || d.dateOnly) continue;
        const column = columnFor(app, planned.value.entity, d.field);
        if (!column) continue;
        const bucket = bucketName(d.bucket);
        const name = `${table}_b${hash(`${column}|${bucket}|${zone}`)}`;
        out.set(name, { name, table, column, bucket });
      }
    }
  return [...out.values()];
}

/**
 * Creates the statistics the published app's time buckets need, drops those it no longer needs,
 * and analyzes the tables that gained one. Runs in the publish transaction.
 */
export async function prepareMetricsStatistics(
  db: Db,
  input: { app: App; appNo: number; workspaceId: string },
): Promise<void> {
  const tableRows = await db
    .selectFrom('entity_tables')
    .select(['entity_id', 'table_name'])
    .where('app_no', '=', input.appNo)
    .execute();
  const tables = new Map(tableRows.map((r) => [String(r.entity_id), String(r.table_name)]));
  let zone = input.app.settings?.timeZone;
  if (!zone) {
    const ws = await db
      .selectFrom('workspaces')
      .select('time_zone')
      .where('id', '=', input.workspaceId)
      .executeTakeFirst();
    zone = appTimeZone(null, ws ? String(ws.time_zone) : null);
  }
  // A zone PostgreSQL does not know would abort the publish; its widgets simply get no statistics.
  const known = await sql<{
    n: number;
  }>`select count(*)::int as n from pg_timezone_names where name = ${zone}`.execute(db);
  const want = Number(known.rows[0]?.n ?? 0) > 0 ? wanted(input.app, tables, zone) : [];
  const existing = await sql<{ name: string; table: string }>`
    select s.stxname as name, c.relname as table from pg_statistic_ext s join pg_class c on c.oid = s.stxrelid
    where c.relname = any(${[...tables.values()]}::text[]) and s.stxname ~ '_b[0-9a-f]{8}$'`.execute(db);
  const have = new Set(existing.rows.map((r) => r.name));
  const keep = new Set(want.map((w) => w.name));
  for (const r of existing.rows)
    if (!keep.has(r.name)) await sql`drop statistics if exists ${sql.id(r.name)}`.execute(db);
  const analyze = new Set<string>();
  for (const w of want) {
    if (have.has(w.name)) continue;
    // The same expression dimensionSql writes, so the planner matches it.
    await sql`create statistics ${sql.id(w.name)} on (date_trunc(${sql.lit(w.bucket)}, (${sql.id(w.column)} at time zone ${sql.lit(zone)}))) from ${sql.id(w.table)}`.execute(
      db,
    );
    analyze.add(w.table);
  }
  for (const table of analyze) await sql`analyze ${sql.id(table)}`.execute(db);
}
