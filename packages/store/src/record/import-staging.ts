/**
 * The staging side of an import job (docs/import-jobs.md): checked rows are appended chunk by
 * chunk to a staging table shaped like the entity's table (plus the file line, the audit changes
 * and, for an upsert, the matched record and the version read), key checks run as set queries on
 * it, and the commit is ONE transaction that moves the rows (INSERT … SELECT, UPDATE … FROM),
 * writes their audit rows and marks the job done. Anything short of that leaves the entity table
 * untouched; the staging table is dropped by the runner when the job ends.
 */
import { issue } from '@stagecraft/schema';
import { type RawBuilder, sql } from 'kysely';
import { hasFileFields, linkRecordFiles } from '../attachments/record-files.js';
import type { Actor, Result } from '../contract.js';
import type { Db } from '../db.js';
import { columnType } from '../ddl/column-types.js';
import { MESSAGES } from '../messages.js';
import { inTransaction, sqlState } from '../transaction.js';
import { type EntityContext, loadEntityContext } from './entity-context.js';
import { autoNumberJoins, SYSTEM_TYPES } from './record-import.js';
import { createdChangesSql } from './record-snapshot.js';
import { STAGE_HEAD, type StagedRow, stageEncoder } from './stage-rows.js';

/** A line whose key repeats an earlier line of the file, or a live record. */
export interface KeyClash {
  line: number;
  key: string[];
  /** The earlier line of the file; null when a stored record holds the key. */
  first: number | null;
}

/** A record an upsert row matched on its key. */
export interface KeyMatch {
  id: string;
  version: number;
  /** Inside the actor's record scope (else the row is refused without saying more). */
  inScope: boolean;
}

/** One job's staging over the entity's context (loaded once). */
export interface StagingSession {
  readonly context: EntityContext;
  /** Drops and creates the empty staging table (a claimed job starts from the file's start). */
  reset(): Promise<void>;
  /** Appends checked rows; a value that does not fit its column is refused at its line. */
  append(rows: readonly StagedRow[], at: string): Promise<Result<{ staged: number }>>;
  /** Lines whose key (a unique field or a dedupe key) repeats an earlier line or a live record. */
  clashes(keys: readonly string[][], options: { existing: boolean; limit: number }): Promise<KeyClash[]>;
  /** Live records holding these key values (any scope), by `JSON.stringify(values)`. */
  match(key: readonly string[], values: readonly unknown[][]): Promise<Map<string, KeyMatch>>;
  /**
   * The commit: moves the staged rows in one transaction, chunk by chunk (`progress` after each),
   * with their audit rows, then marks the job done with `report` (plus created and updated).
   * Refuses rows whose matched record changed since (VERSION_CONFLICT, by line). `lost` when the
   * job is no longer running for this worker (cancelled): nothing is written.
   */
  commit(options: {
    jobId: string;
    workerId: string;
    report: Record<string, unknown>;
    updateColumns: readonly string[];
    at: string;
    progress?: (written: number) => void;
  }): Promise<Result<{ created: number; updated: number }> | 'lost' | { conflicts: number[] }>;
  drop(): Promise<void>;
}

/** The dialect's bulk load (`StoreDialect.copyIn`). */
export type CopyIn = (table: string, columns: readonly string[], data: readonly string[]) => Promise<void>;

/** Lines moved per statement of the commit (progress is reported between them). */
const MOVE_LINES = 50_000;

/** The staging table of a job. */
export function stagingTable(jobId: string): string {
  return `import_stage_${jobId
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase()
    .slice(0, 40)}`;
}

/** Column name and SQL type of every staged column. */
function stagedColumns(ctx: EntityContext): [string, string][] {
  return [
    ...Object.entries(SYSTEM_TYPES),
    ...ctx.entity.fields.map((f) => [f.id, columnType(f)] as [string, string]),
  ];
}

/** Opens the staging of a job for the actor (who must be allowed to create the entity's records). */
export async function openStaging(
  db: Db,
  actor: Actor,
  jobId: string,
  appId: string,
  entityId: string,
  newId: () => string,
  copyIn: CopyIn,
): Promise<Result<StagingSession>> {
  const loaded = await loadEntityContext(db, actor, appId, entityId);
  if (!loaded.ok) return loaded;
  const ctx = loaded.value;
  if (!ctx.permission.create)
    return { ok: false, issues: [issue('FORBIDDEN', '', MESSAGES.forbidden('create'))] };
  const table = stagingTable(jobId);
  const stage = sql.id(table);
  const typed = stagedColumns(ctx);
  const definition = sql.join(typed.map(([name, type]) => sql`${sql.id(name)} ${sql.raw(type)}`));
  const copyColumns: [string, string][] = [...STAGE_HEAD, ...typed];
  const encode = stageEncoder(ctx, actor, newId);

  return {
    ok: true,
    value: {
      context: ctx,
      async reset() {
        await sql`drop table if exists ${stage}`.execute(db);
        await sql`create unlogged table ${stage} (line integer primary key, changes jsonb, match_id text, match_version integer, ${definition})`.execute(
          db,
        );
      },

      async append(rows, at) {
        if (rows.length === 0) return { ok: true, value: { staged: 0 } };
        const { chunks, issues } = encode(rows, at);
        if (issues.length) return { ok: false, issues };
        try {
          await copyIn(
            table,
            copyColumns.map(([n]) => n),
            chunks,
          );
        } catch (error) {
          if (sqlState(error)?.startsWith('22'))
            return { ok: false, issues: [issue('VALIDATION_FAILED', '/rows', MESSAGES.valueDoesNotFit)] };
          throw error;
        }
        return { ok: true, value: { staged: rows.length } };
      },

      async clashes(keys, { existing, limit }) {
        const out: KeyClash[] = [];
        for (const key of keys) {
          if (out.length >= limit) break;
          const cols = key.map((k) => sql.ref(`s.${k}`));
          const filled = sql.join(
            key.map((k) => sql`${sql.ref(`s.${k}`)} is not null and ${sql.ref(`s.${k}`)}::text <> ''`),
            sql` and `,
          );
          const { rows } = await sql<{ line: number; first: number }>`
            select line, first from (
              select s.line, min(s.line) over (partition by ${sql.join(cols)}) as first
              from ${stage} s where ${filled}) q
            where line <> first order by line limit ${limit - out.length}`.execute(db);
          for (const r of rows) out.push({ line: Number(r.line), key: [...key], first: Number(r.first) });
          if (!existing || out.length >= limit) continue;
          const same = sql.join(
            key.map((k) => sql`${sql.ref(`t.${k}`)} = ${sql.ref(`s.${k}`)}`),
            sql` and `,
          );
          const found = await sql<{ line: number }>`
            select s.line from ${stage} s
            where ${filled} and exists (select 1 from ${sql.id(ctx.table)} t where t.deleted_at is null and ${same})
            order by s.line limit ${limit - out.length}`.execute(db);
          for (const r of found.rows) out.push({ line: Number(r.line), key: [...key], first: null });
        }
        return out.sort((a, b) => a.line - b.line);
      },

      async match(key, values) {
        const found = new Map<string, KeyMatch>();
        if (values.length === 0) return found;
        const types = key.map((k) => {
          const field = ctx.entity.fields.find((f) => f.id === k);
          return field ? columnType(field) : 'text';
        });
        const wanted = values.map((v) => Object.fromEntries(key.map((k, i) => [k, v[i]])));
        const defs = sql.join(key.map((k, i) => sql`${sql.id(k)} ${sql.raw(types[i] as string)}`));
        const same = sql.join(
          key.map((k) => sql`${sql.ref(`t.${k}`)} = ${sql.ref(`w.${k}`)}`),
          sql` and `,
        );
        const { rows } = await sql<Record<string, unknown>>`
          select t.id, t.version, (${ctx.scope}) as in_scope, ${sql.join(key.map((k) => sql.ref(`t.${k}`)))}
          from ${sql.id(ctx.table)} t
          join jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb) as w(${defs}) on ${same}
          where t.deleted_at is null`.execute(db);
        for (const r of rows)
          found.set(JSON.stringify(key.map((k) => r[k])), {
            id: String(r.id),
            version: Number(r.version),
            inScope: Boolean(r.in_scope),
          });
        return found;
      },

      async commit({ jobId, workerId, report, updateColumns, at, progress }) {
        type Out = { created: number; updated: number } | { conflicts: number[] } | { lost: true };
        const result = await inTransaction<Out>(db, async (trx) => {
          const job = await trx
            .selectFrom('import_jobs')
            .select(['state', 'worker_id'])
            .where('id', '=', jobId)
            .forUpdate()
            .executeTakeFirst();
          if (job?.state !== 'running' || job.worker_id !== workerId)
            return { ok: true, value: { lost: true } };
          // Each move sorts its chunk of lines (auto numbers follow the file's order): in memory,
          // not in temporary files (EXPLAIN ANALYZE showed an external merge sort per chunk).
          await sql`set local work_mem = '64MB'`.execute(trx);
          const { rows: range } = await sql<{ lo: number | null; hi: number | null }>`
            select min(line) as lo, max(line) as hi from ${stage}`.execute(trx);
          const lo = Number(range[0]?.lo ?? 0);
          const hi = Number(range[0]?.hi ?? -1);
          const conflicts = await sql<{ line: number }>`
            select s.line from ${stage} s join ${sql.id(ctx.table)} t on t.id = s.match_id
            where t.version <> s.match_version or t.deleted_at is not null
            order by s.line limit 200 for update of t`.execute(trx);
          if (conflicts.rows.length > 0)
            return { ok: true, value: { conflicts: conflicts.rows.map((r) => Number(r.line)) } };
          let created = 0;
          let updated = 0;
          for (let from = lo; from <= hi; from += MOVE_LINES) {
            const to = from + MOVE_LINES - 1;
            const c = await insertFromStage(ctx, actor, stage, from, to).execute(trx);
            created += Number(c.numAffectedRows ?? 0);
            const u = await updateFromStage(ctx, actor, stage, updateColumns, at, from, to).execute(trx);
            updated += Number(u.numAffectedRows ?? 0);
            if (hasFileFields(ctx.entity.fields)) {
              const { rows } = await sql<Record<string, unknown>>`
                select * from ${stage} where line between ${from} and ${to}`.execute(trx);
              await linkRecordFiles(
                trx,
                {
                  workspaceId: ctx.workspaceId,
                  appNo: ctx.appNo,
                  entityId: ctx.entity.id,
                  fields: ctx.entity.fields,
                },
                rows.map((r) => ({ id: String(r.id), values: r })),
              );
            }
            progress?.(created + updated);
            // Let the event loop turn between chunks: on PGlite every statement runs on this thread,
            // so without it nothing else (a progress poll, a request for the health check) is
            // answered until the whole commit ends.
            await new Promise((resolve) => setImmediate(resolve));
          }
          await trx
            .updateTable('import_jobs')
            .set({
              state: 'done',
              phase: null,
              lease_until: null,
              eta_seconds: null,
              rows_written: created + updated,
              rows_read: created + updated,
              bytes_read: sql`bytes_total`,
              finished_at: at,
              report: JSON.stringify({ ...report, created, updated }),
            })
            .where('id', '=', jobId)
            .execute();
          return { ok: true, value: { created, updated } };
        }).catch((error: unknown) => {
          if (sqlState(error) === '23505')
            return { ok: false as const, issues: [issue('DUPLICATE_RECORD', '/rows')] };
          if (sqlState(error)?.startsWith('22'))
            return {
              ok: false as const,
              issues: [issue('VALIDATION_FAILED', '/rows', MESSAGES.valueDoesNotFit)],
            };
          throw error;
        });
        if (!result.ok) return result;
        if ('lost' in result.value) return 'lost';
        if ('conflicts' in result.value) return { conflicts: result.value.conflicts };
        return { ok: true, value: result.value };
      },

      async drop() {
        await sql`drop table if exists ${stage}`.execute(db);
      },
    },
  };
}

/**
 * Creates the staged rows of lines `from..to` that matched no record: auto-numbers drawn from
 * their sequences, and the audit rows (`create`) from the same statement, their `changes` computed
 * from the inserted row as a single create computes them (no JSON copy of each row is staged).
 */
function insertFromStage(
  ctx: EntityContext,
  actor: Actor,
  stage: RawBuilder<unknown>,
  from: number,
  to: number,
) {
  const typed = stagedColumns(ctx);
  const select = typed.map(([name]) => {
    const col = sql.ref(`x.${name}`);
    if (name === 'created_at' || name === 'updated_at') return sql`coalesce(${col}, now())`;
    if (name === 'stage_entered_at')
      return sql`case when x.stage is null then null else coalesce(${col}, x.created_at, now()) end`;
    const field = ctx.entity.fields.find((f) => f.id === name);
    if (field?.type === 'auto_number') {
      const n = sql.ref(`n_${name}.n`);
      return sql`coalesce(${col}, ${field.prefix ?? ''} || lpad(${n}::text, greatest(${field.digits ?? 1}, length(${n}::text)), '0'))`;
    }
    return sql`${col}`;
  });
  const numbers = autoNumberJoins(ctx.table, ctx.entity.fields);
  return sql`
    with ins as (
      insert into ${sql.id(ctx.table)} (${sql.join(typed.map(([name]) => sql.id(name)))})
      select ${sql.join(select)}
      from (select * from ${stage} where match_id is null and line between ${from} and ${to} order by line) as x ${numbers}
      returning *
    )
    insert into audit_log (workspace_id, app_no, entity_id, record_id, action, actor_id, definition_version, changes)
    select ${ctx.workspaceId}, ${ctx.appNo}, ${ctx.entity.id}, ins.id, 'create', ${actor.userId}, ${ctx.version},
      ${createdChangesSql(ctx, (c) => sql.ref(`ins.${c}`))}
    from ins`;
}

/**
 * Updates the records the staged rows of lines `from..to` matched (the columns of the file and
 * what the validator computed from them), one version up, with `update` audit rows.
 */
function updateFromStage(
  ctx: EntityContext,
  actor: Actor,
  stage: RawBuilder<unknown>,
  columns: readonly string[],
  at: string,
  from: number,
  to: number,
) {
  const sets = columns.map((c) => sql`${sql.id(c)} = s.${sql.id(c)}`);
  return sql`
    with upd as (
      update ${sql.id(ctx.table)} t set ${sql.join([
        ...sets,
        sql`version = t.version + 1`,
        sql`updated_at = ${at}::timestamptz`,
        sql`updated_by = ${actor.userId}`,
      ])}
      from ${stage} s
      where s.match_id = t.id and s.line between ${from} and ${to}
      returning t.id, s.changes
    )
    insert into audit_log (workspace_id, app_no, entity_id, record_id, action, actor_id, definition_version, changes)
    select ${ctx.workspaceId}, ${ctx.appNo}, ${ctx.entity.id}, upd.id, 'update', ${actor.userId}, ${ctx.version}, upd.changes
    from upd`;
}
