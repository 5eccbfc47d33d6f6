import { describe, expect, it } from 'vitest';
import { explain } from './explain.js';

const labels = {
  amount: { 'zh-CN': '金额', en: 'Amount' },
  approvals: { 'zh-CN': '审批数', en: 'Approvals' },
  budget: { 'zh-CN': '预算', en: 'Budget' },
};
const rule = {
  and: [
    { '!!': { var: 'budget' } },
    { if: [{ '>': [{ var: 'amount' }, 500000] }, { '>=': [{ var: 'approvals' }, 3] }, true] },
  ],
};

describe('explain', () => {
  it('is ok when the condition holds', () => {
    expect(explain(rule, { budget: 1, amount: 800000, approvals: 3 }, {}, { locale: 'en', labels })).toEqual({
      ok: true,
      failed: [],
    });
  });

  it('names the failed clauses with labels, grouped numbers and the current value, in Chinese', () => {
    const out = explain(rule, { amount: 800000, approvals: 1 }, {}, { locale: 'zh-CN', labels });
    expect(out.ok).toBe(false);
    expect(out.failed).toEqual([
      { path: '/and/0', text: '预算 不为空' },
      { path: '/and/1/if/1', text: '当 金额 > 500,000 时，审批数 ≥ 3（当前：1）' },
    ]);
  });

  it('speaks English', () => {
    const out = explain(
      { '>': [{ var: 'amount' }, 500000] },
      { amount: 300000 },
      {},
      { locale: 'en', labels },
    );
    expect(out.failed).toEqual([{ path: '', text: 'Amount > 500,000 (currently 300,000)' }]);
  });
});

describe('explain of required fields', () => {
  it('names only the missing fields', () => {
    const required = { '!': { missing: ['budget', 'amount', 'approvals'] } };
    expect(explain(required, { amount: 1 }, {}, { locale: 'zh-CN', labels }).failed).toEqual([
      { path: '', text: '请填写 预算、审批数' },
    ]);
    expect(explain(required, { amount: 1, approvals: '' }, {}, { locale: 'en', labels }).failed).toEqual([
      { path: '', text: 'fill in Budget, Approvals' },
    ]);
  });
});
