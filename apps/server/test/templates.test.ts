/**
 * Template install over HTTP with a pack written to a temporary folder: listing, idempotent
 * install with demo data, and an upgrade v1 → v2 (a new field, a renamed label) that keeps the
 * admin's own field and every record.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeDialects, type OrgFixture } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { actorOf } from '../src/auth/request-context.js';
import { loadTemplate } from '../src/templates/loader.js';
import { caller, checkedResponses, envelope, FakeClock, fixtureOn, login } from './support.js';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const appV1 = {
  kind: 'app',
  schemaVersion: 1,
  id: 'fieldNotes',
  label: label('Field notes', '现场笔记'),
};
const entityV1 = {
  kind: 'entity',
  id: 'note',
  label: label('Note', '笔记'),
  fields: [
    { id: 'title', type: 'text', label: label('Title', '标题'), required: true },
    { id: 'score', type: 'number', label: label('Score', '分数') },
    {
      id: 'double',
      type: 'formula',
      resultType: 'number',
      expression: { '*': [{ var: 'score' }, 2] },
      label: label('Double', '双倍'),
    },
  ],
};
const machine = {
  kind: 'stageMachine',
  id: 'noteFlow',
  entity: 'note',
  label: label('Flow', '流程'),
  initialStage: 'draft',
  stages: [
    {
      id: 'draft',
      label: label('Draft', '草稿'),
      category: 'open',
      probability: 0,
      forecastCategory: 'pipeline',
    },
    {
      id: 'done',
      label: label('Done', '完成'),
      category: 'won',
      probability: 100,
      forecastCategory: 'closed',
    },
  ],
  transitions: [{ id: 'finish', label: label('Finish', '完成'), from: ['draft'], to: 'done' }],
};
const demoModule = `
export function generateDemo({ now, scale = 3 }) {
  const t = new Date(now).getTime();
  return {
    orgUnits: [{ key: 'northTeam', name: 'North team', parent: null }],
    users: [
      { key: 'boss', email: 'boss@pack.test', name: 'Boss', roles: ['manager'], orgUnit: 'northTeam', manager: null, password: 'pw-12345678', locale: 'en' },
      { key: 'rep', email: 'rep@pack.test', name: 'Rep', roles: ['member'], orgUnit: 'northTeam', manager: 'boss', password: 'pw-12345678', locale: 'en' },
    ],
    entities: [{
      entity: 'note',
      count: scale,
      *records() { for (let i = 0; i < scale; i++) yield { id: 'n' + i, owner: 'rep', createdAt: new Date(t - 86400000 * (i + 2)).toISOString(), stage: i === 0 ? 'done' : 'draft', values: { title: 'Note ' + i, score: i } }; },
      *stageHistory() { yield { recordId: 'n0', transition: 'finish', from: 'draft', to: 'done', at: new Date(t - 86400000).toISOString(), by: 'rep', since: new Date(t - 2 * 86400000).toISOString() }; },
    }],
    files: [],
    logins: [{ role: 'member', user: 'rep' }],
  };
}`;

async function writePack(
  root: string,
  version: string,
  entity: object,
  history: Record<string, object> = {},
) {
  const dir = join(root, 'field-notes');
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'app'), { recursive: true });
  await mkdir(join(dir, 'history'), { recursive: true });
  await mkdir(join(dir, 'demo'), { recursive: true });
  const manifest = {
    schemaVersion: 1,
    id: 'field-notes',
    version,
    label: label('Field notes', '现场笔记'),
    description: label('A test pack', '测试模板'),
    preview: 'preview.svg',
    demo: { entry: 'demo/index.mjs', compiled: 'demo/index.mjs' },
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(join(dir, 'preview.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
  await writeFile(join(dir, 'app', 'app.json'), JSON.stringify(appV1));
  await writeFile(join(dir, 'app', 'entity.note.json'), JSON.stringify(entity));
  await writeFile(join(dir, 'app', 'stage-machine.noteFlow.json'), JSON.stringify(machine));
  await writeFile(join(dir, 'demo', 'index.mjs'), demoModule);
  for (const [v, app] of Object.entries(history))
    await writeFile(join(dir, 'history', `${v}.json`), JSON.stringify(app));
}

describeDialects('templates API', (ctx) => {
  let root: string;
  let app: FastifyInstance;
  let fx: OrgFixture;
  const clock = new FakeClock(new Date('2026-06-01T00:00:00.000Z'));

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'stagecraft-templates-'));
    await writePack(root, '1.0.0', entityV1);
    app = await buildApp({ store: ctx.store, clock, templatesRoot: root, ...checkedResponses() });
    await app.ready();
    fx = await fixtureOn(ctx.store);
  });
  afterAll(async () => {
    await app.close();
    await rm(root, { recursive: true, force: true });
  });

  it('lists packs, serves the preview, and lets only admins install', async () => {
    const rep = caller(app, await login(app, fx.users.east1Rep.email));
    const list = await rep.get('/api/templates');
    expect(list.statusCode).toBe(200);
    expect(list.json().templates).toEqual([
      expect.objectContaining({
        id: 'field-notes',
        version: '1.0.0',
        app: 'fieldNotes',
        installedVersion: null,
        hasDemo: true,
      }),
    ]);
    const preview = await rep.get('/api/templates/field-notes/preview');
    expect([preview.statusCode, preview.headers['content-type']]).toEqual([200, 'image/svg+xml']);
    const refused = await rep.post('/api/templates/field-notes/install', {});
    expect(refused.statusCode).toBe(403);
    expect(envelope(await rep.get('/api/templates/nope/preview')).code).toBe('NOT_FOUND');
  });

  it('installs with demo data once; installing again changes nothing', async () => {
    const admin = caller(app, await login(app, fx.users.admin.email));
    const first = await admin.post('/api/templates/field-notes/install', { demo: true });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      status: 'installed',
      appVersion: 1,
      demo: { users: 2, records: { note: 3 }, stageMoves: 1 },
    });
    expect(first.body).not.toContain('pw-12345678');
    const again = await admin.post('/api/templates/field-notes/install', { demo: true });
    expect([again.statusCode, again.json().status]).toEqual([200, 'unchanged']);
    const versions = await admin.get('/api/apps/fieldNotes/versions');
    expect(versions.json().versions.map((v: { note: string }) => v.note)).toEqual([
      'template:field-notes@1.0.0',
    ]);
    // demo rows carry their history, formulas computed, and the demo rep sees only them
    const notes = await admin.get('/api/apps/fieldNotes/entities/note/records?sort=title');
    expect(
      notes
        .json()
        .records.map((r: { title: string; double: number; stage: string }) => [r.title, r.double, r.stage]),
    ).toEqual([
      ['Note 0', 0, 'done'],
      ['Note 1', 2, 'draft'],
      ['Note 2', 4, 'draft'],
    ]);
    const repSession = caller(app, await login(app, 'rep@pack.test', 'pw-12345678'));
    expect((await repSession.get('/api/apps/fieldNotes/entities/note/records')).json().total).toBe(3);
  });

  it('upgrades v1 → v2 keeping the admin field and every record, and reports a conflict instead of overwriting', async () => {
    const admin = caller(app, await login(app, fx.users.admin.email));
    const created = await admin.post('/api/apps/fieldNotes/entities/note/records', {
      title: 'Mine',
      score: 7,
    });
    expect(created.statusCode, created.body).toBe(201);
    // the admin customises: adds a field and relabels the title in zh-CN
    const actor = actorOf(fx.users.admin);
    const draft = await ctx.store.apps.getDraft(actor, 'fieldNotes');
    if (!draft.ok) throw new Error('no draft');
    const mine = structuredClone(draft.value.definition) as {
      entities: { fields: object[] & { id: string; label: object }[] }[];
    };
    mine.entities[0]!.fields.push({ id: 'adminTag', type: 'text', label: label('Tag', '标签') });
    mine.entities[0]!.fields[0]!.label = label('Title', '主题');
    expect((await ctx.store.apps.saveDraft(actor, 'fieldNotes', mine, draft.value.revision)).ok).toBe(true);
    expect((await admin.post('/api/apps/fieldNotes/publish', {})).statusCode).toBe(201);
    expect(
      (
        await admin.patch(
          `/api/apps/fieldNotes/entities/note/records/${created.json().id}`,
          { adminTag: 'kept' },
          { 'if-match': '1' },
        )
      ).statusCode,
    ).toBe(200);

    // v2 renames a label, relabels the title differently, and adds a field
    const installedV1 = (await import('../src/templates/loader.js')).loadTemplate(join(root, 'field-notes'));
    const v1App = await installedV1;
    if (!v1App.ok) throw new Error('v1 unreadable');
    const entityV2 = structuredClone(entityV1);
    entityV2.fields[1]!.label = label('Rating', '评分');
    entityV2.fields[0]!.label = label('Heading', '标题名');
    entityV2.fields.push({ id: 'dueOn', type: 'date', label: label('Due on', '截止日期') } as never);
    await writePack(root, '2.0.0', entityV2, { '1.0.0': v1App.value.app });

    const upgraded = await admin.post('/api/templates/field-notes/install', {});
    expect(upgraded.statusCode, upgraded.body).toBe(200);
    expect(upgraded.json()).toMatchObject({ status: 'upgraded', fromVersion: '1.0.0', version: '2.0.0' });
    expect(upgraded.json().conflicts).toEqual([
      expect.objectContaining({
        path: '/entities/[note]/fields/[title]/label/zh-CN',
        reason: 'both_changed',
        current: '主题',
        template: '标题名',
      }),
    ]);

    const published = await admin.get('/api/apps/fieldNotes/published');
    const fields = published.json().definition.entities[0].fields as {
      id: string;
      label: { en: string; 'zh-CN': string };
    }[];
    expect(fields.map((f) => f.id)).toEqual(['title', 'score', 'double', 'dueOn', 'adminTag']);
    expect(fields.find((f) => f.id === 'score')!.label).toEqual(label('Rating', '评分'));
    expect(fields.find((f) => f.id === 'title')!.label).toEqual(label('Heading', '主题'));
    const records = await admin.get('/api/apps/fieldNotes/entities/note/records?sort=title');
    expect(records.json().total).toBe(4);
    expect(records.json().records.find((r: { title: string }) => r.title === 'Mine')).toMatchObject({
      adminTag: 'kept',
      score: 7,
      dueOn: null,
    });

    const same = await admin.post('/api/templates/field-notes/install', {});
    expect(same.json().status).toBe('unchanged');
    const list = await admin.get('/api/templates');
    expect(list.json().templates[0]).toMatchObject({ version: '2.0.0', installedVersion: '2.0.0' });
  });

  it('refuses an upgrade while the draft has unpublished edits, and upgrades once they are published', async () => {
    const admin = caller(app, await login(app, fx.users.admin.email));
    const v2 = (await admin.get('/api/apps/fieldNotes/published')).json().definition;
    const versionsBefore = (await admin.get('/api/apps/fieldNotes/versions')).json().versions.length;
    // unfinished work in the designer: a field nobody has published yet
    const draft = (await admin.get('/api/apps/fieldNotes/draft')).json();
    const unfinished = structuredClone(draft.definition);
    unfinished.entities[0].fields.push({ id: 'halfDone', type: 'text', label: label('WIP', '未完成') });
    const saved = await admin.put('/api/apps/fieldNotes/draft', {
      definition: unfinished,
      baseRevision: draft.revision,
    });
    expect(saved.statusCode, saved.body).toBe(200);

    const installedV2 = await loadTemplate(join(root, 'field-notes'));
    if (!installedV2.ok) throw new Error('v2 unreadable');
    const entityV3 = structuredClone(installedV2.value.app.entities[0]!) as typeof entityV1;
    entityV3.fields.push({ id: 'place', type: 'text', label: label('Place', '地点') } as never);
    await writePack(root, '3.0.0', entityV3, { '2.0.0': installedV2.value.app });

    const refused = await admin.post('/api/templates/field-notes/install', {});
    expect(refused.statusCode).toBe(409);
    expect(envelope(refused)).toMatchObject({ code: 'DRAFT_UNPUBLISHED' });
    expect(envelope(refused).details).toEqual([expect.objectContaining({ path: '/draft' })]);
    // nothing went live and the draft is the admin's, untouched
    expect((await admin.get('/api/apps/fieldNotes/published')).json().definition).toEqual(v2);
    expect((await admin.get('/api/apps/fieldNotes/versions')).json().versions).toHaveLength(versionsBefore);
    expect((await admin.get('/api/apps/fieldNotes/draft')).json()).toEqual({
      revision: saved.json().revision,
      definition: unfinished,
    });

    // once the admin publishes the draft, the upgrade merges into it
    expect((await admin.post('/api/apps/fieldNotes/publish', {})).statusCode).toBe(201);
    const upgraded = await admin.post('/api/templates/field-notes/install', {});
    expect(upgraded.statusCode, upgraded.body).toBe(200);
    expect(upgraded.json()).toMatchObject({ status: 'upgraded', fromVersion: '2.0.0', version: '3.0.0' });
    const fields = (await admin.get('/api/apps/fieldNotes/published')).json().definition.entities[0]
      .fields as { id: string }[];
    expect(fields.map((f) => f.id)).toEqual(expect.arrayContaining(['halfDone', 'place', 'adminTag']));
    const after = (await admin.get('/api/apps/fieldNotes/draft')).json().definition;
    expect(after).toEqual((await admin.get('/api/apps/fieldNotes/published')).json().definition);
  });
});
