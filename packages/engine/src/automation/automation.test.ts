import type { App, Automation } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { assignmentPool, pickLoadBalanced, pickRoundRobin } from './assign.js';
import { planEvent, triggerMatches } from './match.js';
import { resolveRecipients } from './recipients.js';
import { planRelative, relativeDueAt } from './relative-time.js';
import { dueScheduledRuns } from './schedule.js';
import type { RecordEvent } from './types.js';

const ctx = { now: new Date('2026-03-02T00:00:00Z'), timeZone: 'Asia/Shanghai' };
const label = { en: 'x', 'zh-CN': 'x' };
const notify = (id = 'n'): Automation['actions'][number] => ({
  id,
  type: 'notify',
  recipients: [{ type: 'owner' }],
  title: label,
});
const event = (over: Partial<RecordEvent>): RecordEvent => ({
  type: 'record_updated',
  app: 'a',
  entity: 'deal',
  record: { id: 'r1', amount: 10, owner: 'u1' },
  previous: { id: 'r1', amount: 5, owner: 'u1' },
  actor: 'u1',
  at: ctx.now.toISOString(),
  key: 'ev1',
  ...over,
});

describe('event triggers', () => {
  it('updated fires only when a listed field changed', () => {
    expect(triggerMatches({ type: 'record_updated', fields: ['amount'] }, event({}))).toBe(true);
    expect(triggerMatches({ type: 'record_updated', fields: ['owner'] }, event({}))).toBe(false);
    expect(triggerMatches({ type: 'record_created' }, event({}))).toBe(false);
  });
  it('stage changes match from and to', () => {
    const e = event({ type: 'stage_changed', from: 'a', to: 'b' });
    expect(triggerMatches({ type: 'stage_changed', to: ['b'] }, e)).toBe(true);
    expect(triggerMatches({ type: 'stage_changed', from: ['b'] }, e)).toBe(false);
  });
  it('plans idempotent jobs only when the condition holds, with previous in context', () => {
    const app = {
      automations: [
        {
          id: 'grew',
          label,
          entity: 'deal',
          trigger: { type: 'record_updated' },
          condition: { '>': [{ var: 'amount' }, { previous: 'amount' }] },
          actions: [notify()],
        },
        {
          id: 'big',
          label,
          entity: 'deal',
          trigger: { type: 'record_updated' },
          condition: { '>': [{ var: 'amount' }, 100] },
          actions: [notify()],
        },
      ],
    } as unknown as App;
    const runs = planEvent(app, event({}), ctx);
    expect(runs.map((r) => [r.automation, r.condition, r.jobs.map((j) => j.key)])).toEqual([
      ['grew', true, ['ev1:grew:n']],
      ['big', false, []],
    ]);
  });
});

describe('relative time', () => {
  const automation: Automation = {
    id: 'untouched',
    label,
    entity: 'lead',
    trigger: {
      type: 'relative_time',
      field: 'createdAt',
      offsetHours: 24,
      unless: { '!!': [{ var: 'touchedAt' }] },
    },
    actions: [notify()],
  };
  const record = { id: 'l1', createdAt: '2026-03-01T00:00:00.000Z', touchedAt: null };
  it('is due offset hours after the field', () => {
    expect(relativeDueAt(automation.trigger as never, record)?.toISOString()).toBe(
      '2026-03-02T00:00:00.000Z',
    );
    expect(planRelative(automation, record, { ...ctx, now: new Date('2026-03-01T23:59:59Z') })).toBeNull();
  });
  it('fires once per field value and is skipped by unless', () => {
    const run = planRelative(automation, record, ctx);
    expect(run?.jobs.map((j) => j.key)).toEqual(['rel:untouched:l1:2026-03-01T00:00:00.000Z:untouched:n']);
    expect(planRelative(automation, { ...record, touchedAt: '2026-03-01T02:00:00Z' }, ctx)?.jobs).toEqual([]);
  });
});

describe('schedules', () => {
  it('reads cron in the workspace zone', () => {
    const runs = dueScheduledRuns(
      { type: 'schedule', cron: '0 9 * * *' },
      new Date('2026-03-01T00:00:00Z'),
      new Date('2026-03-03T00:00:00Z'),
      'Asia/Shanghai',
      5,
    );
    expect(runs.map((d) => d.toISOString())).toEqual([
      '2026-03-01T01:00:00.000Z',
      '2026-03-02T01:00:00.000Z',
    ]);
  });
});

describe('recipients and assignment', () => {
  const users = [
    { id: 'boss', roles: ['manager'], managerId: null, orgUnitId: 'east' },
    { id: 'u1', roles: ['member'], managerId: 'boss', orgUnitId: 'east1' },
    { id: 'u2', roles: ['member'], managerId: 'boss', orgUnitId: 'west1' },
    { id: 'u3', roles: ['member'], managerId: 'boss', orgUnitId: 'east1', disabled: true },
  ];
  const units = [
    { id: 'east', path: '/c/east/' },
    { id: 'east1', path: '/c/east/east1/' },
    { id: 'west1', path: '/c/west/west1/' },
  ];
  it('resolves owner, manager, role and field without duplicates or disabled users', () => {
    expect(
      resolveRecipients(
        [
          { type: 'owner' },
          { type: 'owner_manager' },
          { type: 'role', role: 'manager' },
          { type: 'field', field: 'helper' },
        ],
        { owner: 'u1', helper: 'u3' },
        users,
      ),
    ).toEqual(['u1', 'boss']);
  });
  it('narrows the pool by the first matching rule and rotates', () => {
    const action = {
      id: 'a',
      type: 'assign' as const,
      strategy: 'round_robin' as const,
      pool: { role: 'member' },
      rules: [{ when: { '==': [{ var: 'region' }, 'east'] }, orgUnits: ['east'] }],
    };
    expect(assignmentPool(action, { id: 'r', region: 'east' }, users, units, ctx)).toEqual(['u1']);
    expect(assignmentPool(action, { id: 'r', region: 'north' }, users, units, ctx)).toEqual(['u1', 'u2']);
    expect(pickRoundRobin(['a', 'b', 'c'], null)).toBe('a');
    expect(pickRoundRobin(['a', 'b', 'c'], 'c')).toBe('a');
    expect(pickRoundRobin(['a', 'c'], 'b')).toBe('c');
    expect(pickLoadBalanced(['a', 'b', 'c'], { a: 3, b: 1, c: 1 })).toBe('b');
  });
  it('filters the pool by skill tags: a rule replaces the pool tags, any shared tag qualifies', () => {
    const tagged = [
      { id: 'p', roles: ['member'], managerId: null, orgUnitId: 'east1', skillTags: ['retail'] },
      { id: 'q', roles: ['member'], managerId: null, orgUnitId: 'east1', skillTags: ['energy', 'retail'] },
      { id: 'r', roles: ['member'], managerId: null, orgUnitId: 'east1', skillTags: ['energy'] },
      { id: 's', roles: ['member'], managerId: null, orgUnitId: 'east1' },
    ];
    const action = {
      id: 'a',
      type: 'assign' as const,
      strategy: 'round_robin' as const,
      pool: { role: 'member', skillTags: ['retail', 'energy'] },
      rules: [{ when: { '==': [{ var: 'industry' }, 'energy'] }, skillTags: ['energy'] }],
    };
    expect(assignmentPool(action, { id: 'x', industry: 'energy' }, tagged, units, ctx)).toEqual(['q', 'r']);
    expect(assignmentPool(action, { id: 'x', industry: 'food' }, tagged, units, ctx)).toEqual([
      'p',
      'q',
      'r',
    ]);
  });
});
