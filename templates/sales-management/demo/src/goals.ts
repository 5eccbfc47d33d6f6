/**
 * Goals year → quarter → month → week: the company's year, each region's quarters, each team's
 * months of the current quarter, each rep's weeks of the current month. Targets split evenly, so
 * children add up to their parent.
 */

import {
  chinaDate,
  DAY,
  type DemoEntityData,
  type DemoOrgUnit,
  type DemoRecord,
  type DemoUser,
  iso,
  Rng,
} from '@stagecraft/demo-kit';
import { type Ctx, idOf } from './context.js';

interface Goal {
  name: string;
  period: 'year' | 'quarter' | 'month' | 'week';
  start: number;
  end: number;
  target: number;
  parent: number | null;
  orgUnit: string | null;
  assignee: string | null;
  owner: string;
}

/** UTC+8 calendar helpers on epoch milliseconds. */
const CN = 8 * 3600_000;
const ymd = (ms: number) => {
  const d = new Date(ms + CN);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth(), day: d.getUTCDate(), dow: (d.getUTCDay() + 6) % 7 };
};
const at = (y: number, m: number, d = 1) => Date.UTC(y, m, d) - CN;

export function goals(ctx: Ctx, orgUnits: DemoOrgUnit[], users: DemoUser[]): DemoEntityData {
  const list: Goal[] = [];
  const { y, m } = ymd(ctx.now);
  const q = Math.floor(m / 3);
  const director = users.find((u) => u.key === 'director')!;
  const regions = orgUnits.filter((o) => o.parent === null);
  list.push({
    name: `${y} 年签约目标`,
    period: 'year',
    start: at(y, 0),
    end: at(y + 1, 0) - DAY,
    target: 90_000_000,
    parent: null,
    orgUnit: null,
    assignee: director.key,
    owner: director.key,
  });
  for (const region of regions) {
    const manager = users.find((u) => u.orgUnit === region.key && u.roles.includes('manager'))!;
    const regionQuarter = list.length;
    for (let k = 0; k < 4; k++) {
      if (k === q)
        list.push({
          name: `${region.name} ${y}Q${k + 1}`,
          period: 'quarter',
          start: at(y, k * 3),
          end: at(y, k * 3 + 3) - DAY,
          target: 7_500_000,
          parent: 0,
          orgUnit: region.key,
          assignee: manager.key,
          owner: manager.key,
        });
    }
    for (const team of orgUnits.filter((o) => o.parent === region.key)) {
      const lead = users.find((u) => u.orgUnit === team.key && u.roles.includes('manager'))!;
      for (let k = 0; k < 3; k++) {
        const month = q * 3 + k;
        const monthIndex = list.length;
        list.push({
          name: `${team.name} ${y}-${String(month + 1).padStart(2, '0')}`,
          period: 'month',
          start: at(y, month),
          end: at(y, month + 1) - DAY,
          target: 2_500_000 / 3,
          parent: regionQuarter,
          orgUnit: team.key,
          assignee: lead.key,
          owner: lead.key,
        });
        if (month !== m) continue;
        const reps = users.filter((u) => u.orgUnit === team.key && u.roles.includes('member'));
        for (let wk = 0; wk < 4; wk++) {
          const start = at(y, month, 1 + wk * 7);
          for (const rep of reps) {
            list.push({
              name: `${rep.name} 第 ${wk + 1} 周`,
              period: 'week',
              start,
              end: start + 6 * DAY,
              target: 2_500_000 / 3 / 4 / reps.length,
              parent: monthIndex,
              orgUnit: team.key,
              assignee: rep.key,
              owner: rep.key,
            });
          }
        }
      }
    }
  }
  function* records(): Iterable<DemoRecord> {
    for (const [i, g] of list.entries()) {
      const rng = Rng.of(ctx.seed, 'salesGoal', i);
      const elapsed = Math.max(0, Math.min(1, (ctx.now - g.start) / (g.end + DAY - g.start)));
      const expected = Math.round(g.target * elapsed * 100) / 100;
      yield {
        id: idOf(ctx, 'salesGoal', i),
        owner: g.owner,
        createdAt: iso(Math.min(ctx.now, g.start)),
        values: {
          goalName: g.name,
          goalPeriodType: g.period,
          goalPeriodStart: chinaDate(g.start),
          goalPeriodEnd: chinaDate(g.end),
          goalMetric: 'signed_amount',
          parentGoal: g.parent === null ? null : idOf(ctx, 'salesGoal', g.parent),
          goalOrgUnit: g.orgUnit,
          goalAssignee: g.assignee,
          targetValue: Math.round(g.target * 100) / 100,
          expectedToDate: expected,
          actualValue: Math.round(expected * (0.7 + rng.next() * 0.6) * 100) / 100,
        },
      };
    }
  }
  return { entity: 'salesGoal', count: list.length, records };
}
