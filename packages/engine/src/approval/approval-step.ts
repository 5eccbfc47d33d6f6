import type { Approval, Issue } from '@stagecraft/schema';
import { issue } from '@stagecraft/schema';
import { conditionHolds } from '../automation/condition.js';
import type { AutomationContext, AutomationRecord } from '../automation/types.js';
import type { ApprovalDecision, ApprovalEffect, ApprovalState, ApproverResolver } from './types.js';

type Step = Approval['steps'][number];
type Branch = Step['branches'][number];
type Outcome = { ok: true; state: ApprovalState; effects: ApprovalEffect[] } | { ok: false; issues: Issue[] };

/** How a branch stands from its decisions: `all` needs every approver, `any` one; one reject rejects. */
export function branchStatus(
  branch: Branch,
  approvers: readonly string[],
  decisions: readonly ApprovalDecision[],
) {
  const mine = decisions.filter((d) => d.branch === branch.id);
  if (mine.some((d) => d.decision === 'reject')) return 'rejected' as const;
  const approved = new Set(mine.filter((d) => d.decision === 'approve').map((d) => d.user));
  if (
    branch.mode === 'any'
      ? approved.size > 0
      : approvers.length > 0 && approvers.every((a) => approved.has(a))
  )
    return 'approved' as const;
  return 'pending' as const;
}

function openStep(
  approval: Approval,
  index: number,
  state: ApprovalState,
  resolve: ApproverResolver,
  at: string,
): { state: ApprovalState; effects: ApprovalEffect[] } {
  const step = approval.steps[index];
  if (!step)
    return {
      state: { ...state, status: 'approved', stepIndex: index, approvers: {}, finishedAt: at },
      effects: [{ type: 'finished', status: 'approved' }],
    };
  const approvers = Object.fromEntries(step.branches.map((b) => [b.id, resolve(b.approvers)]));
  return {
    state: { ...state, stepIndex: index, approvers },
    effects: step.branches.map((b) => ({
      type: 'request',
      step: step.id,
      branch: b.id,
      users: approvers[b.id] ?? [],
    })),
  };
}

/**
 * Starts an approval on a record: refused (TRANSITION_BLOCKED is not the point here, so
 * APPROVAL_NOT_APPLICABLE) when the entry criteria do not hold; otherwise the first step opens
 * with all its branches in parallel.
 */
export function startApproval(
  approval: Approval,
  record: AutomationRecord,
  resolve: ApproverResolver,
  context: AutomationContext,
): Outcome {
  const holds = conditionHolds(approval.entryCriteria, record, null, context);
  if (!holds.ok || !holds.value) return { ok: false, issues: [issue('APPROVAL_NOT_APPLICABLE', '')] };
  const at = context.now.toISOString();
  const initial: ApprovalState = {
    approval: approval.id,
    status: 'pending',
    stepIndex: 0,
    approvers: {},
    decisions: [],
    startedAt: at,
    finishedAt: null,
  };
  return { ok: true, ...openStep(approval, 0, initial, resolve, at) };
}

/** The branches of the current step the user may still decide. */
export function waitingBranches(approval: Approval, state: ApprovalState, user: string): Branch[] {
  if (state.status !== 'pending') return [];
  const step = approval.steps[state.stepIndex];
  if (!step) return [];
  return step.branches.filter(
    (b) =>
      (state.approvers[b.id] ?? []).includes(user) &&
      branchStatus(b, state.approvers[b.id] ?? [], state.decisions) === 'pending' &&
      !state.decisions.some((d) => d.branch === b.id && d.user === user && d.step === step.id),
  );
}

/**
 * The pure step of an approval: a user approves or rejects a branch of the current step (or every
 * branch they may decide when none is named). One rejection rejects the whole approval; when every
 * branch of the step is approved the next step opens; after the last step it is approved.
 */
export function decideApproval(
  approval: Approval,
  state: ApprovalState,
  input: { user: string; decision: 'approve' | 'reject'; comment?: string | null; branch?: string; at: Date },
  resolve: ApproverResolver,
): Outcome {
  if (state.status !== 'pending') return { ok: false, issues: [issue('APPROVAL_CLOSED', '')] };
  const step = approval.steps[state.stepIndex] as Step;
  const open = waitingBranches(approval, state, input.user).filter(
    (b) => !input.branch || b.id === input.branch,
  );
  if (open.length === 0)
    return { ok: false, issues: [issue('NOT_AN_APPROVER', input.branch ? '/branch' : '')] };
  const at = input.at.toISOString();
  const decisions = [
    ...state.decisions,
    ...open.map((b) => ({
      step: step.id,
      branch: b.id,
      user: input.user,
      decision: input.decision,
      comment: input.comment ?? null,
      at,
    })),
  ];
  const next: ApprovalState = { ...state, decisions };
  if (input.decision === 'reject')
    return {
      ok: true,
      state: { ...next, status: 'rejected', finishedAt: at },
      effects: [{ type: 'finished', status: 'rejected' }],
    };
  const done = step.branches.every(
    (b) => branchStatus(b, next.approvers[b.id] ?? [], decisions) === 'approved',
  );
  if (!done) return { ok: true, state: next, effects: [] };
  return { ok: true, ...openStep(approval, state.stepIndex + 1, next, resolve, at) };
}

/**
 * Issues that block a transition guarded by approvals: an approval guarding it whose entry criteria
 * hold must have been approved. `latest` is the newest instance of each approval on the record.
 */
export function approvalGuardIssues(
  approvals: readonly Approval[],
  entity: string,
  transitionId: string,
  record: AutomationRecord,
  latest: Readonly<Record<string, ApprovalState | undefined>>,
  context: AutomationContext,
): Issue[] {
  const out: Issue[] = [];
  for (const approval of approvals) {
    if (approval.entity !== entity || !approval.guardsTransitions?.includes(transitionId)) continue;
    const holds = conditionHolds(approval.entryCriteria, record, null, context);
    if (holds.ok && !holds.value) continue;
    const state = latest[approval.id];
    if (state?.status === 'approved') continue;
    out.push(
      issue('APPROVAL_PENDING', '', undefined, {
        approval: approval.id,
        status: state?.status ?? 'not_started',
      }),
    );
  }
  return out;
}
