import { StageMachine } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { availableTransitions } from './available.js';
import type { TransitionContext } from './types.js';

const L = (en: string) => ({ 'zh-CN': en, en });
const stage = (id: string) => ({
  id,
  label: L(id),
  category: 'open' as const,
  probability: 20,
  forecastCategory: 'pipeline' as const,
});

/** Guards that read today and the user, written for this test only. */
const machine = StageMachine.parse({
  id: 'visits',
  entity: 'visit',
  label: L('Visits'),
  initialStage: 'planned',
  stages: [stage('planned'), stage('done'), stage('escalated')],
  transitions: [
    {
      id: 'complete',
      label: L('Complete'),
      from: ['planned'],
      to: 'done',
      entryCriteria: [
        {
          id: 'dueReached',
          rule: { '<=': [{ var: 'dueOn' }, { today: [] }] },
          message: L('Not due yet'),
          field: 'dueOn',
        },
      ],
    },
    {
      id: 'escalate',
      label: L('Escalate'),
      from: ['planned'],
      to: 'escalated',
      entryCriteria: [
        {
          id: 'ownUnit',
          rule: { '==': [{ var: 'unit' }, { current_user: 'orgUnit' }] },
          message: L('Only the record’s own unit escalates'),
        },
      ],
    },
  ],
});

const record = {
  id: 'v1',
  version: 1,
  stage: 'planned',
  stageEnteredAt: null,
  dueOn: '2026-03-02',
  unit: 'east',
};
// 16:30 UTC on 1 March: already 2 March in Shanghai
const base: TransitionContext = {
  user: { id: 'u1', roles: ['member'], orgUnit: 'east' },
  now: '2026-03-01T16:30:00.000Z',
  locale: 'en',
};
const allowed = (ctx: TransitionContext) =>
  Object.fromEntries(availableTransitions(machine, record, ctx).map((t) => [t.id, t.allowed]));

describe('stage guards read the same rule context as record validation', () => {
  it('judge today in the context zone (the app zone), default Asia/Shanghai', () => {
    expect(allowed({ ...base, timeZone: 'Asia/Shanghai' }).complete).toBe(true);
    expect(allowed({ ...base, timeZone: 'UTC' }).complete).toBe(false);
    expect(allowed(base).complete).toBe(true);
  });

  it('see the user’s org unit', () => {
    expect(allowed(base).escalate).toBe(true);
    expect(allowed({ ...base, user: { id: 'u2', roles: ['member'], orgUnit: 'west' } }).escalate).toBe(false);
    expect(allowed({ ...base, user: { id: 'u3', roles: ['member'] } }).escalate).toBe(false);
  });
});
