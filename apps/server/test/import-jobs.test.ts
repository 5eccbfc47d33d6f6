/**
 * Import jobs through inject() on PGlite and PostgreSQL: a job reports progress and finishes; only
 * its starter (and admins) see it; a cancelled job writes nothing and leaves no staging table; a
 * dry run is committed as a new job; an upsert updates the records matched on the dedupe key
 * (version up, audited), creates the rest, and refuses out-of-scope matches and stale versions by
 * line; an entity without a key refuses mode=upsert at once.
 */
import { Readable } from 'node:stream';
import type { ImportJob } from '@stagecraft/contract';
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import Papa from 'papaparse';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Caller, caller, envelope, fixtureOn, importForm, login, serverOn } from './support.js';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const BASE = '/api/apps/jobs/entities';

function jobsApp() {
  return {
    schemaVersion: 2,
    id: 'jobs',
    label: L('导入任务', 'Jobs'),
    entities: [
      {
        id: 'contact',
        label: L('联系人', 'Contact'),
        titleField: 'name',
        dedupeKeys: [['phone']],
        fields: [
          { id: 'phone', type: 'text', label: L('电话', 'Phone'), required: true },
          { id: 'name', type: 'text', label: L('姓名', 'Name'), required: true },
          { id: 'score', type: 'number', label: L('分数', 'Score') },
        ],
      },
      {
        id: 'note',
        label: L('备注', 'Note'),
        titleField: 'text',
        fields: [{ id: 'text', type: 'text', label: L('内容', 'Text') }],
      },
    ],
    roles: [
      {
        id: 'member',
        label: L('销售', 'Rep'),
        permissions: [
          { entity: 'contact', create: true, read: true, update: true, delete: false, scope: 'own' },
          { entity: 'note', create: true, read: true, update: true, delete: false, scope: 'own' },
        ],
      },
    ],
  };
}

const csv = (rows: (string | number)[][]) => Papa.unparse(rows);
const contacts = (from: number, to: number, score = 1) => {
  const rows: (string | number)[][] = [['Phone', 'Name', 'Score']];
  for (let i = from; i < to; i++) rows.push([`1380000${String(i).padStart(4, '0')}`, `Person ${i}`, score]);
  return csv(rows);
};

describeDialects('import jobs', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let as: Record<'admin' | 'east1Rep' | 'east2Rep', Caller>;

  const start = (who: Caller, entity: string, body: string, query = '', lang = 'en') =>
    who({
      method: 'POST',
      url: `${BASE}/${entity}/imports${query ? `?${query}` : ''}`,
      ...importForm(body, 'text/csv', { 'accept-language': lang }),
    });
  /** Polls the job until it ends, returning every answer seen. */
  const follow = async (who: Caller, id: string): Promise<ImportJob[]> => {
    const seen: ImportJob[] = [];
    for (;;) {
      const res = await who({
        method: 'GET',
        url: `/api/imports/${id}`,
        headers: { 'accept-language': 'en' },
      });
      expect(res.statusCode).toBe(200);
      const job = res.json() as ImportJob;
      seen.push(job);
      if (job.state !== 'queued' && job.state !== 'running') return seen;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  /** Waits until this process no longer runs the job (its run has ended, whatever the row says). */
  const settled = async (id: string) => {
    while (app.stagecraft.imports?.live(id)) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  const count = async (who: Caller, entity: string) =>
    ((await who.get(`${BASE}/${entity}/records?limit=1`)).json() as { total: number }).total;
  const stagingTables = async () =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from information_schema.tables where table_name like 'import_stage_%'`.execute(
        ctx.store.db,
      )
    ).rows[0]?.n;

  beforeAll(async () => {
    app = await serverOn(ctx.store);
    fx = await fixtureOn(ctx.store, 'Import jobs workspace');
    const sign = async (email: string) => caller(app, await login(app, email));
    as = {
      admin: await sign(fx.users.admin.email),
      east1Rep: await sign(fx.users.east1Rep.email),
      east2Rep: await sign(fx.users.east2Rep.email),
    };
    expect((await as.admin.post('/api/apps', jobsApp())).statusCode).toBe(201);
    expect((await as.admin.post('/api/apps/jobs/publish')).statusCode).toBe(201);
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 202 at once, reports growing progress and finishes with the report', async () => {
    const res = await start(as.east1Rep, 'contact', contacts(0, 5000));
    expect(res.statusCode).toBe(202);
    const job = res.json() as ImportJob;
    expect(job).toMatchObject({ state: 'queued', mode: 'create', dryRun: false, fileName: 'import.csv' });
    expect(job.progress.bytesTotal).toBeGreaterThan(100_000);
    const seen = await follow(as.east1Rep, job.id);
    const end = seen.at(-1) as ImportJob;
    expect(end.state).toBe('done');
    expect(end.phase).toBeNull();
    expect(end.report).toMatchObject({
      rows: 5000,
      created: 5000,
      updated: 0,
      mode: 'create',
      dryRun: false,
    });
    expect(end.progress).toMatchObject({
      bytesRead: end.progress.bytesTotal,
      rowsRead: 5000,
      rowsWritten: 5000,
    });
    expect(end.startedAt).not.toBeNull();
    expect(end.finishedAt).not.toBeNull();
    // progress never goes back
    for (let i = 1; i < seen.length; i++)
      expect((seen[i] as ImportJob).progress.rowsRead).toBeGreaterThanOrEqual(
        (seen[i - 1] as ImportJob).progress.rowsRead,
      );
    expect(await count(as.east1Rep, 'contact')).toBe(5000);
    // visible to its starter and admins only
    expect((await as.east2Rep.get(`/api/imports/${job.id}`)).statusCode).toBe(404);
    expect((await as.admin.get(`/api/imports/${job.id}`)).statusCode).toBe(200);
    expect((await as.east2Rep.post(`/api/imports/${job.id}/cancel`)).statusCode).toBe(404);
    // finished: cannot be cancelled, and only a dry run can be committed
    expect(envelope(await as.east1Rep.post(`/api/imports/${job.id}/cancel`)).code).toBe('IMPORT_FINISHED');
    expect((await as.east1Rep.post(`/api/imports/${job.id}/commit`)).statusCode).toBe(409);
    expect(await stagingTables()).toBe(0);
  }, 120_000);

  it('stages text through COPY exactly: tabs, line breaks, backslashes, \\N, quotes, Chinese', async () => {
    const texts = [
      'a\tb',
      'line one\nline two',
      'C:\\dir\\file',
      '\\N',
      'N',
      '"quoted", and \\t not a tab',
      '中文备注 — 再考虑',
      'carriage\r\nreturn',
    ];
    const before = await count(as.east2Rep, 'note');
    const res = await start(as.east2Rep, 'note', csv([['Text'], ...texts.map((t) => [t])]));
    expect(res.statusCode).toBe(202);
    const end = (await follow(as.east2Rep, (res.json() as ImportJob).id)).at(-1) as ImportJob;
    expect(end.state).toBe('done');
    expect(end.report?.created).toBe(texts.length);
    expect(Object.keys(end.report?.timings ?? {})).toEqual(
      expect.arrayContaining(['read', 'check', 'validate', 'encode', 'stage', 'wait', 'keys']),
    );
    const list = (await as.east2Rep.get(`${BASE}/note/records?limit=100`)).json() as {
      records: { text: string | null }[];
    };
    expect(await count(as.east2Rep, 'note')).toBe(before + texts.length);
    // papaparse reads a quoted CR LF inside a cell as it was written; COPY keeps every character
    expect(list.records.map((r) => r.text)).toEqual(expect.arrayContaining(texts));
  });

  it('cancels a job: nothing is written and no staging table is left', async () => {
    const before = await count(as.east2Rep, 'note');
    const rows: string[][] = [['Text']];
    for (let i = 0; i < 40_000; i++) rows.push([`note ${i}`]);
    const res = await start(as.east2Rep, 'note', csv(rows));
    const job = res.json() as ImportJob;
    const cancel = await as.east2Rep.post(`/api/imports/${job.id}/cancel`);
    expect(cancel.statusCode).toBe(200);
    expect((cancel.json() as ImportJob).state).toBe('cancelled');
    await settled(job.id);
    const end = (await as.east2Rep.get(`/api/imports/${job.id}`)).json() as ImportJob;
    expect(end.state).toBe('cancelled');
    expect(end.report).toBeNull();
    expect(await count(as.east2Rep, 'note')).toBe(before);
    expect(await stagingTables()).toBe(0);
  }, 120_000);

  it('commits a passed dry run as a new job over the same file', async () => {
    const dry = (
      await start(as.east2Rep, 'note', csv([['Text'], ['first'], ['second']]), 'dryRun=true')
    ).json() as ImportJob;
    const dryEnd = (await follow(as.east2Rep, dry.id)).at(-1) as ImportJob;
    expect(dryEnd).toMatchObject({ state: 'done', dryRun: true, report: { rows: 2, created: 0 } });
    const before = await count(as.east2Rep, 'note');
    const commit = await as.east2Rep.post(`/api/imports/${dry.id}/commit`);
    expect(commit.statusCode).toBe(202);
    const real = commit.json() as ImportJob;
    expect(real.id).not.toBe(dry.id);
    expect(real.dryRun).toBe(false);
    const end = (await follow(as.east2Rep, real.id)).at(-1) as ImportJob;
    expect(end).toMatchObject({ state: 'done', report: { rows: 2, created: 2, dryRun: false } });
    expect(await count(as.east2Rep, 'note')).toBe(before + 2);
  });

  it('refuses rows by line and writes nothing; the job carries the issues', async () => {
    const res = await start(
      as.east1Rep,
      'contact',
      csv([
        ['Phone', 'Name'],
        ['139', ''],
        ['139', 'Dup'],
      ]),
    );
    const end = (await follow(as.east1Rep, (res.json() as ImportJob).id)).at(-1) as ImportJob;
    expect(end.state).toBe('failed');
    expect(end.issues?.[0]).toMatchObject({ path: '/rows/2/name', code: 'IMPORT_INVALID' });
    expect(end.error).toBeNull();
  });

  it('upserts on the dedupe key: updates matches (audited, version up), creates the rest', async () => {
    // rows 0..4999 exist from the first test with score 1; 4990..5009 come again with score 7
    const res = await start(as.east1Rep, 'contact', contacts(4990, 5010, 7), 'mode=upsert');
    expect(res.statusCode).toBe(202);
    const end = (await follow(as.east1Rep, (res.json() as ImportJob).id)).at(-1) as ImportJob;
    expect(end.state, JSON.stringify(end.issues ?? end.error)).toBe('done');
    expect(end.report).toMatchObject({ mode: 'upsert', rows: 20, created: 10, updated: 10 });
    expect(await count(as.east1Rep, 'contact')).toBe(5010);
    const list = (
      await as.east1Rep.get(
        `${BASE}/contact/records?limit=5&filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'phone' }, '13800004995'] }))}`,
      )
    ).json() as { records: { id: string; score: number; version: number }[] };
    expect(list.records).toHaveLength(1);
    const record = list.records[0] as { id: string; score: number; version: number };
    expect(record.score).toBe(7);
    expect(record.version).toBe(2);
    const { entries: audit } = (
      await as.east1Rep.get(`${BASE}/contact/records/${record.id}/audit`)
    ).json() as {
      entries: { action: string; changes: Record<string, { from: unknown; to: unknown }> }[];
    };
    const update = audit.find((a) => a.action === 'update');
    expect(update?.changes.score).toEqual({ from: 1, to: 7 });
  }, 120_000);

  it('refuses an upsert row matching a record outside the user’s scope, by line', async () => {
    // 13800000003 belongs to east1Rep; east2Rep (scope own) may not update it
    const body = csv([
      ['Phone', 'Name', 'Score'],
      ['13900000001', 'New one', 1],
      ['13800000003', 'Taken over', 9],
    ]);
    const res = await start(as.east2Rep, 'contact', body, 'mode=upsert');
    const end = (await follow(as.east2Rep, (res.json() as ImportJob).id)).at(-1) as ImportJob;
    expect(end.state).toBe('failed');
    expect(end.issues).toEqual([
      expect.objectContaining({
        path: '/rows/3/phone',
        details: expect.objectContaining({ line: 3, cause: 'FORBIDDEN' }),
      }),
    ]);
    expect(await count(as.admin, 'contact')).toBe(5010);
  });

  it('refuses a create-mode row whose key a stored record holds, by line', async () => {
    const body = csv([
      ['Phone', 'Name'],
      ['13700000001', 'Fresh'],
      ['13800000004', 'Again'],
    ]);
    const end = (
      await follow(as.east1Rep, ((await start(as.east1Rep, 'contact', body)).json() as ImportJob).id)
    ).at(-1) as ImportJob;
    expect(end.state).toBe('failed');
    expect(end.issues).toEqual([
      expect.objectContaining({
        path: '/rows/3/phone',
        message: 'A record with the same Phone already exists.',
        details: expect.objectContaining({ line: 3, cause: 'DUPLICATE_RECORD' }),
      }),
    ]);
  });

  it('refuses mode=upsert at once where the entity has no key to match on', async () => {
    const res = await start(as.east1Rep, 'note', csv([['Text'], ['x']]), 'mode=upsert');
    expect(res.statusCode).toBe(422);
    expect(envelope(res).details[0]?.path).toBe('/mode');
  });

  it('refuses at commit a matched row whose record changed since it was matched (VERSION_CONFLICT)', async () => {
    const { store } = ctx;
    const actor = fx.actors.east1Rep;
    const job = await store.importJobs.create(
      actor,
      {
        appId: 'jobs',
        entityId: 'contact',
        fileName: 'x.csv',
        fileType: 'csv',
        mode: 'upsert',
        dryRun: false,
        encoding: null,
        locale: 'en',
      },
      Readable.from([Buffer.from('Phone\n13800000007\n')]),
      { now: new Date(), maxBytes: 1000 },
    );
    // claimed by a worker id of this test (the app's runner may not have taken it yet)
    await app.stagecraft.imports?.stop();
    await settled(job.id);
    const claimed = await store.importJobs.claim('test-worker', new Date(Date.now() + 3600_000), 1000);
    expect(claimed?.id).toBeDefined();
    const mine = claimed as NonNullable<typeof claimed>;
    const staging = await store.importJobs.openStaging(actor, mine);
    if (!staging.ok) throw new Error('staging');
    await staging.value.reset();
    // The store checks every staged value itself (one pass with the COPY text), naming the line.
    const bad = await staging.value.append(
      [
        { line: 5, values: { phone: '1', score: 'many' }, owner: actor.userId, orgUnit: actor.orgUnitId },
        { line: 6, values: { phone: '2', nope: 1 }, owner: actor.userId, orgUnit: actor.orgUnitId },
      ],
      new Date().toISOString(),
    );
    expect(bad.ok ? [] : bad.issues.map((i) => [i.code, i.path])).toEqual([
      ['VALIDATION_FAILED', '/rows/5/score'],
      ['UNKNOWN_FIELD', '/rows/6/nope'],
    ]);
    const matched = await staging.value.match(['phone'], [['13800000007']]);
    const hit = matched.get(JSON.stringify(['13800000007']));
    expect(hit).toMatchObject({ inScope: true });
    const { id, version } = hit as { id: string; version: number };
    expect(
      (
        await staging.value.append(
          [
            {
              line: 2,
              values: { phone: '13800000007', name: 'Person 7', score: 3 },
              owner: actor.userId,
              orgUnit: actor.orgUnitId,
              match: { id, version, changes: { score: { from: 1, to: 3 } } },
            },
          ],
          new Date().toISOString(),
        )
      ).ok,
    ).toBe(true);
    // someone else saves the record in between
    const patched = await as.east1Rep.patch(
      `${BASE}/contact/records/${id}`,
      { score: 5 },
      { 'if-match': `"${version}"` },
    );
    expect(patched.statusCode, patched.body).toBe(200);
    const committed = await staging.value.commit({
      jobId: mine.id,
      workerId: 'test-worker',
      report: {},
      updateColumns: ['phone', 'name', 'score'],
      at: new Date().toISOString(),
    });
    expect(committed).toEqual({ conflicts: [2] });
    await staging.value.drop();
    const after = (await as.east1Rep.get(`${BASE}/contact/records/${id}`)).json() as { score: number };
    expect(after.score).toBe(5);
    app.stagecraft.imports?.start();
  });
});
