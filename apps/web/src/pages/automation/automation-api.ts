import { request } from '../../api/http.js';

/** How one action job of a run ended. */
export interface RunAction {
  key: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

/** One line of the run log (`GET /api/automation/runs`). */
export interface AutomationRun {
  id: number;
  appId: string;
  automationId: string;
  entityId: string;
  recordId: string | null;
  trigger: string;
  condition: boolean | null;
  error: string | null;
  at: string;
  actions: RunAction[];
}

/** A queue job (`GET /api/automation/jobs`); dead ones are the dead letters. */
export interface QueueJob {
  id: number;
  kind: string;
  key: string;
  status: 'pending' | 'running' | 'done' | 'dead';
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
  payload: unknown;
}

/** One webhook attempt (`GET /api/automation/webhook-deliveries`). */
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

/** Which runs to list: one app, one automation of it, or all. */
export interface RunFilter {
  app?: string;
  automation?: string;
}

/** The admin endpoints of the automation runner. */
export const automationApi = {
  runs: (filter: RunFilter = {}) => {
    const q = new URLSearchParams();
    if (filter.app) q.set('app', filter.app);
    if (filter.automation) q.set('automation', filter.automation);
    const query = q.toString();
    return request<{ runs: AutomationRun[] }>('GET', `/api/automation/runs${query ? `?${query}` : ''}`);
  },
  dead: () => request<{ jobs: QueueJob[] }>('GET', '/api/automation/jobs?status=dead'),
  retry: (id: number) => request<QueueJob>('POST', `/api/automation/jobs/${id}/retry`),
  deliveries: () => request<{ deliveries: WebhookDelivery[] }>('GET', '/api/automation/webhook-deliveries'),
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
