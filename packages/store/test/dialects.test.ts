import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeDialects } from '../src/testing/index.js';

describeDialects('dialects', (ctx) => {
  it('reads numeric, int8, date and timestamptz the same way on both engines', async () => {
    const { rows } = await sql<Record<string, unknown>>`
      select 12.50::numeric(20,2) as money, 9007199254740::int8 as big, '2024-02-29'::date as day,
             '2024-03-01 08:30:00.123+08'::timestamptz as at, '{"a":[1]}'::jsonb as doc, true as yes`.execute(
      ctx.store.db,
    );
    expect(rows[0]).toEqual({
      money: 12.5,
      big: 9007199254740,
      day: '2024-02-29',
      at: '2024-03-01T00:30:00.123Z',
      doc: { a: [1] },
      yes: true,
    });
  });

  it('runs the system migrations once and is safe to run again', async () => {
    expect(await ctx.store.migrate()).toEqual([]);
    const { rows } = await sql<{ name: string }>`select name from _migrations order by name`.execute(
      ctx.store.db,
    );
    expect(rows.map((r) => r.name)).toContain('001-identity');
  });

  it('rolls a failed transaction back and serialises concurrent transactions', async () => {
    const db = ctx.store.db;
    await sql`create table t_counter (n integer not null)`.execute(db);
    await sql`insert into t_counter values (0)`.execute(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`update t_counter set n = n + 100`.execute(trx);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction().execute(async (trx) => {
          const { rows } = await sql<{ n: number }>`select n from t_counter for update`.execute(trx);
          await sql`update t_counter set n = ${(rows[0]?.n ?? 0) + 1}`.execute(trx);
        }),
      ),
    );
    const { rows } = await sql<{ n: number }>`select n from t_counter`.execute(db);
    expect(rows[0]?.n).toBe(20);
  });

  it('never runs a query of another caller inside an open transaction', async () => {
    const db = ctx.store.db;
    let inserted!: () => void;
    let finish!: () => void;
    const started = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const gate = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const transaction = db.transaction().execute(async (trx) => {
      await sql`insert into t_counter values (1000)`.execute(trx);
      inserted();
      await gate;
      throw new Error('rolled back');
    });
    await started;
    const outside = sql<{ n: number }>`select count(*)::int as n from t_counter where n = 1000`.execute(db);
    finish();
    await expect(transaction).rejects.toThrow('rolled back');
    expect((await outside).rows).toEqual([{ n: 0 }]);
  });
});
