/**
 * The published-app cache and the one-statement writes (issue 14, items 1 and 2), over real HTTP
 * on PGlite and PostgreSQL: a publish in this process, through the API or straight through the
 * store, is seen by the very next request; unique fields and dedupe keys, now left to the unique
 * indexes, are still refused with 409 DUPLICATE_RECORD at the key's field, and a refused write
 * leaves neither a record nor an audit row behind.
 */
import type { App } from '@stagecraft/schema';
import { describeDialects } from '@stagecraft/store/testing';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { BENCH_APP, benchApp, installBenchApp, newProspect, RECORDS_URL } from '../bench/lead-app.js';
import { buildApp } from '../src/app.js';
import { type Caller, caller, checkedResponses, envelope, FakeClock, fixtureOn, login } from './support.js';

type Rec = { id: string; version: number } & Record<string, unknown>;

describeDialects('published app cache and one-statement writes', (ctx) => {
  let admin: Caller;
  let adminActor: Parameters<typeof ctx.store.apps.publish>[0];
  const entity = () => benchApp.entities[0] as (typeof benchApp.entities)[number];
  /** The bench app with extra fields and entity settings, as a full document. */
  const withFields = (fields: unknown[], extra: Record<string, unknown> = {}) => ({
    ...benchApp,
    entities: [{ ...entity(), fields: [...entity().fields, ...fields], ...extra }],
  });
  /** Publishes through the HTTP API: save the draft at its revision, then publish. */
  const publishViaApi = async (definition: unknown) => {
    const draft = (await admin.get(`/api/apps/${BENCH_APP}/draft`)).json() as { revision: number };
    const saved = await admin.put(`/api/apps/${BENCH_APP}/draft`, {
      baseRevision: draft.revision,
      definition,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const published = await admin.post(`/api/apps/${BENCH_APP}/publish`, {});
    expect(published.statusCode, published.body).toBe(201);
  };
  const auditCount = async () => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(ctx.store.db);
    return Number(rows[0]?.n);
  };

  beforeAll(async () => {
    const app = await buildApp({ store: ctx.store, clock: new FakeClock(), ...checkedResponses() });
    await app.ready();
    const org = await fixtureOn(ctx.store);
    adminActor = org.actors.admin;
    const cookie = await login(app, org.users.admin.email);
    admin = caller(app, cookie);
    await installBenchApp(app, cookie);
  });

  it('sees a publish through the API at the next request', async () => {
    expect((await admin.post(RECORDS_URL, newProspect(1))).statusCode).toBe(201);
    const before = await admin.post(RECORDS_URL, { ...newProspect(2), region: 'east' });
    expect(envelope(before).details.map((d) => `${d.code} ${d.path}`)).toContain('UNKNOWN_FIELD /region');
    await publishViaApi(
      withFields([{ id: 'region', type: 'text', label: { 'zh-CN': '区域', en: 'Region' } }]),
    );
    const after = await admin.post(RECORDS_URL, { ...newProspect(3), region: 'east' });
    expect(after.statusCode, after.body).toBe(201);
    expect((after.json() as Rec).region).toBe('east');
  });

  it('sees a publish straight through the store at the next request', async () => {
    // The stored (parsed) definition of the current version, with one more field.
    const current = await ctx.store.apps.getVersion(adminActor, BENCH_APP);
    if (!current.ok) throw new Error('no published version');
    const stored = current.value.definition;
    const [lead, ...others] = stored.entities;
    if (!lead) throw new Error('no entity');
    const tier = { id: 'tier', type: 'text', label: { 'zh-CN': '级别', en: 'Tier' } };
    const definition = {
      ...stored,
      entities: [{ ...lead, fields: [...lead.fields, tier] }, ...others],
    } as App;
    const published = await ctx.store.apps.publish(adminActor, BENCH_APP, definition);
    expect(published.ok).toBe(true);
    const res = await admin.post(RECORDS_URL, { ...newProspect(4), tier: 'A' });
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as Rec).tier).toBe('A');
  });

  it('refuses a duplicate dedupe key or unique value with 409 at its field, writing nothing', async () => {
    await publishViaApi(
      withFields(
        [
          { id: 'region', type: 'text', label: { 'zh-CN': '区域', en: 'Region' } },
          { id: 'tier', type: 'text', label: { 'zh-CN': '级别', en: 'Tier' } },
          { id: 'code', type: 'text', unique: true, label: { 'zh-CN': '编号', en: 'Code' } },
        ],
        { dedupeKeys: [['email']] },
      ),
    );
    const first = await admin.post(RECORDS_URL, { ...newProspect(10), code: 'C-10' });
    expect(first.statusCode, first.body).toBe(201);
    const other = (await admin.post(RECORDS_URL, { ...newProspect(11), code: 'C-11' })).json() as Rec;
    const records = (await admin.get(`${RECORDS_URL}?limit=1`)).json() as { total: number };
    const audits = await auditCount();

    const sameEmail = await admin.post(RECORDS_URL, { ...newProspect(12), email: 'p10@example.com' });
    expect(sameEmail.statusCode).toBe(409);
    expect(envelope(sameEmail).code).toBe('DUPLICATE_RECORD');
    expect(envelope(sameEmail).details[0]).toMatchObject({ path: '/email', details: { key: ['email'] } });
    const sameCode = await admin.post(RECORDS_URL, { ...newProspect(13), code: 'C-10' });
    expect(sameCode.statusCode).toBe(409);
    expect(envelope(sameCode).details[0]).toMatchObject({ code: 'DUPLICATE_RECORD', path: '/code' });
    const updated = await admin.patch(`${RECORDS_URL}/${other.id}`, {
      email: 'p10@example.com',
      version: other.version,
    });
    expect(updated.statusCode).toBe(409);
    expect(envelope(updated).details[0]).toMatchObject({ path: '/email' });

    expect(((await admin.get(`${RECORDS_URL}?limit=1`)).json() as { total: number }).total).toBe(
      records.total,
    );
    expect(await auditCount()).toBe(audits);
    const unchanged = (await admin.get(`${RECORDS_URL}/${other.id}`)).json() as Rec;
    expect(unchanged).toMatchObject({ version: other.version, email: 'p11@example.com' });
  });

  it('writes the audit row of a create and an update in the same statement, with the changed values', async () => {
    const made = (await admin.post(RECORDS_URL, { ...newProspect(20), code: 'C-20' })).json() as Rec;
    const moved = await admin.patch(`${RECORDS_URL}/${made.id}`, { score: 99, version: made.version });
    expect(moved.statusCode, moved.body).toBe(200);
    const trail = (await admin.get(`${RECORDS_URL}/${made.id}/audit`)).json() as {
      entries: { action: string; changes: Record<string, { from: unknown; to: unknown }> }[];
    };
    expect(trail.entries.map((e) => e.action)).toEqual(['create', 'update']);
    expect(trail.entries[0]?.changes).toMatchObject({
      title: { from: null, to: 'Prospect 20' },
      budget: { from: null, to: 2010 },
      stage: { from: null, to: 'fresh' },
    });
    expect(trail.entries[0]?.changes.notes).toEqual({ from: null, to: 'note 20' });
    expect(trail.entries[1]?.changes).toEqual({ score: { from: 20, to: 99 } });
  });
});
