import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeDialects } from '../testing/index.js';
import { StatementCounter } from './statement-counter.js';

const counter = new StatementCounter({ keepSql: true });

describeDialects(
  'statement counter',
  (ctx) => {
    const one = () => sql`select 1`.execute(ctx.store.db);

    it('counts each statement of a tally, BEGIN, COMMIT and ROLLBACK included', async () => {
      const tally = counter.newTally();
      await counter.run(tally, async () => {
        await one();
        await ctx.store.db.transaction().execute(async (trx) => {
          await sql`select 2`.execute(trx);
        });
        await ctx.store.db
          .transaction()
          .execute(async () => {
            throw new Error('rolled back');
          })
          .catch(() => undefined);
      });
      expect(tally.sql.map((q) => q.trim())).toEqual([
        'select 1',
        'begin',
        'select 2',
        'commit',
        'begin',
        'rollback',
      ]);
      expect(tally.count).toBe(6);
    });

    it('keeps concurrent tallies apart and leaves out work outside any tally', async () => {
      const a = counter.newTally();
      const b = counter.newTally();
      await Promise.all([
        counter.run(a, async () => {
          await one();
          await one();
          await counter.exclude(one);
        }),
        counter.run(b, one),
        one(),
      ]);
      expect([a.count, b.count]).toEqual([2, 1]);
    });

    it('counts nothing while disabled', async () => {
      const tally = counter.newTally();
      counter.enabled = false;
      try {
        await counter.run(tally, one);
      } finally {
        counter.enabled = true;
      }
      expect(tally.count).toBe(0);
    });
  },
  { statements: counter },
);
