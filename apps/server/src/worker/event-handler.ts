/**
 * `automation.event`: one record event against the app's automations (the engine's pure
 * `planEvent`), then — in the transaction that completes the event job — one run-log line per
 * triggered automation and the action jobs, each keyed event × automation × action.
 */
import { planEvent, type RecordEvent } from '@stagecraft/engine';
import { appTimeZone } from '@stagecraft/rules';
import { systemActor } from '../use-cases/system-actor.js';
import { ACTION_JOB, actionJobInputs } from './action-jobs.js';
import { contextAt, type JobHandler } from './worker-context.js';

/** Runs the automations a record event triggers. */
export const handleEvent: JobHandler = async (deps, { job, now }) => {
  const event = job.payload as RecordEvent;
  const actor = systemActor(job.workspaceId);
  const pub = await deps.published.latest(actor, event.app);
  const timeZone = appTimeZone(
    pub.definition.settings?.timeZone,
    await deps.store.automation.automation.timeZoneOf(job.workspaceId),
  );
  const runs = planEvent(pub.definition, event, contextAt(now, timeZone));
  return {
    writes: async (trx) => {
      for (const run of runs) {
        const fresh = await deps.store.automation.automation.logRun(trx, job.workspaceId, {
          appId: event.app,
          automationId: run.automation,
          entityId: event.entity,
          recordId: event.record.id,
          trigger: event.type,
          key: `${event.key}:${run.automation}`,
          condition: run.condition,
          jobs: run.jobs.map((j) => j.key),
          error: run.error ?? null,
          at: now.toISOString(),
        });
        if (!fresh) continue;
        await deps.store.automation.jobs.enqueue(
          actionJobInputs(job.workspaceId, event.app, event.entity, event.record.id, run.jobs),
          now,
          trx,
        );
      }
    },
  };
};

export { ACTION_JOB };
