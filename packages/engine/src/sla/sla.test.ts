import { apply } from '@stagecraft/rules';
import { StageMachine } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { dwellFilter, SLA_STATES, slaFilter, slaState } from './sla.js';

const L = (en: string) => ({ en });
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
      sla: { maxHours: 72, dueSoonHours: 12 },
    },
    {
      id: 'b',
      label: L('B'),
      category: 'open',
      probability: 50,
      forecastCategory: 'pipeline',
      sla: { maxHours: 24 },
    },
    { id: 'c', label: L('C'), category: 'won', probability: 100, forecastCategory: 'closed' },
  ],
  transitions: [],
});

const now = '2026-03-10T00:00:00.000Z';
const hoursAgo = (h: number) => new Date(Date.parse(now) - h * 3_600_000).toISOString();

describe('slaState', () => {
  it('is on time, due soon or overdue by the stage SLA (fake clock)', () => {
    expect(slaState(machine, { stage: 'a', stageEnteredAt: hoursAgo(10) }, now)).toEqual({
      state: 'on_time',
      dwellMs: 36_000_000,
      dueAt: hoursAgo(-62),
    });
    expect(slaState(machine, { stage: 'a', stageEnteredAt: hoursAgo(60) }, now)?.state).toBe('on_time');
    expect(slaState(machine, { stage: 'a', stageEnteredAt: hoursAgo(61) }, now)?.state).toBe('due_soon');
    expect(slaState(machine, { stage: 'a', stageEnteredAt: hoursAgo(72) }, now)?.state).toBe('due_soon');
    expect(slaState(machine, { stage: 'a', stageEnteredAt: hoursAgo(73) }, now)?.state).toBe('overdue');
    // without dueSoonHours the window is a quarter of the maximum (6 h of 24 h)
    expect(slaState(machine, { stage: 'b', stageEnteredAt: hoursAgo(17) }, now)?.state).toBe('on_time');
    expect(slaState(machine, { stage: 'b', stageEnteredAt: hoursAgo(19) }, now)?.state).toBe('due_soon');
  });

  it('is null for a stage without SLA or a record without entry time', () => {
    expect(slaState(machine, { stage: 'c', stageEnteredAt: hoursAgo(1000) }, now)).toBeNull();
    expect(slaState(machine, { stage: 'a', stageEnteredAt: null }, now)).toBeNull();
  });
});

describe('slaFilter', () => {
  const engine = { run: (rule: unknown, data: unknown) => apply(rule, data) };
  const records = [
    ...[1, 59, 61, 71, 73, 500].map((h) => ({ stage: 'a', stageEnteredAt: hoursAgo(h) })),
    ...[1, 17, 19, 23, 25].map((h) => ({ stage: 'b', stageEnteredAt: hoursAgo(h) })),
    { stage: 'c', stageEnteredAt: hoursAgo(900) },
    { stage: 'a', stageEnteredAt: null },
  ];

  it('selects exactly the records slaState puts in that state', () => {
    for (const state of SLA_STATES) {
      const filter = slaFilter(machine, state, now);
      const picked = records.filter((r) => engine.run(filter as never, r));
      const expected = records.filter((r) => slaState(machine, r, now)?.state === state);
      expect(picked, state).toEqual(expected);
      expect(picked.length, state).toBeGreaterThan(0);
    }
  });

  it('matches nothing for a machine without SLAs', () => {
    const plain = { ...machine, stages: machine.stages.map(({ sla, ...s }) => s) };
    expect(records.filter((r) => engine.run(slaFilter(plain, 'overdue', now) as never, r))).toEqual([]);
  });

  it('dwellFilter selects records in their stage for at least n hours', () => {
    const picked = records.filter((r) => engine.run(dwellFilter(72, now) as never, r));
    expect(picked.map((r) => r.stageEnteredAt)).toEqual([hoursAgo(73), hoursAgo(500), hoursAgo(900)]);
  });
});
