/**
 * Approvals as the runner and the routes carry them out: the engine's pure step decides, this
 * module resolves approvers, stores the state and puts requests in approvers' inboxes, in one
 * transaction.
 */
import {
  type ApprovalEffect,
  type ApprovalState,
  type ApproverResolver,
  type DirectoryUser,
  decideApproval,
  managerChain,
  startApproval,
} from '@stagecraft/engine';
import type { Approval, Issue, Result } from '@stagecraft/schema';
import type { ApprovalInstance, RecordData } from '@stagecraft/store';
import type { ServerStore } from '../store-port.js';

type Trx = Parameters<Parameters<ServerStore['automation']['transaction']>[0]>[0];
/** The only part of the store approvals write to (the template installer passes just this). */
type ApprovalStore = Pick<ServerStore, 'automation'>;

/** Resolves approvers against the workspace's users and the record's owner. */
export function approverResolver(
  users: readonly DirectoryUser[],
  record: Record<string, unknown>,
): ApproverResolver {
  const active = users.filter((u) => !u.disabled);
  return (approvers) => {
    switch (approvers.type) {
      case 'role':
        return active.filter((u) => u.roles.includes(approvers.role)).map((u) => u.id);
      case 'manager_chain':
        return managerChain(users, typeof record.owner === 'string' ? record.owner : null, approvers.levels);
      case 'users':
        return approvers.users.filter((id) => active.some((u) => u.id === id));
    }
  };
}

/** Puts the approval requests of `effects` in the approvers' inboxes (and the result in the starter's). */
export async function deliverApprovalEffects(
  store: ApprovalStore,
  trx: Trx,
  workspaceId: string,
  approval: Approval,
  instance: {
    id: string;
    appId: string;
    entityId: string;
    recordId: string;
    startedBy: string | null;
    owner: string | null;
  },
  effects: ApprovalEffect[],
  now: Date,
): Promise<void> {
  for (const effect of effects) {
    const base = { appId: instance.appId, entityId: instance.entityId, recordId: instance.recordId };
    if (effect.type === 'request') {
      await store.automation.inbox.deliver(
        trx,
        workspaceId,
        effect.users,
        {
          ...base,
          key: `approval:${instance.id}:${effect.step}:${effect.branch}`,
          kind: 'approval',
          title: approval.label,
          message:
            approval.steps.find((s) => s.id === effect.step)?.branches.find((b) => b.id === effect.branch)
              ?.label ?? null,
        },
        now,
      );
    } else {
      const to = [instance.owner, instance.startedBy].filter((u): u is string => typeof u === 'string');
      await store.automation.inbox.deliver(
        trx,
        workspaceId,
        [...new Set(to)],
        {
          ...base,
          key: `approval:${instance.id}:${effect.status}`,
          kind: 'approval_result',
          title: approval.label,
          message:
            effect.status === 'approved'
              ? { en: 'Approved', 'zh-CN': '已通过' }
              : { en: 'Rejected', 'zh-CN': '已驳回' },
        },
        now,
      );
    }
  }
}

/** Starts an approval on a record inside `trx`; null when one is pending already. */
export async function startApprovalOn(
  store: ApprovalStore,
  trx: Trx,
  input: {
    workspaceId: string;
    appId: string;
    approval: Approval;
    record: RecordData;
    users: DirectoryUser[];
    startedBy: string | null;
    now: Date;
    timeZone: string;
  },
): Promise<Result<ApprovalInstance | null>> {
  const { approval, record, now } = input;
  const started = startApproval(approval, record, approverResolver(input.users, record), {
    now,
    timeZone: input.timeZone,
  });
  if (!started.ok) return started;
  const instance = await store.automation.approvals.create(trx, input.workspaceId, {
    appId: input.appId,
    entityId: approval.entity,
    recordId: record.id,
    approvalId: approval.id,
    state: started.state as never,
    startedBy: input.startedBy,
    startedAt: now.toISOString(),
  });
  if (!instance) return { ok: true, value: null };
  await deliverApprovalEffects(
    store,
    trx,
    input.workspaceId,
    approval,
    { ...instance, owner: record.owner },
    started.effects,
    now,
  );
  return { ok: true, value: instance };
}

/** Records one decision; Issues when the user may not decide or the approval is closed. */
export async function decideOn(
  store: ServerStore,
  input: {
    workspaceId: string;
    instance: ApprovalInstance;
    approval: Approval;
    record: RecordData;
    users: DirectoryUser[];
    user: string;
    decision: 'approve' | 'reject';
    comment: string | null;
    branch?: string;
    now: Date;
  },
): Promise<Result<ApprovalInstance> | { ok: false; issues: Issue[]; conflict: true }> {
  const { instance, approval, record, now } = input;
  const step = decideApproval(
    approval,
    instance.state as unknown as ApprovalState,
    {
      user: input.user,
      decision: input.decision,
      comment: input.comment,
      at: now,
      ...(input.branch ? { branch: input.branch } : {}),
    },
    approverResolver(input.users, record),
  );
  if (!step.ok) return step;
  const saved = await store.automation.transaction(async (trx) => {
    const ok = await store.automation.approvals.save(trx, instance, step.state as never, now);
    if (ok)
      await deliverApprovalEffects(
        store,
        trx,
        input.workspaceId,
        approval,
        { ...instance, owner: record.owner },
        step.effects,
        now,
      );
    return ok;
  });
  if (!saved) return { ok: false, issues: [], conflict: true };
  return {
    ok: true,
    value: {
      ...instance,
      state: step.state as never,
      status: step.state.status,
      version: instance.version + 1,
    },
  };
}
