/**
 * Fairness on the embedded engine (PGlite lends one session to every request): while user A loads
 * the default template's heaviest dashboard 40 times at once, user B's list pages are served ahead
 * of A's queued widget queries. Asserted as an ordering, not a wall-clock time (the machine may be
 * loaded): B's ten list pages all answer before half of A's dashboards have, where the lock as it
 * was before (arrival order) answers none of B's pages until A's last dashboard. The timings of
 * both, side by side, come from `pnpm bench fairness` (docs/benchmarks.md).
 */
import { currentWork, openStore } from '@stagecraft/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { workloadOf } from '../src/scheduling/workload.js';
import {
  type FairnessData,
  type FairnessRun,
  installFairnessData,
  runFairness,
} from './fairness-scenario.js';

const HEAVY = 40;
const LISTS = 10;

describe('PGlite fairness: one user’s dashboard burst and another user’s list pages', () => {
  let data: FairnessData;
  let fair: FairnessRun;
  let arrival: FairnessRun;

  beforeAll(async () => {
    data = await installFairnessData();
    fair = await runFairness(data, { prioritiseWork: true, heavy: HEAVY, lists: LISTS });
    arrival = await runFairness(data, { prioritiseWork: false, heavy: HEAVY, lists: LISTS });
  }, 600_000);
  afterAll(() => data?.dispose());

  it('loads a dashboard heavy enough to matter (several widget queries each)', () => {
    expect(fair.widgets).toBeGreaterThanOrEqual(4);
    expect(fair.dashboardMs).toHaveLength(HEAVY);
  });

  it("serves B's list pages ahead of A's queued dashboards", () => {
    expect(fair.listMs).toHaveLength(LISTS);
    expect(fair.dashboardsDoneAtList.at(-1)).toBeLessThan(HEAVY / 2);
  });

  it('did not before: in arrival order B waits for every one of A’s dashboards', () => {
    expect(arrival.dashboardsDoneAtList[0]).toBe(HEAVY);
    expect(fair.dashboardsDoneAtList.at(-1) as number).toBeLessThan(
      arrival.dashboardsDoneAtList[0] as number,
    );
  });
});

describe('request workload at the edge', () => {
  it('classes dashboards, goals, forecasts and exports as heavy, the rest as interactive', () => {
    expect(workloadOf('/api/apps/:app/dashboards/:dashboard')).toBe('heavy');
    expect(workloadOf('/api/apps/:app/dashboards/:dashboard/widgets/:widget/data')).toBe('heavy');
    expect(workloadOf('/api/apps/:app/goals/:goal/progress')).toBe('heavy');
    expect(workloadOf('/api/apps/:app/forecast')).toBe('heavy');
    expect(workloadOf('/api/apps/:app/entities/:entity/export')).toBe('heavy');
    expect(workloadOf('/api/apps/:app/dashboards')).toBe('interactive');
    expect(workloadOf('/api/apps/:app/entities/:entity/records')).toBe('interactive');
    expect(workloadOf('/api/health')).toBe('interactive');
  });

  it('hands the route’s workload and the caller to the store calls of its handler', async () => {
    const store = await openStore({ memory: true });
    const app = await buildApp({ store });
    try {
      app.get('/probe/dashboards/:id', async () => {
        await Promise.resolve();
        return currentWork();
      });
      app.get('/probe/records', async () => currentWork());
      app.get('/probe/own', { config: { workload: 'background' } }, async () => currentWork());
      await app.ready();
      const heavy = await app.inject({
        method: 'GET',
        url: '/probe/dashboards/d1',
        remoteAddress: '10.0.0.7',
      });
      expect(heavy.json()).toEqual({ priority: 'heavy', caller: '10.0.0.7' });
      expect((await app.inject({ method: 'GET', url: '/probe/records' })).json().priority).toBe(
        'interactive',
      );
      expect((await app.inject({ method: 'GET', url: '/probe/own' })).json().priority).toBe('background');
      expect(currentWork()).toEqual({ priority: 'interactive' });
    } finally {
      await app.close();
      await store.close();
    }
  });
});
