/**
 * The automation run log (one row per firing: trigger, condition result, the action jobs, error),
 * cursors (round-robin pointers, schedule marks), webhook delivery attempts, the tasks automations
 * created, and the published apps the runner scans.
 */
import { appTimeZone } from '@stagecraft/rules';
import { sql } from 'kysely';
import type { Db, Trx } from '../db.js';
import { type OutboxCursor, type OutboxEntry, readOutbox } from './audit-outbox.js';

/** One line of the run log. */
export interface AutomationRunEntry {
  id: number;
  appId: string;
  automationId: string;
  entityId: string;
  recordId: string | null;
  trigger: string;
  key: string;
  condition: boolean | null;
  jobs: string[];
  error: string | null;
  at: string;
}

/** One webhook delivery attempt. */
export interface WebhookDelivery {
  id: number;
  jobKey: string;
  url: string;
  attempt: number;
  status: number | null;
  error: string | null;
  durationMs: number;
  at: string;
}

/** A task an automation created (the task itself is a record of a task entity). */
export interface AutomationTask {
  id: number;
  appId: string;
  entityId: string;
  recordId: string | null;
  assignee: string | null;
  title: string | null;
  dueAt: string | null;
  createdAt: string;
}

export interface AutomationRepository {
  /** Logs a firing once (unique key); false when it was logged before (the firing is a repeat). */
  logRun(trx: Db | Trx, workspaceId: string, run: Omit<AutomationRunEntry, 'id'>): Promise<boolean>;
  /**
   * Which of `keys` are logged already, in one query: a scan skips those firings instead of opening
   * a transaction per record only to find its key taken.
   */
  loggedKeys(keys: readonly string[]): Promise<Set<string>>;
  runs(
    workspaceId: string,
    options?: { appId?: string; automationId?: string; limit?: number },
  ): Promise<AutomationRunEntry[]>;
  /** Reads and rewrites a cursor under a row lock, inside the caller's transaction. */
  updateCursor<T>(
    trx: Trx,
    workspaceId: string,
    key: string,
    now: Date,
    next: (current: T | null) => T,
  ): Promise<T>;
  readCursor<T>(workspaceId: string, key: string): Promise<T | null>;
  logDelivery(workspaceId: string, delivery: Omit<WebhookDelivery, 'id'>): Promise<void>;
  deliveries(workspaceId: string, jobKey?: string): Promise<WebhookDelivery[]>;
  /**
   * Records the task a job created, in the transaction that created it and completes the job; the
   * unique job key makes a second one impossible.
   */
  recordTask(trx: Trx, workspaceId: string, key: string, task: Omit<AutomationTask, 'id'>): Promise<void>;
  /** The task record a job created, if it committed (read in the job's transaction). */
  taskOf(trx: Db | Trx, key: string): Promise<string | null>;
  tasks(workspaceId: string, assignee: string): Promise<AutomationTask[]>;
  /** Record writes after a cursor whose transactions have all finished (the outbox); see audit-outbox.ts. */
  outbox(after: OutboxCursor, limit: number): Promise<OutboxEntry[]>;
  /** The workspace's time zone (schedules and calendar rules run in it). */
  timeZoneOf(workspaceId: string): Promise<string>;
  /** Every app with a published version, across workspaces, with the workspace zone (the runner's scan). */
  publishedApps(): Promise<{ workspaceId: string; appId: string; timeZone: string }[]>;
}

const toRun = (r: Record<string, unknown>): AutomationRunEntry => ({
  id: Number(r.id),
  appId: String(r.app_id),
  automationId: String(r.automation_id),
  entityId: String(r.entity_id),
  recordId: (r.record_id as string | null) ?? null,
  trigger: String(r.trigger),
  key: String(r.key),
  condition: (r.condition as boolean | null) ?? null,
  jobs: (r.jobs as string[]) ?? [],
  error: (r.error as string | null) ?? null,
  at: String(r.at),
});

/** Builds the repository. */
export function createAutomationRepository(db: Db): AutomationRepository {
  return {
    async logRun(target, workspaceId, run) {
      const row = await target
        .insertInto('automation_runs')
        .values({
          workspace_id: workspaceId,
          app_id: run.appId,
          automation_id: run.automationId,
          entity_id: run.entityId,
          record_id: run.recordId,
          trigger: run.trigger,
          key: run.key,
          condition: run.condition,
          jobs: JSON.stringify(run.jobs),
          error: run.error,
          at: run.at,
        })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async loggedKeys(keys) {
      const found = new Set<string>();
      for (let at = 0; at < keys.length; at += 1000) {
        const chunk = keys.slice(at, at + 1000);
        const rows = await db.selectFrom('automation_runs').select('key').where('key', 'in', chunk).execute();
        for (const row of rows) found.add(String(row.key));
      }
      return found;
    },

    async runs(workspaceId, options = {}) {
      let q = db.selectFrom('automation_runs').selectAll().where('workspace_id', '=', workspaceId);
      if (options.appId) q = q.where('app_id', '=', options.appId);
      if (options.automationId) q = q.where('automation_id', '=', options.automationId);
      return (
        await q
          .orderBy('id', 'desc')
          .limit(options.limit ?? 200)
          .execute()
      ).map(toRun);
    },

    async updateCursor(trx, workspaceId, key, now, next) {
      await trx
        .insertInto('automation_cursors')
        .values({ workspace_id: workspaceId, key, value: 'null', updated_at: now.toISOString() })
        .onConflict((oc) => oc.columns(['workspace_id', 'key']).doNothing())
        .execute();
      const row = await trx
        .selectFrom('automation_cursors')
        .select('value')
        .where('workspace_id', '=', workspaceId)
        .where('key', '=', key)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const value = next((row.value ?? null) as never);
      await trx
        .updateTable('automation_cursors')
        .set({ value: JSON.stringify(value), updated_at: now.toISOString() })
        .where('workspace_id', '=', workspaceId)
        .where('key', '=', key)
        .execute();
      return value;
    },

    async readCursor(workspaceId, key) {
      const row = await db
        .selectFrom('automation_cursors')
        .select('value')
        .where('workspace_id', '=', workspaceId)
        .where('key', '=', key)
        .executeTakeFirst();
      return (row?.value ?? null) as never;
    },

    async logDelivery(workspaceId, d) {
      await db
        .insertInto('webhook_deliveries')
        .values({
          workspace_id: workspaceId,
          job_key: d.jobKey,
          url: d.url,
          attempt: d.attempt,
          status: d.status,
          error: d.error,
          duration_ms: d.durationMs,
          at: d.at,
        })
        .execute();
    },

    async deliveries(workspaceId, jobKey) {
      let q = db.selectFrom('webhook_deliveries').selectAll().where('workspace_id', '=', workspaceId);
      if (jobKey) q = q.where('job_key', '=', jobKey);
      const rows = await q.orderBy('id', 'desc').limit(200).execute();
      return rows.map((r) => ({
        id: Number(r.id),
        jobKey: String(r.job_key),
        url: String(r.url),
        attempt: Number(r.attempt),
        status: r.status === null ? null : Number(r.status),
        error: (r.error as string | null) ?? null,
        durationMs: Number(r.duration_ms),
        at: String(r.at),
      }));
    },

    async recordTask(trx, workspaceId, key, task) {
      await trx
        .insertInto('automation_tasks')
        .values({
          workspace_id: workspaceId,
          key,
          app_id: task.appId,
          entity_id: task.entityId,
          record_id: task.recordId,
          assignee: task.assignee,
          title: task.title,
          due_at: task.dueAt,
          created_at: task.createdAt,
        })
        .execute();
    },

    async taskOf(trx, key) {
      const row = await trx
        .selectFrom('automation_tasks')
        .select('record_id')
        .where('key', '=', key)
        .executeTakeFirst();
      return (row?.record_id as string | null | undefined) ?? null;
    },

    async tasks(workspaceId, assignee) {
      const rows = await db
        .selectFrom('automation_tasks')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('assignee', '=', assignee)
        .where('record_id', 'is not', null)
        .orderBy(sql`due_at nulls last`)
        .orderBy('id')
        .limit(500)
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        appId: String(r.app_id),
        entityId: String(r.entity_id),
        recordId: (r.record_id as string | null) ?? null,
        assignee: (r.assignee as string | null) ?? null,
        title: (r.title as string | null) ?? null,
        dueAt: (r.due_at as string | null) ?? null,
        createdAt: String(r.created_at),
      }));
    },

    outbox: (after, limit) => readOutbox(db, after, limit),

    async timeZoneOf(workspaceId) {
      const row = await db
        .selectFrom('workspaces')
        .select('time_zone')
        .where('id', '=', workspaceId)
        .executeTakeFirst();
      return appTimeZone(null, row ? String(row.time_zone) : null);
    },

    async publishedApps() {
      const rows = await db
        .selectFrom('apps')
        .innerJoin('workspaces', 'workspaces.id', 'apps.workspace_id')
        .select([
          'apps.workspace_id as workspace_id',
          'apps.id as app_id',
          'workspaces.time_zone as time_zone',
        ])
        .where('apps.published_version', 'is not', null)
        .orderBy('apps.no')
        .execute();
      return rows.map((r) => ({
        workspaceId: String(r.workspace_id),
        appId: String(r.app_id),
        timeZone: String(r.time_zone),
      }));
    },
  };
}
