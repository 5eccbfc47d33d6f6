import type { App, Trigger } from '@stagecraft/schema';
import { conditionHolds } from './condition.js';
import type { ActionJob, Automation, AutomationContext, AutomationRun, RecordEvent } from './types.js';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Fields whose values differ between two versions of a record (system bookkeeping excluded). */
export function changedFields(
  record: Record<string, unknown>,
  previous: Record<string, unknown> | null,
): string[] {
  const ignore = new Set(['version', 'updatedAt', 'updatedBy']);
  const keys = new Set([...Object.keys(record), ...Object.keys(previous ?? {})]);
  return [...keys].filter((k) => !ignore.has(k) && !same(record[k], previous?.[k]));
}

/** Whether a record-event trigger matches an event. Schedule and relative-time triggers never do. */
export function triggerMatches(trigger: Trigger, event: RecordEvent): boolean {
  switch (trigger.type) {
    case 'record_created':
    case 'record_deleted':
      return trigger.type === event.type;
    case 'record_updated': {
      if (event.type !== 'record_updated') return false;
      if (!trigger.fields || trigger.fields.length === 0) return true;
      const changed = new Set(changedFields(event.record, event.previous));
      return trigger.fields.some((f) => changed.has(f));
    }
    case 'stage_changed':
      if (event.type !== 'stage_changed') return false;
      if (trigger.stageMachine && event.stageMachine && trigger.stageMachine !== event.stageMachine)
        return false;
      if (trigger.from && !trigger.from.includes(event.from ?? '')) return false;
      if (trigger.to && !trigger.to.includes(event.to ?? '')) return false;
      return true;
    default:
      return false;
  }
}

/** The action jobs of an automation for one firing; `firingKey` names the event or the due time. */
export function actionJobs(automation: Automation, firingKey: string): ActionJob[] {
  return automation.actions.map((action) => ({
    key: `${firingKey}:${automation.id}:${action.id}`,
    automation: automation.id,
    action,
  }));
}

/** The enabled automations of an app on an entity. */
export function automationsOf(app: App, entity: string): Automation[] {
  return (app.automations ?? []).filter((a) => a.entity === entity && a.enabled !== false);
}

/**
 * The pure step of event automations: which automations an event triggers, whether their
 * conditions hold, and the action jobs to enqueue (each with its idempotency key).
 */
export function planEvent(app: App, event: RecordEvent, context: AutomationContext): AutomationRun[] {
  const runs: AutomationRun[] = [];
  for (const automation of automationsOf(app, event.entity)) {
    if (!triggerMatches(automation.trigger, event)) continue;
    const holds = conditionHolds(automation.condition, event.record, event.previous, context);
    if (!holds.ok) {
      runs.push({
        automation: automation.id,
        triggered: true,
        condition: null,
        error: holds.error,
        jobs: [],
      });
      continue;
    }
    runs.push({
      automation: automation.id,
      triggered: true,
      condition: holds.value,
      jobs: holds.value ? actionJobs(automation, event.key) : [],
    });
  }
  return runs;
}
