/**
 * Approval use cases of the HTTP API: start an approval on a record, and decide one. The engine's
 * pure step decides; ./approval-service.ts stores the state and notifies (the worker's approval
 * actions use the same service). Each call works on one clock reading.
 */
import type { Actor, ApprovalInstance } from '@stagecraft/store';
import { fail, IssuesError, unwrap } from '../errors/issues-error.js';
import type { ServerServices } from '../services.js';
import { decideOn, startApprovalOn } from './approval-service.js';
import { authorize } from './authorization.js';
import { directoryOf } from './directory.js';
import type { EntityRequest } from './request-context.js';
import { systemActor } from './system-actor.js';

/** Starts `approvalId` on a record the actor may read; VERSION_CONFLICT when one is pending. */
export async function startRecordApproval(
  services: ServerServices,
  req: EntityRequest,
  recordId: string,
  approvalId: string,
): Promise<ApprovalInstance> {
  const { store } = services;
  const { actor, entity, pub } = req;
  authorize(req.ctx, 'read');
  const record = unwrap(await req.records.get(recordId));
  const approval = pub.definition.approvals.find((a) => a.id === approvalId && a.entity === entity.id);
  if (!approval) fail('NOT_FOUND', '/approval');
  const { users } = await directoryOf(store, actor.workspaceId);
  const started = await store.automation.transaction((trx) =>
    startApprovalOn(store, trx, {
      workspaceId: actor.workspaceId,
      appId: pub.appId,
      approval,
      record,
      users,
      startedBy: actor.userId,
      now: req.now,
      timeZone: req.timeZone,
    }),
  );
  const instance = unwrap(started);
  if (!instance)
    fail('VERSION_CONFLICT', '/approval', {
      en: 'This approval is already pending on the record.',
      'zh-CN': '该记录上已有进行中的此审批。',
    });
  return instance;
}

/** What an approver decides. */
export interface ApprovalDecision {
  decision: 'approve' | 'reject';
  comment?: string | undefined;
  branch?: string | undefined;
}

/**
 * Records the actor's decision on an approval of their workspace. Two approvers deciding at the
 * same moment: the loser re-reads and decides on the new state (up to three tries).
 */
export async function decideRecordApproval(
  services: ServerServices,
  actor: Actor,
  instanceId: string,
  ask: ApprovalDecision,
): Promise<ApprovalInstance> {
  const { store, published } = services;
  const ws = actor.workspaceId;
  const now = services.clock.now();
  const { users } = await directoryOf(store, ws);
  for (let attempt = 0; attempt < 3; attempt++) {
    const instance = await store.automation.approvals.get(ws, instanceId);
    if (!instance) fail('NOT_FOUND', '/id');
    const pub = await published.latest(systemActor(ws), instance.appId);
    const approval = pub.definition.approvals.find((a) => a.id === instance.approvalId);
    if (!approval) fail('NOT_FOUND', '/id');
    // The approver decides on the record as it is, whether or not their scope reaches it.
    const record = unwrap(
      await store.records.get(systemActor(ws), instance.appId, instance.entityId, instance.recordId),
    );
    const result = await decideOn(store, {
      workspaceId: ws,
      instance,
      approval,
      record,
      users,
      user: actor.userId,
      decision: ask.decision,
      comment: ask.comment ?? null,
      ...(ask.branch ? { branch: ask.branch } : {}),
      now,
    });
    if (result.ok) return result.value;
    if (!('conflict' in result)) throw new IssuesError(result.issues);
  }
  fail('VERSION_CONFLICT', '/id');
}
