import type { Approval } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { approvalGuardIssues, decideApproval, startApproval, waitingBranches } from './approval-step.js';

const label = { en: 'x', 'zh-CN': 'x' };
const approval: Approval = {
  id: 'bigOrder',
  label,
  entity: 'order',
  entryCriteria: { '>': [{ var: 'amount' }, 500000] },
  guardsTransitions: ['ship'],
  steps: [
    {
      id: 'review',
      label,
      branches: [
        { id: 'tech', label, approvers: { type: 'role', role: 'tech' }, mode: 'any' },
        { id: 'legal', label, approvers: { type: 'users', users: ['l1', 'l2'] }, mode: 'all' },
      ],
    },
    {
      id: 'final',
      label,
      branches: [{ id: 'ceo', label, approvers: { type: 'users', users: ['ceo'] }, mode: 'any' }],
    },
  ],
};
const resolve = (a: Approval['steps'][number]['branches'][number]['approvers']) =>
  a.type === 'users' ? a.users : a.type === 'role' ? ['t1', 't2'] : [];
const at = (h: number) => new Date(Date.UTC(2026, 2, 2, h));
const ctx = { now: at(0), timeZone: 'UTC' };

describe('approval state machine', () => {
  it('refuses records outside the entry criteria', () => {
    const r = startApproval(approval, { id: 'o', amount: 10 }, resolve, ctx);
    expect(r.ok ? null : r.issues[0]?.code).toBe('APPROVAL_NOT_APPLICABLE');
  });
  it('runs branches in parallel, steps in sequence, all/any, and keeps history', () => {
    const s0 = startApproval(approval, { id: 'o', amount: 600000 }, resolve, ctx);
    if (!s0.ok) throw new Error('start');
    expect(s0.effects.map((e) => e.type === 'request' && e.branch)).toEqual(['tech', 'legal']);
    const s1 = decideApproval(approval, s0.state, { user: 'l1', decision: 'approve', at: at(1) }, resolve);
    if (!s1.ok) throw new Error('s1');
    expect(waitingBranches(approval, s1.state, 'l1')).toEqual([]);
    expect(waitingBranches(approval, s1.state, 'l2').map((b) => b.id)).toEqual(['legal']);
    const s2 = decideApproval(approval, s1.state, { user: 't2', decision: 'approve', at: at(2) }, resolve);
    if (!s2.ok) throw new Error('s2');
    expect(s2.state.stepIndex).toBe(0);
    const s3 = decideApproval(
      approval,
      s2.state,
      { user: 'l2', decision: 'approve', comment: 'ok', at: at(3) },
      resolve,
    );
    if (!s3.ok) throw new Error('s3');
    expect(s3.state.stepIndex).toBe(1);
    expect(s3.effects).toEqual([{ type: 'request', step: 'final', branch: 'ceo', users: ['ceo'] }]);
    const guard = (s: typeof s3.state) =>
      approvalGuardIssues([approval], 'order', 'ship', { id: 'o', amount: 600000 }, { bigOrder: s }, ctx).map(
        (i) => i.code,
      );
    expect(guard(s3.state)).toEqual(['APPROVAL_PENDING']);
    const s4 = decideApproval(approval, s3.state, { user: 'ceo', decision: 'approve', at: at(4) }, resolve);
    if (!s4.ok) throw new Error('s4');
    expect(s4.state.status).toBe('approved');
    expect(guard(s4.state)).toEqual([]);
    expect(s4.state.decisions.map((d) => [d.branch, d.user, d.decision, d.at])).toEqual([
      ['legal', 'l1', 'approve', at(1).toISOString()],
      ['tech', 't2', 'approve', at(2).toISOString()],
      ['legal', 'l2', 'approve', at(3).toISOString()],
      ['ceo', 'ceo', 'approve', at(4).toISOString()],
    ]);
  });
  it('one rejection stops it; outsiders and late deciders are refused', () => {
    const s0 = startApproval(approval, { id: 'o', amount: 600000 }, resolve, ctx);
    if (!s0.ok) throw new Error('start');
    const bad = decideApproval(approval, s0.state, { user: 'ceo', decision: 'approve', at: at(1) }, resolve);
    expect(bad.ok ? null : bad.issues[0]?.code).toBe('NOT_AN_APPROVER');
    const r = decideApproval(
      approval,
      s0.state,
      { user: 't1', decision: 'reject', comment: 'no', at: at(1) },
      resolve,
    );
    if (!r.ok) throw new Error('r');
    expect(r.state.status).toBe('rejected');
    const late = decideApproval(approval, r.state, { user: 'l1', decision: 'approve', at: at(2) }, resolve);
    expect(late.ok ? null : late.issues[0]?.code).toBe('APPROVAL_CLOSED');
    expect(approvalGuardIssues([approval], 'order', 'ship', { id: 'o', amount: 10 }, {}, ctx)).toEqual([]);
  });
});
