/**
 * The outbox loses no record event of a transaction that commits late, on PGlite and PostgreSQL. A
 * transaction takes its audit id when it writes and becomes visible when it commits, so its row can
 * appear far behind rows the runner already handled (a large import while others write). The
 * runner reads only rows whose transaction and every older one have finished, so that row is read
 * when it commits, and its event fires once.
 *
 * PGlite is one session (its transactions run one after another), so only PostgreSQL can hold a
 * transaction open while others commit; on both, a row is also made to appear with an id behind
 * hundreds of handled ones.
 */
import type { Actor } from '@stagecraft/store';
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { serverStoreOf } from '../src/bootstrap/open.js';
import { AutomationRunner } from '../src/worker/runner.js';
import { caller, checkedResponses, FakeClock, fixtureOn, login } from './support.js';

/** More writes than the old reader's re-read window (200 audit rows). */
const OTHERS = 210;
const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** One entity whose every new record notifies its owner. */
const lateApp = {
  schemaVersion: 2,
  id: 'late',
  label: L('迟提交', 'Late commit'),
  entities: [
    {
      id: 'memo',
      label: L('备忘', 'Memo'),
      titleField: 'title',
      fields: [{ id: 'title', type: 'text', label: L('标题', 'Title') }],
    },
  ],
  roles: [],
  automations: [
    {
      id: 'onMemo',
      label: L('新备忘', 'New memo'),
      entity: 'memo',
      trigger: { type: 'record_created' },
      actions: [
        { id: 'tell', type: 'notify', recipients: [{ type: 'owner' }], title: L('新备忘', 'New memo') },
      ],
    },
  ],
};

describeDialects('outbox: a transaction that commits late', (ctx) => {
  const clock = new FakeClock(new Date(Math.floor(Date.now() / 1000) * 1000));
  let app: FastifyInstance;
  let runner: AutomationRunner;
  let fx: OrgFixture;
  let rep: Actor;
  const run = () => runner.runUntilIdle();

  const write = async (title: string, records = ctx.store.records): Promise<string> => {
    const made = await records.create(rep, 'late', 'memo', { title });
    if (!made.ok) throw new Error(made.issues[0]?.message);
    return made.value.id;
  };
  const writeOthers = async (prefix: string): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < OTHERS; i++) ids.push(await write(`${prefix} ${i}`));
    return ids;
  };
  /** How many notifications the rep got per record. */
  const notified = async (): Promise<Map<string, number>> => {
    const notes = await ctx.store.automation.inbox.list(fx.workspace.id, rep.userId, { limit: 10_000 });
    const per = new Map<string, number>();
    for (const n of notes) if (n.recordId) per.set(n.recordId, (per.get(n.recordId) ?? 0) + 1);
    return per;
  };

  beforeAll(async () => {
    const store = serverStoreOf(ctx.store);
    app = await buildApp({ store, clock, ...checkedResponses() });
    await app.ready();
    runner = new AutomationRunner({ store, clock });
    fx = await fixtureOn(ctx.store, 'Late commit workspace');
    rep = fx.actors.east1Rep;
    const admin = caller(app, await login(app, fx.users.admin.email));
    expect((await admin.post('/api/apps', lateApp)).statusCode).toBe(201);
    const published = await admin.post('/api/apps/late/publish');
    expect(published.statusCode, published.body).toBe(201);
  });
  afterAll(async () => {
    await app.close();
  });

  it.skipIf(ctx.dialect === 'pglite')(
    'a record written in a transaction held open while 210 others commit and are handled fires once when it commits',
    async () => {
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      let wrote = (_id: string) => {};
      const written = new Promise<string>((resolve) => (wrote = resolve));
      const held = ctx.store.automation.transaction(async (trx) => {
        wrote(await write('Held open', ctx.store.automation.recordsIn(trx)));
        await gate;
      });
      const late = await written;
      const others = await writeOthers('Meanwhile');
      await run();
      const whileHeld = [...(await notified()).keys()].filter((id) => others.includes(id));
      release();
      await held;
      await run();
      await run();
      const per = await notified();
      expect(per.get(late)).toBe(1);
      expect(others.map((id) => per.get(id))).toEqual(others.map(() => 1));
      // The price of the guarantee: the newer writes waited for the open transaction.
      expect(whileHeld).toEqual([]);
    },
  );

  it('a row that appears with an audit id behind 210 handled rows fires once', async () => {
    const sequence = sql`pg_get_serial_sequence('audit_log', 'id')::regclass`;
    const reserved = await sql<{ id: string }>`select nextval(${sequence})::text as id`.execute(ctx.store.db);
    const early = Number(reserved.rows[0]?.id);
    const others = await writeOthers('Handled');
    await run();
    // As if a transaction had taken id `early` before the others and committed only now.
    await sql`select setval(${sequence}, ${early}, false)`.execute(ctx.store.db);
    const late = await write('Committed late');
    await sql`select setval(${sequence}, (select max(id) from audit_log))`.execute(ctx.store.db);
    const audit = await sql<{
      id: string;
    }>`select id::text as id from audit_log where record_id = ${late}`.execute(ctx.store.db);
    expect(audit.rows.map((r) => Number(r.id))).toEqual([early]);
    await run();
    await run();
    const per = await notified();
    expect(per.get(late)).toBe(1);
    expect(others.map((id) => per.get(id))).toEqual(others.map(() => 1));
  });

  it.skipIf(ctx.dialect === 'pglite')(
    'an open transaction in another database of the cluster does not hold events back',
    async () => {
      const elsewhere = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await elsewhere.connect();
      try {
        await elsewhere.query('begin');
        await elsewhere.query('select pg_current_xact_id()');
        const memo = await write('While another database writes');
        await run();
        expect((await notified()).get(memo)).toBe(1);
      } finally {
        await elsewhere.query('rollback');
        await elsewhere.end();
      }
    },
  );
});
