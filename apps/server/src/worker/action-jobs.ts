import type { ActionJob } from '@stagecraft/engine';
import type { JobInput } from '@stagecraft/store';

/** The job kind of one automation action. */
export const ACTION_JOB = 'automation.action';

/** The payload of an action job: where, which record, which action. */
export interface ActionPayload {
  app: string;
  entity: string;
  recordId: string | null;
  automation: string;
  action: ActionJob['action'];
}

/** Action jobs as queue rows; webhooks get more attempts (their retries are the point). */
export function actionJobInputs(
  workspaceId: string,
  app: string,
  entity: string,
  recordId: string | null,
  jobs: ActionJob[],
): JobInput[] {
  return jobs.map((j) => ({
    workspaceId,
    kind: ACTION_JOB,
    key: j.key,
    payload: { app, entity, recordId, automation: j.automation, action: j.action } satisfies ActionPayload,
    maxAttempts: j.action.type === 'webhook' ? 6 : 5,
  }));
}
