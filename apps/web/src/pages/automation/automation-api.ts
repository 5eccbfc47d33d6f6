import { API, type DeliveryOut, type JobOut, type RunOut } from '@stagecraft/contract';
import { call } from '../../api/client.js';

/** How one action job of a run ended. */
export type RunAction = RunOut['actions'][number];

/** One line of the run log (`GET /api/automation/runs`). */
export type AutomationRun = RunOut;

/** A queue job (`GET /api/automation/jobs`); dead ones are the dead letters. */
export type QueueJob = JobOut;

/** One webhook attempt (`GET /api/automation/webhook-deliveries`). */
export type WebhookDelivery = DeliveryOut;

/** Which runs to list: one app, one automation of it, or all. */
export interface RunFilter {
  app?: string;
  automation?: string;
}

/** The admin endpoints of the automation runner. */
export const automationApi = {
  runs: (filter: RunFilter = {}) =>
    call(API.automation.automationRuns, {
      query: {
        ...(filter.app ? { app: filter.app } : {}),
        ...(filter.automation ? { automation: filter.automation } : {}),
      },
    }),
  dead: () => call(API.automation.automationJobs, { query: { status: 'dead' } }),
  retry: (id: number) => call(API.automation.retryJob, { params: { id } }),
  deliveries: () => call(API.automation.webhookDeliveries),
};

/** The action id of an action job key (`<firing>:<automation>:<action>`). */
export function actionOfKey(key: string): string {
  return key.slice(key.lastIndexOf(':') + 1);
}

/** The automation id of an action job key (`<firing>:<automation>:<action>`). */
export function automationOfKey(key: string): string {
  const parts = key.split(':');
  return parts.length >= 3 ? (parts[parts.length - 2] as string) : key;
}

/** Where a job's payload points (app, entity, record, automation, action), when it says. */
export function jobTarget(job: QueueJob): {
  app?: string;
  entity?: string;
  recordId?: string | null;
  automation?: string;
  action?: string;
} {
  const p = (job.payload ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const action = p.action as { id?: unknown } | undefined;
  const out: ReturnType<typeof jobTarget> = {};
  const app = str(p.app);
  const entity = str(p.entity);
  const automation = str(p.automation);
  const actionId = str(action?.id);
  if (app) out.app = app;
  if (entity) out.entity = entity;
  if (automation) out.automation = automation;
  if (actionId) out.action = actionId;
  if (typeof p.recordId === 'string' || p.recordId === null) out.recordId = p.recordId as string | null;
  return out;
}
