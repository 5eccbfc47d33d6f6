import { expect, it } from 'vitest';
import { describeDialects } from '../src/testing/index.js';

const t0 = new Date('2026-03-02T00:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describeDialects('job queue', (ctx) => {
  const jobs = () => ctx.store.automation.jobs;
  const ws = 'ws-jobs';

  it('enqueues once per idempotency key and hands a job to one worker only', async () => {
    const input = [1, 2, 3].map((n) => ({ workspaceId: ws, kind: 'test', key: `once-${n}`, payload: { n } }));
    expect(await jobs().enqueue(input, t0)).toHaveLength(3);
    expect(await jobs().enqueue(input, t0)).toEqual([]);
    const [a, b] = await Promise.all([
      jobs().claim('w1', t0, { leaseMs: 60_000, limit: 2 }),
      jobs().claim('w2', t0, { leaseMs: 60_000, limit: 2 }),
    ]);
    const claimed = [...(a ?? []), ...(b ?? [])].map((j) => j.key).sort();
    expect(claimed).toEqual(['once-1', 'once-2', 'once-3']);
    for (const [worker, list] of [
      ['w1', a],
      ['w2', b],
    ] as const)
      for (const job of list ?? [])
        expect(await ctx.store.automation.transaction((trx) => jobs().complete(trx, job, worker, t0))).toBe(
          true,
        );
    expect(await jobs().claim('w1', at(1), { leaseMs: 60_000, limit: 10 })).toEqual([]);
  });

  it('reclaims a job whose lease expired; the old worker can no longer complete it', async () => {
    await jobs().enqueue([{ workspaceId: ws, kind: 'test', key: 'lease', payload: {} }], t0);
    const [job] = await jobs().claim('dead-worker', t0, { leaseMs: 1000, limit: 1 });
    if (!job) throw new Error('no job');
    expect(await jobs().claim('w2', at(500), { leaseMs: 1000, limit: 1 })).toEqual([]);
    const [again] = await jobs().claim('w2', at(1000), { leaseMs: 1000, limit: 1 });
    expect(again?.key).toBe('lease');
    expect(again?.attempts).toBe(2);
    expect(
      await ctx.store.automation.transaction((trx) => jobs().complete(trx, job, 'dead-worker', at(1001))),
    ).toBe(false);
    if (!again) throw new Error('no job');
    expect(await ctx.store.automation.transaction((trx) => jobs().complete(trx, again, 'w2', at(1001)))).toBe(
      true,
    );
  });

  it('retries with exponential backoff, then parks the job as a dead letter', async () => {
    await jobs().enqueue([{ workspaceId: ws, kind: 'test', key: 'flaky', payload: {}, maxAttempts: 3 }], t0);
    const backoff = { baseMs: 1000, maxMs: 10_000 };
    let now = t0;
    const delays: number[] = [];
    for (;;) {
      const [job] = await jobs().claim('w', now, { leaseMs: 60_000, limit: 1 });
      if (!job) break;
      const outcome = await jobs().fail(job, 'w', now, `boom ${job.attempts}`, backoff);
      if (outcome === 'dead') break;
      const next = await jobs().nextRunAt();
      if (!next) throw new Error('no next run');
      delays.push(next.getTime() - now.getTime());
      now = next;
    }
    expect(delays).toEqual([1000, 2000]);
    const dead = await jobs().list(ws, 'dead');
    expect(dead.map((j) => [j.key, j.attempts, j.lastError])).toEqual([['flaky', 3, 'boom 3']]);
    const retried = await jobs().retry(ws, dead[0]?.id ?? 0, now);
    expect(retried?.status).toBe('pending');
    expect(await jobs().list(ws, 'dead')).toEqual([]);
  });
});
