import { StageMachine } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { availableTransitions } from './available.js';
import { stepTransition } from './step.js';
import type { StageRecord, TransitionContext } from './types.js';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const stage = (
  id: string,
  zh: string,
  en: string,
  category: 'open' | 'won' | 'lost' = 'open',
  maxHours?: number,
) => ({
  id,
  label: L(zh, en),
  category,
  probability: category === 'won' ? 100 : category === 'lost' ? 0 : 20,
  forecastCategory: 'pipeline' as const,
  ...(maxHours ? { sla: { maxHours } } : {}),
});

/** A pipeline written for this test only: contact → needs → proposal → negotiation → won, plus lost and reopen. */
const machine = StageMachine.parse({
  id: 'pipeline',
  entity: 'deal',
  label: L('管道', 'Pipeline'),
  initialStage: 'contact',
  stages: [
    stage('contact', '初步接触', 'First contact', 'open', 72),
    stage('needs', '需求确认', 'Needs confirmed'),
    stage('proposal', '方案提交', 'Proposal'),
    stage('negotiation', '报价谈判', 'Negotiation'),
    stage('won', '签约执行', 'Won', 'won'),
    stage('lost', '输单', 'Lost', 'lost'),
  ],
  transitions: [
    { id: 'qualify', label: L('确认需求', 'Confirm needs'), from: ['contact'], to: 'needs' },
    {
      id: 'propose',
      label: L('提交方案', 'Submit proposal'),
      from: ['needs'],
      to: 'proposal',
      roles: ['member', 'manager'],
      entryCriteria: [
        {
          id: 'hasAmount',
          rule: { '>': [{ var: 'amount' }, 0] },
          message: L('金额必须大于 0', 'Amount must be positive'),
          field: 'amount',
        },
      ],
      fields: [
        { field: 'painPoints' },
        {
          field: 'budget',
          validation: {
            rule: { '>=': [{ var: 'budget' }, 1000] },
            message: L('预算至少 1000', 'Budget at least 1000'),
          },
        },
      ],
      evidence: [
        {
          id: 'minutes',
          label: L('会议纪要', 'Meeting minutes'),
          minCount: 1,
          accept: ['application/pdf', 'image/*'],
        },
      ],
      exitCriteria: [
        {
          id: 'budgetCovers',
          rule: { '>=': [{ var: 'budget' }, { var: 'amount' }] },
          message: L('预算需覆盖金额', 'Budget must cover the amount'),
          field: 'budget',
        },
      ],
    },
    {
      id: 'negotiate',
      label: L('报价', 'Quote'),
      from: ['proposal'],
      to: 'negotiation',
      evidence: [{ id: 'photos', label: L('现场照片', 'Site photos'), minCount: 3, accept: ['image/*'] }],
    },
    { id: 'win', label: L('签约', 'Win'), from: ['negotiation'], to: 'won', roles: ['manager'] },
    { id: 'lose', label: L('输单', 'Lose'), from: ['@open'], to: 'lost' },
    { id: 'reopen', label: L('重新打开', 'Reopen'), from: ['@lost'], to: 'contact', roles: ['manager'] },
  ],
});

const ctx = (over: Partial<TransitionContext> = {}): TransitionContext => ({
  user: { id: 'u1', roles: ['member'] },
  now: '2026-03-02T12:00:00.000Z',
  locale: 'zh-CN',
  labels: {
    painPoints: L('痛点清单', 'Pain points'),
    budget: L('预算', 'Budget'),
    amount: L('金额', 'Amount'),
  },
  ...over,
});

const record = (over: Partial<StageRecord> = {}): StageRecord => ({
  stage: 'contact',
  stageEnteredAt: '2026-03-01T12:00:00.000Z',
  amount: 5000,
  ...over,
});

describe('stepTransition', () => {
  it('refuses a skip and says which moves exist from here', () => {
    const r = stepTransition(machine, record(), { to: 'proposal' }, ctx());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({
      code: 'TRANSITION_NOT_FOUND',
      path: '/to',
      message: '初步接触只能推进到需求确认或输单。',
    });
    expect(r.issues[0]?.details).toMatchObject({
      kind: 'skip',
      available: [
        { transition: 'qualify', to: 'needs' },
        { transition: 'lose', to: 'lost' },
      ],
    });
    const en = stepTransition(machine, record(), { to: 'proposal' }, ctx({ locale: 'en' }));
    expect(en.ok ? '' : en.issues[0]?.message).toBe(
      'First contact can only move to Needs confirmed or Lost.',
    );
  });

  it('moves along a declared transition and records history with the dwell time', () => {
    const r = stepTransition(machine, record(), { to: 'needs' }, ctx());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record).toMatchObject({
      stage: 'needs',
      stageEnteredAt: '2026-03-02T12:00:00.000Z',
      amount: 5000,
    });
    expect(r.changes).toEqual({ stage: 'needs', stageEnteredAt: '2026-03-02T12:00:00.000Z' });
    expect(r.history).toEqual({
      from: 'contact',
      to: 'needs',
      transitionId: 'qualify',
      actor: 'u1',
      at: '2026-03-02T12:00:00.000Z',
      dwellMs: 86_400_000,
    });
  });

  it('lists every unmet condition at once: field, evidence, entry and exit criteria', () => {
    const r = stepTransition(
      machine,
      record({ stage: 'needs', amount: 0 }),
      { to: 'proposal', fields: { budget: 500 } },
      ctx(),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['RULE_FAILED', '/record/amount'],
      ['FIELD_REQUIRED', '/fields/painPoints'],
      ['RULE_FAILED', '/fields/budget'],
      ['EVIDENCE_MISSING', '/evidence/minutes'],
    ]);
    expect(r.issues[1]?.message).toBe('执行“提交方案”需要填写痛点清单。');
    expect(r.issues[3]?.message).toBe('会议纪要：需要 1 个文件，已有 0 个。');
    expect(r.issues[3]?.details).toMatchObject({ required: 1, has: 0 });
  });

  it('checks exit criteria on the record with the fields applied', () => {
    const req = {
      to: 'proposal',
      fields: { painPoints: '交付慢', budget: 2000 },
      evidence: { minutes: [{ id: 'a1', mime: 'application/pdf', name: 'm.pdf' }] },
    };
    const r = stepTransition(machine, record({ stage: 'needs', amount: 5000 }), req, ctx());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      expect.objectContaining({
        code: 'RULE_FAILED',
        path: '/fields/budget',
        message: '预算需覆盖金额',
        details: expect.objectContaining({ kind: 'exitCriterion' }),
      }),
    ]);
  });

  it('succeeds with the fields and evidence, applies the fields and describes after-actions', () => {
    const req = {
      to: 'proposal',
      fields: { painPoints: '交付慢', budget: 8000 },
      evidence: { minutes: [{ id: 'a1', mime: 'application/pdf', name: 'm.pdf' }] },
    };
    const r = stepTransition(
      machine,
      record({ stage: 'needs', stageEnteredAt: '2026-03-02T10:00:00.000Z' }),
      req,
      ctx(),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.changes).toEqual({
      painPoints: '交付慢',
      budget: 8000,
      stage: 'proposal',
      stageEnteredAt: '2026-03-02T12:00:00.000Z',
    });
    expect(r.history.dwellMs).toBe(7_200_000);
    expect(r.evidence).toEqual({ minutes: ['a1'] });
  });

  it('counts evidence by kind and refuses files of the wrong type', () => {
    const photos = [
      { id: 'p1', mime: 'image/jpeg', name: 'door.jpg' },
      { id: 'p1', mime: 'image/jpeg', name: 'door.jpg' },
      { id: 'd1', mime: 'application/pdf', name: 'x.pdf' },
    ];
    const r = stepTransition(
      machine,
      record({ stage: 'proposal' }),
      { to: 'negotiation', evidence: { photos, other: [] } },
      ctx({ locale: 'en' }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['VALIDATION_FAILED', '/evidence/other'],
      ['UPLOAD_TYPE_FORBIDDEN', '/evidence/photos/2'],
      ['EVIDENCE_MISSING', '/evidence/photos'],
    ]);
    expect(r.issues[2]?.message).toBe('Site photos: needs 3 files, has 1.');
  });

  it('refuses a role without the right, together with the other conditions', () => {
    const r = stepTransition(machine, record({ stage: 'negotiation' }), { to: 'won' }, ctx());
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['FORBIDDEN']);
    expect(r.ok ? '' : r.issues[0]?.message).toBe('只有manager可以执行“签约”。');
    expect(
      stepTransition(
        machine,
        record({ stage: 'negotiation' }),
        { to: 'won' },
        ctx({ user: { id: 'm', roles: ['manager'] } }),
      ).ok,
    ).toBe(true);
  });

  it('runs common transitions from a category wildcard: lost from any open stage, reopen from lost', () => {
    for (const s of ['contact', 'needs', 'proposal', 'negotiation']) {
      expect(stepTransition(machine, record({ stage: s }), { to: 'lost' }, ctx()).ok).toBe(true);
    }
    expect(stepTransition(machine, record({ stage: 'won' }), { to: 'lost' }, ctx()).ok).toBe(false);
    const reopened = stepTransition(
      machine,
      record({ stage: 'lost' }),
      { to: 'contact' },
      ctx({ user: { id: 'm', roles: ['manager'] } }),
    );
    expect(reopened.ok && reopened.history).toMatchObject({
      from: 'lost',
      to: 'contact',
      transitionId: 'reopen',
    });
  });

  it('treats a record without a stage as being in the initial stage, and refuses unknown and same stages', () => {
    const r = stepTransition(machine, record({ stage: null, stageEnteredAt: null }), { to: 'needs' }, ctx());
    expect(r.ok && r.history).toMatchObject({ from: 'contact', dwellMs: null });
    const created = record({ stage: null, stageEnteredAt: null, createdAt: '2026-03-02T11:00:00.000Z' });
    const fromCreation = stepTransition(machine, created, { to: 'needs' }, ctx());
    expect(fromCreation.ok && fromCreation.history).toMatchObject({ from: 'contact', dwellMs: 3_600_000 });
    const unknown = stepTransition(machine, record(), { to: 'nowhere' }, ctx({ locale: 'en' }));
    expect(unknown.ok ? '' : unknown.issues[0]?.message).toBe('“nowhere” is not a stage of this process.');
    const same = stepTransition(machine, record(), { to: 'contact' }, ctx());
    expect(same.ok ? '' : same.issues[0]?.code).toBe('TRANSITION_NOT_FOUND');
  });

  it('refuses fields the transition does not fill and never lets them through', () => {
    const r = stepTransition(machine, record(), { to: 'needs', fields: { amount: 1 } }, ctx());
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([['UNKNOWN_FIELD', '/fields/amount']]);
  });

  describe('setFields', () => {
    /** A visit whose check-in stamps the server time and copies the given location into a note. */
    const visits = StageMachine.parse({
      id: 'visitFlow',
      entity: 'visit',
      label: L('拜访', 'Visit'),
      initialStage: 'planned',
      stages: [stage('planned', '待拜访', 'Planned'), stage('arrived', '已到店', 'Arrived')],
      transitions: [
        {
          id: 'arrive',
          label: L('签到', 'Check in'),
          from: ['planned'],
          to: 'arrived',
          fields: [{ field: 'spot' }],
          setFields: { arrivedAt: { now: [] }, note: { cat: ['at ', { var: 'spot' }] } },
          exitCriteria: [
            {
              id: 'stamped',
              rule: { '!!': [{ var: 'arrivedAt' }] },
              message: L('需要签到时间', 'Needs the time'),
            },
          ],
        },
      ],
    });

    it('writes rule values on the server clock with the move, over what the user sent', () => {
      const r = stepTransition(
        visits,
        { stage: 'planned', stageEnteredAt: null, arrivedAt: '2020-01-01T00:00:00.000Z' },
        { to: 'arrived', fields: { spot: 'door' } },
        ctx(),
      );
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      expect(r.changes).toEqual({
        spot: 'door',
        arrivedAt: '2026-03-02T12:00:00.000Z',
        note: 'at door',
        stage: 'arrived',
        stageEnteredAt: '2026-03-02T12:00:00.000Z',
      });
      expect(r.record).toMatchObject({ arrivedAt: '2026-03-02T12:00:00.000Z', note: 'at door' });
    });

    it('never takes a set field from the request', () => {
      const r = stepTransition(
        visits,
        { stage: 'planned', stageEnteredAt: null },
        { to: 'arrived', fields: { spot: 'door', arrivedAt: '2020-01-01T00:00:00.000Z' } },
        ctx(),
      );
      expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([
        ['UNKNOWN_FIELD', '/fields/arrivedAt'],
      ]);
    });

    it('reports a rule that cannot be evaluated at its field instead of throwing', () => {
      const failing = {
        holds: () => true,
        explain: () => undefined,
        value: () => {
          throw new Error('over budget');
        },
      };
      const r = stepTransition(
        visits,
        { stage: 'planned', stageEnteredAt: null },
        { to: 'arrived', fields: { spot: 'door' } },
        ctx({ rules: failing }),
      );
      expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path, i.message])).toEqual([
        ['RULE_FAILED', '/record/arrivedAt', 'over budget'],
        ['RULE_FAILED', '/record/note', 'over budget'],
      ]);
    });
  });
});

describe('availableTransitions', () => {
  it('lists the moves from the current stage with allowed and the reasons', () => {
    const list = availableTransitions(
      machine,
      record({ stage: 'needs', amount: 0 }),
      ctx({ locale: 'en', user: { id: 'v', roles: ['viewer'] } }),
    );
    expect(list.map((t) => [t.id, t.allowed])).toEqual([
      ['propose', false],
      ['lose', true],
    ]);
    expect(list[0]?.reasons.map((i) => i.code)).toEqual(['FORBIDDEN', 'RULE_FAILED']);
    expect(list[0]?.requires).toEqual({
      fields: [
        { field: 'painPoints', label: 'Pain points' },
        { field: 'budget', label: 'Budget' },
      ],
      evidence: [
        { id: 'minutes', label: 'Meeting minutes', minCount: 1, accept: ['application/pdf', 'image/*'] },
      ],
    });
    expect(list[0]?.toLabel).toBe('Proposal');
  });
});
