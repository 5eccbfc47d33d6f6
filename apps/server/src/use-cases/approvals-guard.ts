/**
 * The approval lock of guarded transitions: a transition listed in an approval's
 * `guardsTransitions` is refused (422 TRANSITION_BLOCKED with APPROVAL_PENDING, "waiting for
 * approval") while the record meets the approval's entry criteria and its latest instance is not
 * approved. The decision is the engine's `approvalGuardIssues`.
 */
import { type ApprovalState, approvalGuardIssues } from '@stagecraft/engine';
import type { Issue } from '@stagecraft/schema';
import type { RecordData } from '@stagecraft/store';
import type { ServerServices } from '../services.js';
import type { EntityRequest } from './request-context.js';

/** Issues blocking `transitionId` on the record because of approvals; empty when nothing guards it. */
export async function approvalIssues(
  services: ServerServices,
  req: EntityRequest,
  record: RecordData,
  transitionId: string,
): Promise<Issue[]> {
  const { actor, pub } = req;
  const entityId = req.entity.id;
  const guarding = pub.definition.approvals.filter(
    (a) => a.entity === entityId && a.guardsTransitions?.includes(transitionId),
  );
  if (guarding.length === 0) return [];
  const instances = await services.store.automation.approvals.ofRecord(
    actor.workspaceId,
    pub.appId,
    entityId,
    record.id,
  );
  const latest: Record<string, ApprovalState> = {};
  for (const instance of instances)
    latest[instance.approvalId] ??= instance.state as unknown as ApprovalState;
  return approvalGuardIssues(guarding, entityId, transitionId, record, latest, {
    now: req.now,
    timeZone: req.timeZone,
  });
}
