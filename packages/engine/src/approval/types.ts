import type { Approval } from '@stagecraft/schema';

/** One decision on a branch: who, what, when, why. Append-only. */
export interface ApprovalDecision {
  step: string;
  branch: string;
  user: string;
  decision: 'approve' | 'reject';
  comment: string | null;
  at: string;
}

/** Where an approval stands; the full history is its decision list. */
export interface ApprovalState {
  approval: string;
  status: 'pending' | 'approved' | 'rejected';
  /** Index of the step waiting for decisions (steps.length when approved). */
  stepIndex: number;
  /** Approvers resolved per branch of the current step when it opened (the role or chain at that time). */
  approvers: Record<string, string[]>;
  decisions: ApprovalDecision[];
  startedAt: string;
  finishedAt: string | null;
}

/** Resolves a branch's approvers to user ids (role members, manager chain of the owner, named users). */
export type ApproverResolver = (
  approvers: Approval['steps'][number]['branches'][number]['approvers'],
) => string[];

/** What the runner does after a decision (notify the next approvers, notify the owner). */
export type ApprovalEffect =
  | { type: 'request'; step: string; branch: string; users: string[] }
  | { type: 'finished'; status: 'approved' | 'rejected' };
