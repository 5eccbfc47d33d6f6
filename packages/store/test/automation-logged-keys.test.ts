import { expect, it } from 'vitest';
import { describeDialects } from '../src/testing/index.js';

describeDialects('automation run log: logged keys', (ctx) => {
  it('tells which firing keys are logged already, in batches past a thousand keys', async () => {
    const repo = ctx.store.automation.automation;
    const ws = (await ctx.store.identity.createWorkspace('Logged keys')).id;
    const logged = ['relative:a:1', 'relative:b:2'];
    for (const key of logged)
      expect(
        await repo.logRun(ctx.store.db, ws, {
          appId: 'app-1',
          automationId: 'a',
          entityId: 'entity-1',
          recordId: null,
          trigger: 'relative_time',
          key,
          condition: true,
          jobs: [],
          error: null,
          at: '2026-03-02T00:00:00.000Z',
        }),
      ).toBe(true);
    const asked = [...Array.from({ length: 1500 }, (_, i) => `new:${i}`), ...logged];
    expect([...(await repo.loggedKeys(asked))].sort()).toEqual(logged);
    expect(await repo.loggedKeys([])).toEqual(new Set());
  });
});
