import { API, type ApprovalOut, type NotificationOut, type TaskOut } from '@stagecraft/contract';
import { call } from '../api/client.js';

/** A notification as `/api/inbox` returns it. */
export type InboxNotification = NotificationOut;

/** An approval waiting for the user. */
export type WaitingApproval = ApprovalOut;

/** A task automations assigned to the user. */
export type MyTask = TaskOut;

/** The inbox endpoints. */
export const inboxApi = {
  count: () => call(API.inbox.inboxCount),
  list: () => call(API.inbox.listInbox),
  markRead: (ids?: number[]) => call(API.inbox.markRead, { body: ids ? { ids } : {} }),
  tasks: () => call(API.inbox.myTasks),
  waiting: () => call(API.approvals.waitingApprovals),
  decide: (id: string, decision: 'approve' | 'reject', comment: string) =>
    call(API.approvals.decideApproval, {
      params: { id },
      body: { decision, ...(comment ? { comment } : {}) },
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
