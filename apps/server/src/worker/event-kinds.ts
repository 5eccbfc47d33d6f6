import type { RecordEvent } from '@stagecraft/engine';
import type { App } from '@stagecraft/schema';

/** The job kind of record events. */
export const EVENT_JOB = 'automation.event';

/** Whether an enabled automation of the app listens to this kind of event on the entity. */
export function listens(app: App, entity: string, type: RecordEvent['type']): boolean {
  return (app.automations ?? []).some(
    (a) => a.entity === entity && a.enabled !== false && a.trigger.type === type,
  );
}
