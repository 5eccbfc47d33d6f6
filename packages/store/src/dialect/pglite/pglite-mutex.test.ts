import { describe, expect, it } from 'vitest';
import { Mutex } from './pglite-mutex.js';

/** Queues `tags` behind a held lock, releases it and returns the order the waiters got the lock in. */
async function grantOrder(mutex: Mutex, tags: [string, Parameters<Mutex['lock']>[0]][]): Promise<string[]> {
  await mutex.lock();
  const order: string[] = [];
  const done = tags.map(([name, tag]) =>
    mutex.lock(tag).then(() => {
      order.push(name);
      mutex.unlock();
    }),
  );
  mutex.unlock();
  await Promise.all(done);
  return order;
}

describe('PGlite session lock', () => {
  it('serves interactive before heavy before background, whatever the arrival order', async () => {
    const order = await grantOrder(new Mutex(), [
      ['b1', { priority: 'background', caller: 'worker' }],
      ['h1', { priority: 'heavy', caller: 'a' }],
      ['i1', { priority: 'interactive', caller: 'b' }],
      ['h2', { priority: 'heavy', caller: 'a' }],
      ['i2', { priority: 'interactive', caller: 'c' }],
    ]);
    expect(order).toEqual(['i1', 'i2', 'h1', 'h2', 'b1']);
  });

  it('lets callers of one priority take turns, each caller in arrival order', async () => {
    const order = await grantOrder(new Mutex(), [
      ['a1', { priority: 'heavy', caller: 'a' }],
      ['a2', { priority: 'heavy', caller: 'a' }],
      ['a3', { priority: 'heavy', caller: 'a' }],
      ['b1', { priority: 'heavy', caller: 'b' }],
      ['b2', { priority: 'heavy', caller: 'b' }],
    ]);
    expect(order).toEqual(['a1', 'b1', 'a2', 'b2', 'a3']);
  });

  it('serves in arrival order when not fair, whatever the tags', async () => {
    const order = await grantOrder(new Mutex({ fair: false }), [
      ['h1', { priority: 'heavy', caller: 'a' }],
      ['h2', { priority: 'heavy', caller: 'a' }],
      ['i1', { priority: 'interactive', caller: 'b' }],
    ]);
    expect(order).toEqual(['h1', 'h2', 'i1']);
  });

  it('is FIFO without tags', async () => {
    const order = await grantOrder(new Mutex(), [
      ['1', undefined],
      ['2', undefined],
      ['3', undefined],
    ]);
    expect(order).toEqual(['1', '2', '3']);
  });

  it('never starves a lower priority: after maxBypass grants past it, it is served once', async () => {
    const mutex = new Mutex({ maxBypass: 2 });
    await mutex.lock();
    const order: string[] = [];
    // Every interactive grant queues another interactive waiter: a stream that never ends by itself.
    let left = 6;
    const interactive = (): Promise<void> =>
      mutex.lock({ priority: 'interactive' }).then(() => {
        order.push('i');
        if (--left > 0) void interactive();
        mutex.unlock();
      });
    const heavy = mutex.lock({ priority: 'heavy' }).then(() => {
      order.push('H');
      mutex.unlock();
    });
    void interactive();
    mutex.unlock();
    await heavy;
    expect(order).toEqual(['i', 'i', 'H']);
  });

  it('hands the session on a turn of the event loop later, so work arriving meanwhile can queue first', async () => {
    const mutex = new Mutex();
    await mutex.lock();
    const order: string[] = [];
    const heavy = mutex.lock({ priority: 'heavy' }).then(() => {
      order.push('heavy');
      mutex.unlock();
    });
    let interactive: Promise<void> = Promise.resolve();
    // Like a request read from a socket while a chain of PGlite queries runs on microtasks.
    setImmediate(() => {
      interactive = mutex.lock({ priority: 'interactive' }).then(() => {
        order.push('interactive');
        mutex.unlock();
      });
    });
    mutex.unlock();
    await heavy;
    await interactive;
    expect(order).toEqual(['interactive', 'heavy']);
  });

  it('lets the event loop turn during a long chain of queries, even with nobody queued', async () => {
    const chain = async (mutex: Mutex) => {
      const seen: boolean[] = [];
      let turned = false;
      setImmediate(() => {
        turned = true;
      });
      for (let i = 0; i < 3; i++) {
        await mutex.lock({ priority: 'background' });
        seen.push(turned);
        mutex.unlock();
      }
      return seen;
    };
    // A slice of -1 ms is always used up: every lock lets the loop turn first.
    expect(await chain(new Mutex({ sliceMs: -1 }))).toEqual([true, true, true]);
    // As before (not fair): the chain runs on microtasks alone.
    expect(await chain(new Mutex({ fair: false }))).toEqual([false, false, false]);
  });

  it('reports the waiters per priority', async () => {
    const mutex = new Mutex();
    await mutex.lock();
    const waits = [mutex.lock({ priority: 'heavy', caller: 'a' }), mutex.lock({ priority: 'background' })];
    expect(mutex.waiting()).toEqual({ interactive: 0, heavy: 1, background: 1 });
    mutex.unlock();
    await waits[0];
    mutex.unlock();
    await waits[1];
    mutex.unlock();
    expect(mutex.waiting()).toEqual({ interactive: 0, heavy: 0, background: 0 });
  });
});
