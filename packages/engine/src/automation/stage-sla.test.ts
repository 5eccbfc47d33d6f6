import { apply } from '@stagecraft/rules';
import { type Automation, StageMachine } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { slaState } from '../sla/sla.js';
import { planStageSla, stageSlaDueAt, stageSlaFilter } from './stage-sla.js';

const L = (en: string) => ({ en });
const HOUR = 3_600_000;
const machine = StageMachine.parse({
  id: 'm',
  entity: 'deal',
  label: L('M'),
  initialStage: 'a',
  stages: [
    {
      id: 'a',
      label: L('A'),
      category: 'open',
      probability: 10,
      forecastCategory: 'pipeline',
      sla: { maxHours: 24 },
    },
    {
      id: 'b',
      label: L('B'),
      category: 'open',
      probability: 50,
      forecastCategory: 'pipeline',
      sla: { maxHours: 72 },
    },
    { id: 'c', label: L('C'), category: 'won', probability: 100, forecastCategory: 'closed' },
  ],
  transitions: [],
});
const automation = (
  trigger: Partial<Extract<Automation['trigger'], { type: 'stage_sla' }>> = {},
): Automation => ({
  id: 'stuck',
  label: { en: 'x', 'zh-CN': 'x' },
  entity: 'deal',
  trigger: { type: 'stage_sla', ...trigger },
  condition: { '!=': [{ var: 'title' }, 'quiet'] },
  actions: [{ id: 'n', type: 'notify', recipients: [{ type: 'owner' }], title: { en: 'x', 'zh-CN': 'x' } }],
});
const entered = '2026-03-01T00:00:00.000Z';
const at = (hours: number) => ({
  now: new Date(Date.parse(entered) + hours * HOUR),
  timeZone: 'Asia/Shanghai',
});
const deal = (stage: string, over: Record<string, unknown> = {}) => ({
  id: `d-${stage}`,
  title: 'Deal',
  stage,
  stageEnteredAt: entered,
  ...over,
});

describe('stage SLA trigger', () => {
  it("is due when the record outstays its own stage's SLA, the moment slaState turns overdue", () => {
    const auto = automation();
    for (const [stage, hours] of [
      ['a', 24],
      ['b', 72],
    ] as const) {
      expect(stageSlaDueAt(auto.trigger as never, machine, deal(stage))?.toISOString()).toBe(
        new Date(Date.parse(entered) + hours * HOUR).toISOString(),
      );
      expect(planStageSla(auto, machine, deal(stage), at(hours))).toBeNull();
      expect(slaState(machine, deal(stage), at(hours).now)?.state).not.toBe('overdue');
      const run = planStageSla(auto, machine, deal(stage), at(hours + 0.001));
      expect(slaState(machine, deal(stage), at(hours + 0.001).now)?.state).toBe('overdue');
      expect(run?.jobs.map((j) => j.key)).toEqual([`sla:stuck:d-${stage}:${stage}:${entered}:stuck:n`]);
    }
  });

  it('never fires in a stage without an SLA, nor without an entry time', () => {
    expect(planStageSla(automation(), machine, deal('c'), at(10_000))).toBeNull();
    expect(planStageSla(automation(), machine, deal('a', { stageEnteredAt: null }), at(10_000))).toBeNull();
  });

  it('keys each stay: a new entry into a stage arms it again', () => {
    const first = planStageSla(automation(), machine, deal('a'), at(30));
    const later = '2026-03-05T00:00:00.000Z';
    const again = planStageSla(
      automation(),
      machine,
      deal('a', { stageEnteredAt: later }),
      at(30 + 4 * 24 + 1),
    );
    expect(first?.firingKey).not.toBe(again?.firingKey);
  });

  it('watches only the listed stages, shifts by offsetHours, and honours unless and the condition', () => {
    expect(planStageSla(automation({ stages: ['b'] }), machine, deal('a'), at(100))).toBeNull();
    const warn = automation({ offsetHours: -12 });
    expect(planStageSla(warn, machine, deal('b'), at(60))).toBeNull();
    expect(planStageSla(warn, machine, deal('b'), at(61))?.condition).toBe(true);
    const unless = automation({ unless: { '==': [{ var: 'title' }, 'parked'] } });
    expect(planStageSla(unless, machine, deal('a', { title: 'parked' }), at(25))).toMatchObject({
      condition: false,
      jobs: [],
    });
    expect(planStageSla(automation(), machine, deal('a', { title: 'quiet' }), at(25))).toMatchObject({
      condition: false,
      jobs: [],
    });
  });

  it('filters the candidates with the same boundaries, per stage, within the lookback', () => {
    const matches = (record: Record<string, unknown>, hours: number, lookback = 100) =>
      apply(stageSlaFilter(automation().trigger as never, machine, at(hours).now, lookback), record);
    expect(matches(deal('a'), 24)).toBe(false);
    expect(matches(deal('a'), 24.001)).toBe(true);
    expect(matches(deal('b'), 30)).toBe(false);
    expect(matches(deal('b'), 72.001)).toBe(true);
    expect(matches(deal('c'), 10_000)).toBe(false);
    expect(matches(deal('a'), 24 + 101)).toBe(false);
    expect(
      apply(
        stageSlaFilter(automation({ stages: ['c'] }).trigger as never, machine, at(1).now, 10),
        deal('c'),
      ),
    ).toBe(false);
  });
});
