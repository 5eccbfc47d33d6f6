import { request } from '../api/http.js';

type Text = Record<string, string>;

/** A notification as `/api/inbox` returns it. */
export interface InboxNotification {
  id: number;
  kind: string;
  appId: string | null;
  entityId: string | null;
  recordId: string | null;
  title: Text;
  message: Text | null;
  createdAt: string;
  readAt: string | null;
}

/** An approval waiting for the user. */
export interface WaitingApproval {
  id: string;
  appId: string;
  entityId: string;
  recordId: string;
  label: Text;
  step: { id: string; label: Text } | null;
  branches: { id: string; label: Text; waitingForMe: boolean }[];
  startedAt: string;
}

/** A task automations assigned to the user. */
export interface MyTask {
  appId: string;
  entityId: string;
  recordId: string | null;
  title: string | null;
  dueAt: string | null;
  overdue: boolean;
}

/** The inbox endpoints. */
export const inboxApi = {
  count: () => request<{ unread: number }>('GET', '/api/inbox/count'),
  list: () => request<{ notifications: InboxNotification[]; unread: number }>('GET', '/api/inbox'),
  markRead: (ids?: number[]) => request<{ unread: number }>('POST', '/api/inbox/read', ids ? { ids } : {}),
  tasks: () => request<{ tasks: MyTask[] }>('GET', '/api/tasks/mine'),
  waiting: () => request<{ approvals: WaitingApproval[] }>('GET', '/api/approvals/waiting'),
  decide: (id: string, decision: 'approve' | 'reject', comment: string) =>
    request<{ status: string }>('POST', `/api/approvals/${encodeURIComponent(id)}/decision`, {
      decision,
      ...(comment ? { comment } : {}),
    }),
};

/** Tells the bell to refresh now (after reading or deciding). */
export function inboxChanged(): void {
  window.dispatchEvent(new Event('stagecraft:inbox'));
}

/** The hash link of a record. */
export function recordLink(
  appId: string | null,
  entityId: string | null,
  recordId: string | null,
): string | null {
  if (!appId || !entityId || !recordId) return null;
  const e = encodeURIComponent;
  return `#/a/${e(appId)}/e/${e(entityId)}/r/${e(recordId)}`;
}
