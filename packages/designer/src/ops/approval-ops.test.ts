import { type App, validateApp } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { DesignerCore } from '../core/designer-core.js';
import { normalizeDraft } from '../core/normalize.js';
import {
  addApproval,
  addApprovalBranch,
  addApprovalStep,
  removeApproval,
  removeApprovalBranch,
  removeApprovalStep,
  updateApproval,
  updateApprovalBranch,
} from './approval-ops.js';

const app = (): App =>
  normalizeDraft({
    schemaVersion: 2,
    id: 'demo',
    label: { en: 'Demo' },
    entities: [
      {
        id: 'order',
        label: { en: 'Order' },
        fields: [{ id: 'amount', label: { en: 'Amount' }, type: 'number' }],
      },
    ],
    roles: [{ id: 'legal', label: { en: 'Legal' }, permissions: [] }],
  });
const label = { en: 'Sign-off', 'zh-CN': '会签' };

describe('approval ops', () => {
  it('build a valid two-step approval with parallel branches by role, manager and named users; undo reverts', () => {
    const core = new DesignerCore(app(), 1);
    core.execute(addApproval('order', label));
    core.execute(updateApproval('approval1', { entryCriteria: { '>': [{ var: 'amount' }, 500000] } }));
    core.execute(addApprovalBranch('approval1', 'step1', label));
    core.execute(
      updateApprovalBranch('approval1', 'step1', 'branch2', { approvers: { type: 'role', role: 'legal' } }),
    );
    core.execute(addApprovalStep('approval1', label));
    core.execute(
      updateApprovalBranch('approval1', 'step2', 'branch3', {
        approvers: { type: 'users', users: ['u1'] },
        mode: 'all',
      }),
    );
    const a = core.state.doc.approvals[0]!;
    expect(a.steps.map((s) => s.branches.map((b) => b.approvers.type))).toEqual([
      ['manager_chain', 'role'],
      ['users'],
    ]);
    expect(validateApp(core.state.doc).ok).toBe(true);

    core.execute(updateApproval('approval1', { entryCriteria: undefined }));
    expect(core.state.doc.approvals[0]).not.toHaveProperty('entryCriteria');
    // the last step and a step's last branch stay
    core.execute(removeApprovalStep('approval1', 'step2'));
    core.execute(removeApprovalStep('approval1', 'step1'));
    expect(core.state.doc.approvals[0]!.steps.map((s) => s.id)).toEqual(['step1']);
    core.execute(removeApprovalBranch('approval1', 'step1', 'branch1'));
    core.execute(removeApprovalBranch('approval1', 'step1', 'branch2'));
    expect(core.state.doc.approvals[0]!.steps[0]!.branches.map((b) => b.id)).toEqual(['branch2']);
    core.execute(removeApproval('approval1'));
    expect(core.state.doc.approvals).toEqual([]);
    while (core.undo());
    expect(core.state.doc.approvals).toEqual([]);
  });
});
