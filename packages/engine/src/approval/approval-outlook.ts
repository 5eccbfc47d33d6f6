/**
 * How an approval stands on a record before anyone tries the guarded move: whether its entry
 * criteria hold, and per step and branch who decides and what they decided. Pure: approvers come
 * from the resolver, the state from the record's latest instance (none when not started).
 */
import type { Approval } from '@stagecraft/schema';
import { conditionHolds } from '../automation/condition.js';
import type { AutomationContext, AutomationRecord } from '../automation/types.js';
import { branchStatus } from './approval-step.js';
import type { ApprovalDecision, ApprovalState, ApproverResolver } from './types.js';

/** One branch: who decides it (user ids), how it stands, and its decisions. */
export interface BranchOutlook {
  id: string;
  deciders: string[];
  /** `waiting`: its step has not opened yet (or the approval was not started). */
  status: 'waiting' | 'pending' | 'approved' | 'rejected';
  decisions: ApprovalDecision[];
}

/** The whole approval as the record page shows it. */
export interface ApprovalOutlook {
  approval: string;
  /** Whether the record meets the entry criteria (a rule that cannot be evaluated counts as met). */
  applies: boolean;
  status: 'not_required' | 'not_started' | 'pending' | 'approved' | 'rejected';
  steps: { id: string; current: boolean; branches: BranchOutlook[] }[];
}

/** The outlook of `approval` on `record`, given the newest instance's state (undefined: none). */
export function approvalOutlook(
  approval: Approval,
  record: AutomationRecord,
  state: ApprovalState | undefined,
  resolve: ApproverResolver,
  context: AutomationContext,
): ApprovalOutlook {
  const holds = conditionHolds(approval.entryCriteria, record, null, context);
  const applies = !holds.ok || holds.value;
  const status = state?.status ?? (applies ? 'not_started' : 'not_required');
  const steps = approval.steps.map((step, index) => {
    const current = state?.status === 'pending' && state.stepIndex === index;
    const reached = state !== undefined && index <= state.stepIndex;
    const branches = step.branches.map((branch): BranchOutlook => {
      const decisions = (state?.decisions ?? []).filter((d) => d.step === step.id && d.branch === branch.id);
      if (!reached)
        return { id: branch.id, deciders: resolve(branch.approvers), status: 'waiting', decisions };
      const deciders =
        state.stepIndex === index
          ? (state.approvers[branch.id] ?? [])
          : [...new Set(decisions.map((d) => d.user))];
      return { id: branch.id, deciders, status: branchStatus(branch, deciders, decisions), decisions };
    });
    return { id: step.id, current, branches };
  });
  return { approval: approval.id, applies, status, steps };
}
