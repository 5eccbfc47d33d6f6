/**
 * A publish check the document alone cannot make: approval branches decided by named people must
 * name active users of the workspace, or the branch would open with nobody to decide and the
 * record could never clear its guarded move. REFERENCE_UNKNOWN at the exact user of the branch.
 */
import { type App, type Issue, issue, type Result } from '@stagecraft/schema';
import type { ServerStore } from '../store-port.js';

/** Issues for named approvers that are not active users of `workspaceId`; ok when none. */
export async function checkNamedApprovers(
  store: Pick<ServerStore, 'identity'>,
  workspaceId: string,
  app: App,
): Promise<Result<App>> {
  const named = app.approvals.some((a) =>
    a.steps.some((s) => s.branches.some((b) => b.approvers.type === 'users')),
  );
  if (!named) return { ok: true, value: app };
  const active = new Set(
    (await store.identity.users(workspaceId)).filter((u) => !u.disabled).map((u) => u.id),
  );
  const issues: Issue[] = [];
  for (const [i, approval] of app.approvals.entries())
    for (const [s, step] of approval.steps.entries())
      for (const [b, branch] of step.branches.entries()) {
        if (branch.approvers.type !== 'users') continue;
        for (const [k, user] of branch.approvers.users.entries()) {
          if (active.has(user)) continue;
          issues.push(
            issue('REFERENCE_UNKNOWN', `/approvals/${i}/steps/${s}/branches/${b}/approvers/users/${k}`, {
              en: 'This approver is not an active user of the workspace; pick someone else.',
              'zh-CN': '该审批人不是本工作区的有效用户，请重新选择。',
            }),
          );
        }
      }
  return issues.length ? { ok: false, issues } : { ok: true, value: app };
}
