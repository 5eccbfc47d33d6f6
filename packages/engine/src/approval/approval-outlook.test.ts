import type { Approval } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { approvalOutlook } from './approval-outlook.js';
import { decideApproval, startApproval } from './approval-step.js';

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
        { id: 'legal', label, approvers: { type: 'users', users: ['l1'] }, mode: 'any' },
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
const ctx = { now: new Date(Date.UTC(2026, 2, 2)), timeZone: 'UTC' };
const big = { id: 'o', amount: 600000 };

describe('approval outlook', () => {
  it('is not required below the threshold, and lists who would decide before it starts', () => {
    expect(approvalOutlook(approval, { id: 'o', amount: 10 }, undefined, resolve, ctx)).toMatchObject({
      applies: false,
      status: 'not_required',
    });
    const before = approvalOutlook(approval, big, undefined, resolve, ctx);
    expect(before.status).toBe('not_started');
    expect(before.steps.map((s) => s.branches.map((b) => [b.id, b.status, b.deciders]))).toEqual([
      [
        ['tech', 'waiting', ['t1', 't2']],
        ['legal', 'waiting', ['l1']],
      ],
      [['ceo', 'waiting', ['ceo']]],
    ]);
  });

  it('follows the decisions: the open step is current, a closed one keeps who decided it', () => {
    const s0 = startApproval(approval, big, resolve, ctx);
    if (!s0.ok) throw new Error('start');
    const s1 = decideApproval(
      approval,
      s0.state,
      { user: 't2', decision: 'approve', comment: null, at: ctx.now },
      resolve,
    );
    if (!s1.ok) throw new Error('decide');
    const mid = approvalOutlook(approval, big, s1.state, resolve, ctx);
    expect(mid.status).toBe('pending');
    expect(mid.steps[0]!.current).toBe(true);
    expect(mid.steps[0]!.branches.map((b) => b.status)).toEqual(['approved', 'pending']);
    const s2 = decideApproval(
      approval,
      s1.state,
      { user: 'l1', decision: 'approve', comment: 'ok', at: ctx.now },
      resolve,
    );
    if (!s2.ok) throw new Error('decide');
    const next = approvalOutlook(approval, big, s2.state, resolve, ctx);
    expect(next.steps.map((s) => s.current)).toEqual([false, true]);
    expect(next.steps[0]!.branches.map((b) => [b.status, b.deciders])).toEqual([
      ['approved', ['t2']],
      ['approved', ['l1']],
    ]);
    expect(next.steps[1]!.branches[0]).toMatchObject({ status: 'pending', deciders: ['ceo'] });
  });
});
