/**
 * A fixed data set for the metrics tests (not a template: the names are the tests' own): five deals
 * on a contact → needs → proposal → won/lost pipeline with hand-picked creation times around the
 * 2025/2026 year boundary in Asia/Shanghai and stage moves with known dwell times.
 */
import { type MetricsPlan, planWidget, type WidgetPlan } from '@stagecraft/engine';
import type { App, Widget } from '@stagecraft/schema';
import { beforeAll } from 'vitest';
import type { Actor, Store } from '../src/index.js';
import { createOrgFixture, type DialectContext, type OrgFixture } from '../src/testing/index.js';

const L = (en: string) => ({ en, 'zh-CN': en });
const H = 3_600_000;

/** The test app: one entity with a stage machine. */
export const metricsApp: App = {
  schemaVersion: 2,
  id: 'sales',
  label: L('Sales'),
  entities: [
    {
      id: 'deal',
      label: L('Deal'),
      fields: [
        { id: 'title', label: L('Title'), type: 'text' },
        { id: 'amount', label: L('Amount'), type: 'currency' },
        { id: 'closeDate', label: L('Close date'), type: 'date' },
      ],
    },
  ],
  forms: [],
  views: [],
  stageMachines: [
    {
      id: 'pipe',
      entity: 'deal',
      label: L('Pipeline'),
      initialStage: 'contact',
      stages: [
        {
          id: 'contact',
          label: L('Contact'),
          category: 'open',
          probability: 10,
          forecastCategory: 'pipeline',
        },
        { id: 'needs', label: L('Needs'), category: 'open', probability: 30, forecastCategory: 'pipeline' },
        {
          id: 'proposal',
          label: L('Proposal'),
          category: 'open',
          probability: 60,
          forecastCategory: 'commit',
        },
        { id: 'won', label: L('Won'), category: 'won', probability: 100, forecastCategory: 'closed' },
        { id: 'lost', label: L('Lost'), category: 'lost', probability: 0, forecastCategory: 'omitted' },
      ],
      transitions: [
        { id: 'toNeeds', label: L('Needs'), from: ['contact'], to: 'needs' },
        { id: 'toProposal', label: L('Proposal'), from: ['needs'], to: 'proposal' },
        { id: 'toWon', label: L('Won'), from: ['proposal'], to: 'won' },
        { id: 'toLost', label: L('Lost'), from: ['@open'], to: 'lost' },
      ],
    },
  ],
  validationRules: [],
  dashboards: [],
  automations: [],
  approvals: [],
  roles: [],
} as unknown as App;

/** `d<n>` record ids. */
export const dealId = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

/**
 * Loads the deals (times in UTC; Shanghai local in comments):
 * d1 east1Rep  100 won      created 2025-12-31 23:30 local; contact 24 h, needs 48 h, proposal 72 h
 * d2 east1Rep2 200 needs    created 2026-01-01 00:30 local; contact 12 h; in needs since 02-27
 * d3 east2Rep  300 contact  created 2026-02-01 00:00 local; never moved
 * d4 westRep   400 lost     created 2026-02-15 12:00 local; contact 36 h, needs 24 h
 * d5 east1Rep  500 proposal created 2026-02-20 08:00 local; contact 48 h, needs 24 h; in proposal since 02-26
 */
export async function loadDeals(store: Store, org: OrgFixture): Promise<void> {
  const u = org.users;
  const o = org.units;
  const rows = [
    {
      n: 1,
      owner: u.east1Rep.id,
      unit: o.east1.id,
      amount: 100,
      stage: 'won',
      created: '2025-12-31T15:30:00.000Z',
      entered: '2026-01-10T00:00:00.000Z',
      close: '2026-01-15',
    },
    {
      n: 2,
      owner: u.east1Rep2.id,
      unit: o.east1.id,
      amount: 200,
      stage: 'needs',
      created: '2025-12-31T16:30:00.000Z',
      entered: '2026-02-27T00:00:00.000Z',
      close: '2026-03-10',
    },
    {
      n: 3,
      owner: u.east2Rep.id,
      unit: o.east2.id,
      amount: 300,
      stage: 'contact',
      created: '2026-01-31T16:00:00.000Z',
      entered: '2026-01-31T16:00:00.000Z',
      close: '2026-03-20',
    },
    {
      n: 4,
      owner: u.westRep.id,
      unit: o.west1.id,
      amount: 400,
      stage: 'lost',
      created: '2026-02-15T04:00:00.000Z',
      entered: '2026-02-18T00:00:00.000Z',
      close: '2026-02-28',
    },
    {
      n: 5,
      owner: u.east1Rep.id,
      unit: o.east1.id,
      amount: 500,
      stage: 'proposal',
      created: '2026-02-20T00:00:00.000Z',
      entered: '2026-02-26T00:00:00.000Z',
      close: '2026-04-05',
    },
  ];
  const inserted = await store.imports.insertMany(
    org.actors.admin,
    'sales',
    'deal',
    rows.map((r) => ({
      id: dealId(r.n),
      owner: r.owner,
      orgUnit: r.unit,
      stage: r.stage,
      stageEnteredAt: r.entered,
      createdAt: r.created,
      values: { title: `d${r.n}`, amount: r.amount, closeDate: r.close },
    })),
  );
  if (!inserted.ok) throw new Error(JSON.stringify(inserted.issues));
  const move = (n: number, from: string, to: string, at: string, dwellH: number) => ({
    recordId: dealId(n),
    transitionId: `to${to}`,
    from,
    to,
    at,
    actor: null,
    dwellMs: dwellH * H,
  });
  const moved = await store.imports.appendStageHistory(org.actors.admin, 'sales', 'deal', [
    move(1, 'contact', 'needs', '2026-01-01T15:30:00.000Z', 24),
    move(1, 'needs', 'proposal', '2026-01-03T15:30:00.000Z', 48),
    move(1, 'proposal', 'won', '2026-01-06T15:30:00.000Z', 72),
    move(2, 'contact', 'needs', '2026-01-01T04:30:00.000Z', 12),
    move(4, 'contact', 'needs', '2026-02-16T16:00:00.000Z', 36),
    move(4, 'needs', 'lost', '2026-02-17T16:00:00.000Z', 24),
    move(5, 'contact', 'needs', '2026-02-22T00:00:00.000Z', 48),
    move(5, 'needs', 'proposal', '2026-02-23T00:00:00.000Z', 24),
  ]);
  if (!moved.ok) throw new Error(JSON.stringify(moved.issues));
}

export const TZ = 'Asia/Shanghai';
export const NOW = '2026-03-01T00:00:00.000Z';

/**
 * Publishes the metrics app on a dialect's fresh store and loads the deals before the tests, and
 * gives them a widget planner and a runner. `org` is set by the time a test runs.
 */
export function metricsHarness(ctx: DialectContext) {
  const h = { org: undefined as unknown as OrgFixture };
  beforeAll(async () => {
    h.org = await createOrgFixture(ctx.store);
    await ctx.store.apps.create(h.org.actors.admin, metricsApp);
    const published = await ctx.store.apps.publish(h.org.actors.admin, 'sales', metricsApp);
    if (!published.ok) throw new Error(JSON.stringify(published.issues));
    await loadDeals(ctx.store, h.org);
  });
  const plan = (widget: Partial<Widget>, drill?: unknown[], now = NOW): WidgetPlan => {
    const planned = planWidget(
      metricsApp,
      {
        id: 'w',
        label: L,
        entity: 'deal',
        chart: 'bar',
        measures: [{ id: 'n', op: 'count' }],
        ...widget,
      } as Widget,
      { timeZone: TZ, now, ...(drill ? { drill } : {}), orgUnits: Object.values(h.org.units) },
    );
    if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
    return planned.value;
  };
  const run = async (p: MetricsPlan, actor: Actor = h.org.actors.admin, now = NOW) => {
    const result = await ctx.store.metrics.run(actor, 'sales', p, now);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    return result.value;
  };
  const funnel = {
    chart: 'funnel' as const,
    measures: [
      { id: 'deals', op: 'count' as const },
      { id: 'value', op: 'sum' as const, field: 'amount' },
    ],
  };
  return { h, plan, run, funnel };
}
