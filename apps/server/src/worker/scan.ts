/**
 * Time-based firings. Relative-time automations ("24 h after created unless touched") and
 * stage-SLA automations (a record outstaying its current stage's SLA): records that are due are
 * read with a filter run in SQL, each firing is logged once (its key holds the field value, or the
 * stage and its entry time, so a new value or a new stage entry arms it again) and its action jobs
 * are enqueued in the same transaction. Schedules (cron in the workspace zone): a cursor per
 * automation remembers the last instant handled; each due instant fires for every record that
 * meets the condition.
 */
import {
  type AutomationRun,
  actionJobs,
  conditionHolds,
  dueScheduledRuns,
  planRelative,
  planStageSla,
  relativeCutoff,
  stageSlaFilter,
} from '@stagecraft/engine';
import { appTimeZone } from '@stagecraft/rules';
import type { Automation } from '@stagecraft/schema';
import type { RecordData } from '@stagecraft/store';
import { systemActor } from '../use-cases/system-actor.js';
import { actionJobInputs } from './action-jobs.js';
import { contextAt, type WorkerDeps } from './worker-context.js';

/** How far back a relative-time or stage-SLA scan looks past its cutoff (older due times are not replayed). */
export const RELATIVE_LOOKBACK_HOURS = 24 * 30;
const PAGE = 500;

async function fire(
  deps: WorkerDeps,
  workspaceId: string,
  appId: string,
  automation: Automation,
  recordId: string | null,
  trigger: string,
  key: string,
  run: AutomationRun,
  now: Date,
): Promise<boolean> {
  return deps.store.automation.transaction(async (trx) => {
    const fresh = await deps.store.automation.automation.logRun(trx, workspaceId, {
      appId,
      automationId: automation.id,
      entityId: automation.entity,
      recordId,
      trigger,
      key,
      condition: run.condition,
      jobs: run.jobs.map((j) => j.key),
      error: run.error ?? null,
      at: now.toISOString(),
    });
    if (fresh)
      await deps.store.automation.jobs.enqueue(
        actionJobInputs(workspaceId, appId, automation.entity, recordId, run.jobs),
        now,
        trx,
      );
    return fresh;
  });
}

async function recordsWhere(
  deps: WorkerDeps,
  workspaceId: string,
  appId: string,
  entity: string,
  filter: unknown,
): Promise<RecordData[]> {
  const out: RecordData[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await deps.store.records.list(systemActor(workspaceId), appId, entity, {
      ...(filter ? { filter } : {}),
      sort: [{ field: 'id', direction: 'asc' }],
      limit: PAGE,
      offset,
    });
    if (!page.ok) throw new Error(page.issues.map((i) => `${i.code} ${i.message}`).join('; '));
    out.push(...page.value.records);
    if (page.value.records.length < PAGE) return out;
  }
}

/** A firing planned for a record, not yet logged. */
interface Planned {
  recordId: string;
  key: string;
  run: AutomationRun;
}

/**
 * Logs and enqueues the planned firings whose keys are not logged yet; returns how many fired now.
 * The logged ones are sorted out with one query per thousand keys, so a scan that finds nothing new
 * opens no transaction at all (the key's uniqueness still guards a race with another runner).
 */
async function fireNew(
  deps: WorkerDeps,
  target: { workspaceId: string; appId: string },
  automation: Automation,
  trigger: string,
  planned: Planned[],
  now: Date,
): Promise<number> {
  const logged = await deps.store.automation.automation.loggedKeys(planned.map((p) => p.key));
  let fired = 0;
  for (const p of planned) {
    if (logged.has(p.key)) continue;
    if (
      await fire(deps, target.workspaceId, target.appId, automation, p.recordId, trigger, p.key, p.run, now)
    )
      fired++;
  }
  return fired;
}

/**
 * Fires a time-based automation for each candidate record (read with `filter`) that `plan` finds
 * due; returns how many fired now (a firing logged before is not repeated).
 */
async function fireDue(
  deps: WorkerDeps,
  target: { workspaceId: string; appId: string },
  automation: Automation,
  filter: unknown,
  now: Date,
  plan: (record: RecordData) => (AutomationRun & { firingKey: string }) | null,
): Promise<number> {
  const planned: Planned[] = [];
  for (const record of await recordsWhere(
    deps,
    target.workspaceId,
    target.appId,
    automation.entity,
    filter,
  )) {
    const run = plan(record);
    if (run) planned.push({ recordId: record.id, key: run.firingKey, run });
  }
  return fireNew(deps, target, automation, automation.trigger.type, planned, now);
}

/** Fires the due relative-time, stage-SLA and scheduled automations of one app; returns how many fired. */
export async function scanApp(
  deps: WorkerDeps,
  target: { workspaceId: string; appId: string; timeZone: string },
  now: Date,
): Promise<number> {
  const { workspaceId, appId } = target;
  const pub = await deps.published.latest(systemActor(workspaceId), appId);
  const timeZone = appTimeZone(pub.definition.settings?.timeZone, target.timeZone);
  const ctx = contextAt(now, timeZone);
  let fired = 0;
  for (const automation of pub.definition.automations ?? []) {
    if (automation.enabled === false) continue;
    const trigger = automation.trigger;
    if (trigger.type === 'relative_time') {
      const cutoff = relativeCutoff(trigger, now);
      const from = new Date(cutoff.getTime() - RELATIVE_LOOKBACK_HOURS * 3_600_000);
      const field = { var: trigger.field };
      const filter = { and: [{ '<=': [field, cutoff.toISOString()] }, { '>': [field, from.toISOString()] }] };
      fired += await fireDue(deps, target, automation, filter, now, (record) =>
        planRelative(automation, record, ctx),
      );
    } else if (trigger.type === 'stage_sla') {
      const machine = pub.definition.stageMachines.find((m) =>
        trigger.stageMachine ? m.id === trigger.stageMachine : m.entity === automation.entity,
      );
      if (!machine) continue;
      const filter = stageSlaFilter(trigger, machine, now, RELATIVE_LOOKBACK_HOURS);
      fired += await fireDue(deps, target, automation, filter, now, (record) =>
        planStageSla(automation, machine, record, ctx),
      );
    } else if (trigger.type === 'schedule') {
      const cursorKey = `schedule:${appId}:${automation.id}`;
      const last = await deps.store.automation.automation.readCursor<string>(workspaceId, cursorKey);
      // A new schedule starts from now: it does not replay the instants before it was published.
      const instants = last ? dueScheduledRuns(trigger, new Date(last), now, timeZone, 3) : [];
      const records = instants.length
        ? await recordsWhere(deps, workspaceId, appId, automation.entity, undefined)
        : [];
      const planned: Planned[] = [];
      for (const instant of instants) {
        for (const record of records) {
          const holds = conditionHolds(automation.condition, record, null, ctx);
          if (holds.ok && !holds.value) continue;
          const firingKey = `sched:${automation.id}:${instant.toISOString()}:${record.id}`;
          const run: AutomationRun = {
            automation: automation.id,
            triggered: true,
            condition: holds.ok ? true : null,
            ...(holds.ok ? {} : { error: holds.error }),
            jobs: holds.ok ? actionJobs(automation, firingKey) : [],
          };
          planned.push({ recordId: record.id, key: firingKey, run });
        }
      }
      fired += await fireNew(deps, target, automation, 'schedule', planned, now);
      const mark = instants.at(-1)?.toISOString() ?? (last ? null : now.toISOString());
      if (mark)
        await deps.store.automation.transaction((trx) =>
          deps.store.automation.automation.updateCursor(trx, workspaceId, cursorKey, now, () => mark),
        );
    }
  }
  return fired;
}
