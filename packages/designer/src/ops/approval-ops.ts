/**
 * Approval definitions as the designer edits them: add one on an entity (one step, one branch),
 * set its label, threshold and guarded moves, add, change and remove steps and branches, and pick
 * a branch's approvers (a role, the owner's manager chain, named users). Each is one undoable command.
 */
import type { Approval, LocalizedText } from '@stagecraft/schema';
import { type Command, command } from '../core/command.js';
import { uniqueId } from '../core/ids.js';
import { indexOf } from './find.js';

type Step = Approval['steps'][number];
type Branch = Step['branches'][number];

const mapApproval = (approvalId: string, what: string, edit: (a: Approval) => Approval): Command =>
  command(`${what} ${approvalId}`, (app) => {
    const i = indexOf(app.approvals, approvalId, 'approval');
    const approvals = [...app.approvals];
    approvals[i] = edit(approvals[i] as Approval);
    return { ...app, approvals };
  });

const mapStep = (a: Approval, stepId: string, edit: (s: Step) => Step): Approval => {
  const i = indexOf(a.steps, stepId, 'approval step');
  const steps = [...a.steps];
  steps[i] = edit(steps[i] as Step);
  return { ...a, steps };
};

const newBranch = (taken: string[], label: LocalizedText): Branch => ({
  id: uniqueId('branch', taken),
  label,
  approvers: { type: 'manager_chain', levels: 1 },
  mode: 'any',
});

const branchIds = (a: Approval) => a.steps.flatMap((s) => s.branches.map((b) => b.id));

/** Adds an approval on an entity: one step with one branch decided by the owner's manager. */
export function addApproval(entityId: string, label: LocalizedText): Command {
  return command('add approval', (app) => {
    const id = uniqueId(
      'approval',
      app.approvals.map((a) => a.id),
    );
    const approval: Approval = {
      id,
      label,
      entity: entityId,
      guardsTransitions: [],
      steps: [{ id: 'step1', label, branches: [newBranch([], label)] }],
    };
    return { ...app, approvals: [...app.approvals, approval] };
  });
}

/** Sets the label, threshold (`entryCriteria`, undefined: always) or guarded transitions. */
export function updateApproval(
  approvalId: string,
  patch: Partial<Pick<Approval, 'label' | 'entryCriteria' | 'guardsTransitions'>>,
): Command {
  return mapApproval(approvalId, 'edit approval', (a) => {
    const next: Approval = { ...a, ...patch };
    if ('entryCriteria' in patch && patch.entryCriteria === undefined) delete next.entryCriteria;
    return next;
  });
}

/** Removes an approval (records keep their past approval history). */
export function removeApproval(approvalId: string): Command {
  return command(`remove approval ${approvalId}`, (app) => ({
    ...app,
    approvals: app.approvals.filter((a) => a.id !== approvalId),
  }));
}

/** Appends a step (steps run in sequence) with one branch. */
export function addApprovalStep(approvalId: string, label: LocalizedText): Command {
  return mapApproval(approvalId, 'add step to', (a) => {
    const id = uniqueId(
      'step',
      a.steps.map((s) => s.id),
    );
    return { ...a, steps: [...a.steps, { id, label, branches: [newBranch(branchIds(a), label)] }] };
  });
}

/** Removes a step; the last step stays (an approval needs one). */
export function removeApprovalStep(approvalId: string, stepId: string): Command {
  return mapApproval(approvalId, 'remove step from', (a) =>
    a.steps.length <= 1 ? a : { ...a, steps: a.steps.filter((s) => s.id !== stepId) },
  );
}

/** Adds a parallel branch to a step. */
export function addApprovalBranch(approvalId: string, stepId: string, label: LocalizedText): Command {
  return mapApproval(approvalId, 'add branch to', (a) =>
    mapStep(a, stepId, (s) => ({ ...s, branches: [...s.branches, newBranch(branchIds(a), label)] })),
  );
}

/** Sets a branch's label, approvers (role, manager chain, users) or mode (`any` / `all`). */
export function updateApprovalBranch(
  approvalId: string,
  stepId: string,
  branchId: string,
  patch: Partial<Pick<Branch, 'label' | 'approvers' | 'mode'>>,
): Command {
  return mapApproval(approvalId, 'edit branch of', (a) =>
    mapStep(a, stepId, (s) => {
      const i = indexOf(s.branches, branchId, 'approval branch');
      const branches = [...s.branches];
      branches[i] = { ...(branches[i] as Branch), ...patch };
      return { ...s, branches };
    }),
  );
}

/** Removes a branch; a step's last branch stays. */
export function removeApprovalBranch(approvalId: string, stepId: string, branchId: string): Command {
  return mapApproval(approvalId, 'remove branch from', (a) =>
    mapStep(a, stepId, (s) =>
      s.branches.length <= 1 ? s : { ...s, branches: s.branches.filter((b) => b.id !== branchId) },
    ),
  );
}
