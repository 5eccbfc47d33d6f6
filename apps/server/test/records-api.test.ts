/**
 * Issue 2's HTTP "Done when" list, through inject() on PGlite and PostgreSQL: an app with sixteen
 * field types publishes; records are created, listed (JSON Logic filter in SQL, sort, paging),
 * updated with optimistic concurrency and soft-deleted; schema changes archive and restore values or
 * are refused untouched; scope holds in list, get and aggregate; audit is complete and read-only.
 */
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleApp } from './sample-app.js';
import { type Caller, caller, envelope, FakeClock, fixtureOn, login, serverOn } from './support.js';

const RECORDS = '/api/apps/testapp/entities/widget/records';
type Rec = Record<string, unknown> & { id: string; version: number };

describeDialects('records API', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let as: Record<
    'admin' | 'eastManager' | 'east1Rep' | 'east1Rep2' | 'east2Rep' | 'westRep' | 'otherAdmin',
    Caller
  >;
  const made: Record<string, Rec> = {};
  const clock = new FakeClock();

  beforeAll(async () => {
    app = await serverOn(ctx.store, clock);
    fx = await fixtureOn(ctx.store, 'Workspace A');
    const other = await fixtureOn(ctx.store, 'Workspace B');
    const sign = async (email: string) => caller(app, await login(app, email));
    as = {
      admin: await sign(fx.users.admin.email),
      eastManager: await sign(fx.users.eastManager.email),
      east1Rep: await sign(fx.users.east1Rep.email),
      east1Rep2: await sign(fx.users.east1Rep2.email),
      east2Rep: await sign(fx.users.east2Rep.email),
      westRep: await sign(fx.users.westRep.email),
      otherAdmin: await sign(other.users.admin.email),
    };
  });
  afterAll(() => app.close());

  it('creates an app, guards the draft revision and publishes version 1', async () => {
    const refused = await as.east1Rep.post('/api/apps', sampleApp());
    expect(refused.statusCode).toBe(403);
    const created = await as.admin.post('/api/apps', sampleApp());
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ id: 'testapp', publishedVersion: null });
    expect(envelope(await as.admin.post('/api/apps', sampleApp())).code).toBe('APP_EXISTS');

    const draft = await as.admin.get('/api/apps/testapp/draft');
    expect(draft.statusCode).toBe(200);
    const { revision } = draft.json() as { revision: number };
    const saved = await as.admin.put('/api/apps/testapp/draft', sampleApp(), { 'if-match': `"${revision}"` });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as { revision: number }).revision).toBeGreaterThan(revision);
    const stale = await as.admin.put('/api/apps/testapp/draft', { ...sampleApp(), baseRevision: revision });
    expect(stale.statusCode).toBe(409);
    expect(envelope(stale).code).toBe('DRAFT_CONFLICT');

    const plan = await as.admin.post('/api/apps/testapp/publish?dryRun=1');
    expect(plan.statusCode, plan.body).toBe(200);
    expect((plan.json() as { changes: { kind: string }[] }).changes.map((c) => c.kind)).toContain(
      'create_table',
    );
    const published = await as.admin.post('/api/apps/testapp/publish', { note: 'first' });
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json()).toMatchObject({ version: 1 });
    const versions = await as.east1Rep.get('/api/apps/testapp/versions');
    expect((versions.json() as { versions: { version: number }[] }).versions.map((v) => v.version)).toEqual([
      1,
    ]);
    const runtime = await as.east1Rep.get('/api/apps/testapp/published');
    expect(runtime.json()).toMatchObject({ version: 1, definition: { id: 'testapp' } });
  });

  it('refuses to publish an app with broken references, with every issue at its JSON path', async () => {
    await as.admin.post('/api/apps', {
      ...sampleApp('brokenapp'),
      views: [
        { id: 'v', type: 'list', entity: 'nothing', label: { en: 'V' }, columns: [{ id: 'c', field: 'x' }] },
      ],
    });
    const res = await as.admin.post('/api/apps/brokenapp/publish');
    expect(res.statusCode).toBe(422);
    expect(envelope(res).details.map((d) => d.path)).toContain('/views/0/entity');
    const deep = Array.from({ length: 60 }).reduce<unknown>((acc) => ({ '!': [acc] }), { var: 'qty' });
    const hostile = sampleApp('hostileapp') as { validationRules: { assert: unknown }[] };
    (hostile.validationRules[0] as { assert: unknown }).assert = deep;
    expect((await as.admin.post('/api/apps', hostile)).statusCode).toBe(201);
    const refused = await as.admin.post('/api/apps/hostileapp/publish');
    expect(refused.statusCode).toBe(422);
    expect(envelope(refused).details[0], refused.body).toMatchObject({ code: 'RULE_LIMIT_EXCEEDED' });
    expect(envelope(refused).details[0]?.path).toMatch(/^\/validationRules\/0\/assert/);
  });

  it('creates records with every field type, a computed formula and an auto number', async () => {
    const full = {
      title: 'Alpha',
      notes: 'first one',
      qty: 2,
      price: 10.5,
      ratio: 12.5,
      dueOn: '2026-04-01',
      seenAt: '2026-03-01T08:30:00.000Z',
      active: true,
      level: 'low',
      tags: ['red', 'blue'],
      phoneNo: '13800138000',
      mail: 'alpha@example.com',
      site: 'https://example.com/a',
      spot: { lat: 31.23, lng: 121.47 },
    };
    const res = await as.east1Rep.post(RECORDS, full);
    expect(res.statusCode, res.body).toBe(201);
    const rec = res.json() as Rec;
    expect(rec).toMatchObject({
      ...full,
      total: 21,
      version: 1,
      owner: fx.users.east1Rep.id,
      orgUnit: fx.units.east1.id,
    });
    expect(String(rec.code)).toMatch(/^W-\d{4}$/);
    made.alpha = rec;
    const more: [keyof typeof as, string, number][] = [
      ['east1Rep', 'Bravo', 5],
      ['east1Rep', 'Charlie', 1],
      ['east1Rep2', 'Delta', 7],
      ['east2Rep', 'Echo', 3],
      ['westRep', 'Foxtrot', 9],
      ['admin', 'Golf', 4],
    ];
    const prepared = app.stagecraft.published.size;
    for (const [who, title, qty] of more) {
      const r = await as[who].post(RECORDS, { title, qty, price: 1, phoneNo: `1390000000${qty}` });
      expect(r.statusCode, r.body).toBe(201);
      made[title] = r.json() as Rec;
    }
    // Validators are prepared once per published version, not per request.
    expect(app.stagecraft.published.size).toBe(prepared);
  });

  it('rejects a record with the validation rule message in the caller language at the rule field', async () => {
    const zh = await as.east1Rep({
      method: 'POST',
      url: RECORDS,
      headers: { 'accept-language': 'zh-CN' },
      payload: { title: 'Hotel', level: 'high' },
    });
    expect(zh.statusCode).toBe(422);
    expect(envelope(zh).details).toContainEqual(
      expect.objectContaining({ path: '/notes', message: '高级别必须填写备注', code: 'RULE_FAILED' }),
    );
    const en = await as.east1Rep({
      method: 'POST',
      url: RECORDS,
      headers: { 'accept-language': 'en' },
      payload: { title: 'Hotel', level: 'high' },
    });
    expect(envelope(en).details).toContainEqual(
      expect.objectContaining({ path: '/notes', message: 'A high level needs notes' }),
    );
    const unknown = await as.east1Rep.post(RECORDS, { title: 'Hotel', nope: 1 });
    expect(unknown.statusCode).toBe(400);
    expect(envelope(unknown).details).toContainEqual(
      expect.objectContaining({ path: '/nope', code: 'UNKNOWN_FIELD' }),
    );
    const wrong = await as.east1Rep.post(RECORDS, { title: 'Hotel', qty: 'many' });
    expect(wrong.statusCode).toBe(400);
    expect(envelope(wrong).details.map((d) => d.path)).toContain('/qty');
  });

  it('lists with a JSON Logic filter run in SQL, sort and paging', async () => {
    const filter = encodeURIComponent(JSON.stringify({ '>=': [{ var: 'qty' }, 3] }));
    const page1 = await as.admin.get(`${RECORDS}?filter=${filter}&sort=-qty&limit=2`);
    expect(page1.statusCode, page1.body).toBe(200);
    const body1 = page1.json() as { records: Rec[]; total: number };
    expect(body1.total).toBe(5);
    expect(body1.records.map((r) => r.title)).toEqual(['Foxtrot', 'Delta']);
    const page2 = await as.admin.get(`${RECORDS}?filter=${filter}&sort=-qty&limit=2&offset=2`);
    expect((page2.json() as { records: Rec[] }).records.map((r) => r.title)).toEqual(['Bravo', 'Golf']);
    const byBody = await as.admin.post(`${RECORDS}/query`, {
      filter: { or: [{ '==': [{ var: 'title' }, 'Alpha'] }, { '==': [{ var: 'title' }, 'Echo'] }] },
      sort: [{ field: 'title', direction: 'desc' }],
    });
    expect(byBody.statusCode, byBody.body).toBe(200);
    expect((byBody.json() as { records: Rec[] }).records.map((r) => r.title)).toEqual(['Echo', 'Alpha']);
    const search = await as.admin.get(`${RECORDS}?search=harl`);
    expect((search.json() as { records: Rec[] }).records.map((r) => r.title)).toEqual(['Charlie']);
    const owned = await as.admin.post(`${RECORDS}/query`, {
      filter: { '==': [{ var: 'owner' }, fx.users.east1Rep.id] },
      sort: [{ field: 'total', direction: 'asc' }],
    });
    expect((owned.json() as { records: Rec[] }).records.map((r) => r.title)).toEqual([
      'Charlie',
      'Bravo',
      'Alpha',
    ]);
    // Filters run in SQL only: an operator the database cannot run is refused, never evaluated in memory.
    const inMemoryOnly = {
      '==': [{ reduce: [{ var: 'tags' }, { '+': [{ var: 'accumulator' }, 1] }, 0] }, 2],
    };
    const refused = await as.admin.get(
      `${RECORDS}?filter=${encodeURIComponent(JSON.stringify(inMemoryOnly))}`,
    );
    expect(refused.statusCode).toBe(400);
    expect(envelope(refused).code).toBe('RULE_NOT_TRANSLATABLE');
    const unknown = await as.admin.get(`${RECORDS}?sort=nope`);
    expect(unknown.statusCode).toBe(400);
    expect(envelope(unknown).code).toBe('UNKNOWN_FIELD');
  });

  it('updates at the version read; a stale update is 409 and changes nothing', async () => {
    const url = `${RECORDS}/${made.alpha?.id}`;
    const ok = await as.east1Rep.patch(url, { version: 1, qty: 3 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, qty: 3, total: 31.5 });
    const stale = await as.east1Rep.patch(url, { version: 1, qty: 99 });
    expect(stale.statusCode).toBe(409);
    expect(envelope(stale).code).toBe('VERSION_CONFLICT');
    expect((await as.east1Rep.get(url)).json()).toMatchObject({ version: 2, qty: 3 });
    const ifMatch = await as.east1Rep.patch(url, { notes: 'via If-Match' }, { 'if-match': '"2"' });
    expect(ifMatch.statusCode, ifMatch.body).toBe(200);
    expect(ifMatch.json()).toMatchObject({ version: 3, notes: 'via If-Match' });
    const noVersion = await as.east1Rep.patch(url, { qty: 4 });
    expect(noVersion.statusCode).toBe(400);
    expect(envelope(noVersion).details[0]?.path).toBe('/version');
  });

  it('keeps an audit entry with actor and server time for every write, and no route alters it', async () => {
    const url = `${RECORDS}/${made.alpha?.id}/audit`;
    const res = await as.east1Rep.get(url);
    expect(res.statusCode, res.body).toBe(200);
    const { entries } = res.json() as {
      entries: {
        action: string;
        actor: string;
        at: string;
        definitionVersion: number;
        changes: Record<string, unknown>;
      }[];
    };
    expect(entries.map((e) => e.action).sort()).toEqual(['create', 'update', 'update']);
    for (const e of entries) {
      expect(e.actor).toBe(fx.users.east1Rep.id);
      // The server's clock reading, the same instant as the record's stamps (not the database's now()).
      expect(e.at).toBe(clock.now().toISOString());
      expect(e.definitionVersion).toBe(1);
    }
    expect(entries.find((e) => e.action === 'update' && e.changes.qty)?.changes.qty).toEqual({
      from: 2,
      to: 3,
    });
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const r = await as.admin({ method, url, payload: { actor: 'someone', at: '2000-01-01T00:00:00Z' } });
      expect(r.statusCode, method).toBe(404);
    }
    const forged = await as.east1Rep.patch(`${RECORDS}/${made.alpha?.id}`, {
      version: 3,
      createdAt: '2000-01-01T00:00:00Z',
      updatedBy: fx.users.admin.id,
    });
    expect(forged.statusCode).toBe(400);
    expect((await as.east1Rep.get(url)).json()).toEqual(res.json());
  });

  it('soft-deletes: the record leaves the list and its audit says so', async () => {
    const id = made.Charlie?.id;
    const del = await as.east1Rep.del(`${RECORDS}/${id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect(typeof (del.json() as Rec).deletedAt).toBe('string');
    const list = await as.admin.get(`${RECORDS}?limit=100`);
    expect((list.json() as { records: Rec[] }).records.map((r) => r.id)).not.toContain(id);
    const withDeleted = await as.admin.get(`${RECORDS}?limit=100&includeDeleted=1`);
    expect((withDeleted.json() as { records: Rec[] }).records.map((r) => r.id)).toContain(id);
    expect((await as.east1Rep.get(`${RECORDS}?includeDeleted=1`)).statusCode).toBe(403);
    expect((await as.east1Rep.get(`${RECORDS}/${id}`)).statusCode).toBe(404);
    const audit = await as.admin.get(`${RECORDS}/${id}/audit`);
    expect((audit.json() as { entries: { action: string }[] }).entries.map((e) => e.action)).toContain(
      'delete',
    );
  });

  it('shows a member only their own records in list, get and aggregate', async () => {
    const list = await as.east1Rep.get(`${RECORDS}?limit=100`);
    expect((list.json() as { records: Rec[] }).records.map((r) => r.title).sort()).toEqual([
      'Alpha',
      'Bravo',
    ]);
    const other = await as.east1Rep.get(`${RECORDS}/${made.Delta?.id}`);
    expect(other.statusCode).toBe(404);
    expect(envelope(other).code).toBe('RECORD_NOT_FOUND');
    const agg = await as.east1Rep.get(`${RECORDS}/aggregate?measures=count,sum:qty`);
    expect(agg.statusCode, agg.body).toBe(200);
    expect((agg.json() as { groups: { values: number[] }[] }).groups[0]?.values).toEqual([2, 8]);
    const write = await as.east1Rep.patch(`${RECORDS}/${made.Delta?.id}`, { version: 1, qty: 0 });
    expect(write.statusCode).toBe(404);
  });

  it('shows a manager the org subtree and an admin everything', async () => {
    const mgr = await as.eastManager.get(`${RECORDS}?limit=100&sort=title`);
    expect((mgr.json() as { records: Rec[] }).records.map((r) => r.title)).toEqual([
      'Alpha',
      'Bravo',
      'Delta',
      'Echo',
    ]);
    const agg = await as.eastManager.post(`${RECORDS}/aggregate`, { measures: [{ op: 'count' }] });
    expect((agg.json() as { groups: { values: number[] }[] }).groups[0]?.values).toEqual([4]);
    const west = await as.eastManager.get(`${RECORDS}/${made.Foxtrot?.id}`);
    expect(west.statusCode).toBe(404);
    const all = await as.admin.get(`${RECORDS}?limit=100`);
    expect((all.json() as { total: number }).total).toBe(6);
  });

  it("cannot reach another workspace's records by id", async () => {
    const noApp = await as.otherAdmin.get(`${RECORDS}/${made.alpha?.id}`);
    expect(noApp.statusCode).toBe(404);
    expect((await as.otherAdmin.post('/api/apps', sampleApp())).statusCode).toBe(201);
    expect((await as.otherAdmin.post('/api/apps/testapp/publish')).statusCode).toBe(201);
    for (const res of [
      await as.otherAdmin.get(`${RECORDS}/${made.alpha?.id}`),
      await as.otherAdmin.patch(`${RECORDS}/${made.alpha?.id}`, { version: 3, qty: 1 }),
      await as.otherAdmin.del(`${RECORDS}/${made.alpha?.id}`),
      await as.otherAdmin.get(`${RECORDS}/${made.alpha?.id}/audit`),
    ]) {
      expect(res.statusCode).toBe(404);
    }
    expect((await as.otherAdmin.get(RECORDS)).json()).toMatchObject({ total: 0 });
  });

  it('publishes v2 adding, removing and retyping fields; removed values stay archived and restorable', async () => {
    const v1 = sampleApp() as { entities: { fields: { id: string; type: string }[] }[] };
    const fields = v1.entities[0]?.fields ?? [];
    const v2Fields = fields
      .filter((f) => f.id !== 'phoneNo')
      .map((f) => (f.id === 'dueOn' ? { ...f, type: 'datetime' } : f))
      .concat([{ id: 'extra', type: 'text', label: { en: 'Extra' } } as never]);
    const v2 = { ...sampleApp(), entities: [{ ...v1.entities[0], fields: v2Fields }] };
    expect((await as.admin.put('/api/apps/testapp/draft', v2)).statusCode).toBe(200);
    const pub = await as.admin.post('/api/apps/testapp/publish');
    expect(pub.statusCode, pub.body).toBe(201);
    const { version, changes } = pub.json() as {
      version: number;
      changes: { kind: string; field?: string; values?: number }[];
    };
    expect(version).toBe(2);
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'add_column', field: 'extra' }),
        expect.objectContaining({ kind: 'archive_column', field: 'phoneNo', values: 7 }),
        expect.objectContaining({ kind: 'convert_column', field: 'dueOn' }),
      ]),
    );
    const rec = (await as.admin.get(`${RECORDS}/${made.alpha?.id}`)).json() as Rec;
    expect(rec).not.toHaveProperty('phoneNo');
    expect(rec).toMatchObject({ site: 'https://example.com/a', extra: null });
    const archived = await as.admin.get('/api/apps/testapp/entities/widget/archived-fields');
    const entry = (
      archived.json() as { fields: { archiveId: string; field: string; values: number }[] }
    ).fields.find((f) => f.field === 'phoneNo');
    expect(entry?.values).toBe(7);

    const v3 = {
      ...v2,
      entities: [{ ...v2.entities[0], fields: [...v2Fields, fields.find((f) => f.id === 'phoneNo')] }],
    };
    expect((await as.admin.put('/api/apps/testapp/draft', v3)).statusCode).toBe(200);
    expect((await as.admin.post('/api/apps/testapp/publish')).statusCode).toBe(201);
    const still = (await as.admin.get('/api/apps/testapp/entities/widget/archived-fields')).json() as {
      fields: { archiveId: string; field: string }[];
    };
    const again = still.fields.find((f) => f.field === 'phoneNo');
    if (again) {
      const restored = await as.admin.post(
        `/api/apps/testapp/entities/widget/archived-fields/${again.archiveId}/restore`,
      );
      expect(restored.statusCode, restored.body).toBe(200);
    }
    expect((await as.admin.get(`${RECORDS}/${made.alpha?.id}`)).json()).toMatchObject({
      phoneNo: '13800138000',
    });
  });

  it('refuses an unsafe type change with a clear error and leaves the table untouched', async () => {
    const draft = (await as.admin.get('/api/apps/testapp/draft')).json() as {
      definition: { entities: { fields: { id: string; type: string }[] }[] };
    };
    const def = draft.definition;
    const entity = def.entities[0];
    if (!entity) throw new Error('no entity');
    const index = entity.fields.findIndex((f) => f.id === 'title');
    entity.fields[index] = { id: 'title', label: { en: 'Title' }, type: 'number' } as never;
    expect((await as.admin.put('/api/apps/testapp/draft', def)).statusCode).toBe(200);
    const before = (await as.admin.get(`${RECORDS}?limit=100&sort=title`)).json();
    const res = await as.admin.post('/api/apps/testapp/publish');
    expect(res.statusCode).toBe(422);
    const error = envelope(res);
    expect(error.details).toContainEqual(
      expect.objectContaining({ code: 'UNSAFE_TYPE_CHANGE', path: `/entities/0/fields/${index}/type` }),
    );
    expect((await as.admin.get(`${RECORDS}?limit=100&sort=title`)).json()).toEqual(before);
    const versions = (await as.admin.get('/api/apps/testapp/versions')).json() as { versions: unknown[] };
    expect(versions.versions).toHaveLength(3);
  });

  it('rolls back by publishing an old version as a new one', async () => {
    const res = await as.admin.post('/api/apps/testapp/versions/2/rollback');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ version: 4, rolledBackTo: 2 });
    const rec = (await as.admin.get(`${RECORDS}/${made.alpha?.id}`)).json() as Rec;
    expect(rec).not.toHaveProperty('phoneNo');
    expect(rec).toMatchObject({ title: 'Alpha', extra: null });
    const versions = (await as.admin.get('/api/apps/testapp/versions')).json() as {
      versions: { version: number; note: string | null }[];
    };
    expect(versions.versions.find((v) => v.version === 4)?.note).toMatch(/rollback/);
  });
});
