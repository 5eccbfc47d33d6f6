/**
 * Related lists with the 360° timeline, search across an app, and bulk edit / bulk transition, on
 * PGlite and PostgreSQL through a real HTTP server (`inject`): every list and hit is under the
 * caller's scope (a rep never sees another rep's records, not even through a referenced title), and
 * a bulk request checks each row like a single save and reports it by itself, in the caller's language.
 */
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Caller, caller, envelope, fixtureOn, login, serverOn } from './support.js';

const L = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const stage = (id: string, category: 'open' | 'won' | 'lost', probability: number) => ({
  id,
  label: L(id, id),
  category,
  probability,
  forecastCategory: category === 'open' ? 'pipeline' : category === 'won' ? 'closed' : 'omitted',
});
const everydayApp = {
  schemaVersion: 2,
  id: 'daily',
  label: L('Daily', '日常'),
  entities: [
    {
      id: 'firm',
      label: L('Firm', '公司'),
      titleField: 'firmName',
      fields: [{ id: 'firmName', type: 'text', label: L('Name', '名称') }],
    },
    {
      id: 'pitch',
      label: L('Pitch', '商机'),
      titleField: 'pitchName',
      fields: [
        { id: 'pitchName', type: 'text', label: L('Name', '名称') },
        { id: 'pitchFirm', type: 'reference', entity: 'firm', label: L('Firm', '公司') },
        { id: 'worth', type: 'number', label: L('Worth', '金额') },
        { id: 'note', type: 'text', label: L('Note', '备注') },
      ],
    },
    {
      id: 'touch',
      label: L('Touch', '跟进'),
      titleField: 'touchNote',
      fields: [
        { id: 'touchNote', type: 'text', label: L('Note', '内容') },
        { id: 'touchFirm', type: 'reference', entity: 'firm', label: L('Firm', '公司') },
      ],
    },
  ],
  stageMachines: [
    {
      id: 'pitchFlow',
      entity: 'pitch',
      label: L('Flow', '流程'),
      initialStage: 'open',
      stages: [stage('open', 'open', 10), stage('priced', 'open', 60), stage('won', 'won', 100)],
      transitions: [
        {
          id: 'price',
          label: L('Price', '报价'),
          from: ['open'],
          to: 'priced',
          entryCriteria: [
            {
              id: 'hasWorth',
              rule: { '>': [{ var: 'worth' }, 0] },
              message: L('Fill in the worth before pricing', '报价前需填写金额'),
              field: 'worth',
            },
          ],
        },
      ],
    },
  ],
  forms: [],
  views: [],
};
const APP = '/api/apps/daily';

describeDialects('related lists, search and bulk API', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let admin: Caller;
  let rep: Caller;
  let westRep: Caller;
  const ids: Record<string, string> = {};

  const create = async (who: Caller, entity: string, values: Record<string, unknown>) => {
    const res = await who.post(`${APP}/entities/${entity}/records`, values);
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };

  beforeAll(async () => {
    app = await serverOn(ctx.store);
    fx = await fixtureOn(ctx.store);
    admin = caller(app, await login(app, fx.users.admin.email));
    rep = caller(app, await login(app, fx.users.east1Rep.email));
    westRep = caller(app, await login(app, fx.users.westRep.email));
    expect((await admin.post('/api/apps', everydayApp)).statusCode).toBe(201);
    const published = await admin.post(`${APP}/publish`, { note: 'everyday' });
    expect(published.statusCode, published.body).toBe(201);
    // the rep's firm (the west rep sells to it too, but may not read it) and the west rep's own
    ids.harbour = await create(rep, 'firm', { firmName: 'Harbour Trading' });
    ids.west = await create(westRep, 'firm', { firmName: 'Harbour West Ltd' });
    ids.repPitch = await create(rep, 'pitch', { pitchName: 'Cranes', pitchFirm: ids.harbour, worth: 10 });
    ids.repPitch2 = await create(rep, 'pitch', { pitchName: 'Forklifts', pitchFirm: ids.harbour });
    ids.westPitch = await create(westRep, 'pitch', { pitchName: 'Boats', pitchFirm: ids.harbour });
    ids.touch = await create(rep, 'touch', { touchNote: 'Called the buyer', touchFirm: ids.harbour });
  });
  afterAll(() => app.close());

  it('lists the records that reference a record, each list under the caller’s scope', async () => {
    const res = await rep.get(`${APP}/entities/firm/records/${ids.harbour}/related`);
    expect(res.statusCode, res.body).toBe(200);
    const { lists, timeline } = res.json() as {
      lists: { entity: string; field: string; total: number; records: { id: string }[] }[];
      timeline: { entity: string; recordId: string; action: string }[];
    };
    const pitches = lists.find((l) => l.entity === 'pitch');
    expect(pitches?.field).toBe('pitchFirm');
    // the west rep's pitch on the same firm is outside the rep's scope: not listed, not counted
    expect(pitches?.total).toBe(2);
    expect(pitches?.records.map((r) => r.id).sort()).toEqual([ids.repPitch, ids.repPitch2].sort());
    expect(lists.find((l) => l.entity === 'touch')?.records.map((r) => r.id)).toEqual([ids.touch]);
    // one timeline: the firm's own creation and its related records', newest first, none of the west rep's
    expect(timeline.map((t) => t.recordId).sort()).toEqual(
      [ids.harbour, ids.repPitch, ids.repPitch2, ids.touch].sort(),
    );
    expect(timeline.every((t) => t.action === 'create')).toBe(true);
    const times = timeline.map((t) => (t as unknown as { at: string }).at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('answers 404 for a record outside the caller’s scope', async () => {
    const res = await westRep.get(`${APP}/entities/firm/records/${ids.harbour}/related`);
    expect(res.statusCode).toBe(404);
    expect(envelope(res).code).toBe('RECORD_NOT_FOUND');
  });

  it('finds records by their text and by the title of the record they reference, in scope only', async () => {
    const res = await rep.get(`${APP}/search?q=${encodeURIComponent('harbour tr')}`);
    expect(res.statusCode, res.body).toBe(200);
    const groups = (res.json() as { groups: { entity: string; records: { id: string; title: string }[] }[] })
      .groups;
    expect(groups.find((g) => g.entity === 'firm')?.records).toEqual([
      { id: ids.harbour, title: 'Harbour Trading' },
    ]);
    // a fragment of the firm's name finds the rep's pitches on it, never the west rep's
    const pitches = groups.find((g) => g.entity === 'pitch')?.records ?? [];
    expect(pitches.map((p) => p.title).sort()).toEqual(['Cranes', 'Forklifts']);
    expect(groups.find((g) => g.entity === 'touch')?.records.map((r) => r.id)).toEqual([ids.touch]);

    const west = await westRep.get(`${APP}/search?q=harbour`);
    const westGroups = (west.json() as { groups: { entity: string; records: { id: string }[] }[] }).groups;
    // the west rep cannot read the firm, so its name leads to none of its pitches, not even their own
    expect(westGroups.find((g) => g.entity === 'firm')?.records.map((r) => r.id)).toEqual([ids.west]);
    expect(westGroups.find((g) => g.entity === 'pitch')).toBeUndefined();

    const bad = await rep.get(`${APP}/search?q=`);
    expect(bad.statusCode).toBe(400);
    expect(envelope(bad).code).toBe('VALIDATION_FAILED');
  });

  it('runs a bulk transition row by row and reports each refused row with its reason', async () => {
    const res = await rep({
      method: 'POST',
      url: `${APP}/entities/pitch/records/bulk`,
      headers: { 'accept-language': 'zh-CN' },
      payload: { ids: [ids.repPitch, ids.repPitch2, ids.westPitch, 'missing'], transition: { to: 'priced' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      done: number;
      refused: number;
      rows: { id: string; ok: boolean; code?: string; message?: string; stage?: string }[];
    };
    expect(body.done).toBe(1);
    expect(body.refused).toBe(3);
    const row = (id: string | undefined) => body.rows.find((r) => r.id === id);
    expect(row(ids.repPitch)).toMatchObject({ ok: true, stage: 'priced' });
    expect(row(ids.repPitch2)).toMatchObject({ ok: false, code: 'TRANSITION_BLOCKED' });
    expect(row(ids.repPitch2)?.message).toContain('报价前需填写金额');
    // another rep's record and a missing one are refused alike: nothing tells them apart
    expect(row(ids.westPitch)).toMatchObject({ ok: false, code: 'RECORD_NOT_FOUND' });
    expect(row('missing')).toMatchObject({ ok: false, code: 'RECORD_NOT_FOUND' });
    // the refused row was not written at all
    const refused = await rep.get(`${APP}/entities/pitch/records/${ids.repPitch2}`);
    expect(refused.json()).toMatchObject({ stage: 'open', version: 1 });
  });

  it('runs a bulk edit through the single update: validation refuses a row, the rest are written', async () => {
    const res = await rep.post(`${APP}/entities/pitch/records/bulk`, {
      ids: [ids.repPitch2, ids.westPitch],
      set: { note: 'Q3 push' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ done: 1, refused: 1 });
    const bad = await rep.post(`${APP}/entities/pitch/records/bulk`, {
      ids: [ids.repPitch2],
      set: { worth: 'lots' },
    });
    const row = (bad.json() as { rows: { ok: boolean; code: string; issues: { path: string }[] }[] }).rows[0];
    expect(row).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(row?.issues[0]?.path).toBe('/worth');
    const both = await rep.post(`${APP}/entities/pitch/records/bulk`, {
      ids: [ids.repPitch2],
      set: { note: 'x' },
      transition: { to: 'priced' },
    });
    expect(both.statusCode).toBe(400);
    expect(envelope(both).details[0]?.path).toBe('/set');
  });
});
