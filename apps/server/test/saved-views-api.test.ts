/**
 * Saved views on the server, on PGlite and PostgreSQL through `inject`: personal views are seen by
 * their owner only, shared ones by everyone who may read the view's entity; only the owner or an
 * admin changes or deletes one; a name is unique per owner; bad input is a 4xx with a code and path.
 */
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Caller, caller, envelope, fixtureOn, login, serverOn } from './support.js';

const L = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const viewsApp = {
  schemaVersion: 2,
  id: 'views',
  label: L('Views', '视图'),
  entities: [
    {
      id: 'deal',
      label: L('Deal', '商机'),
      titleField: 'name',
      fields: [{ id: 'name', type: 'text', label: L('Name', '名称') }],
    },
    {
      id: 'secret',
      label: L('Secret', '机密'),
      titleField: 'code',
      fields: [{ id: 'code', type: 'text', label: L('Code', '编码') }],
    },
  ],
  roles: [
    {
      id: 'member',
      label: L('Member', '成员'),
      permissions: [
        { entity: 'deal', create: true, read: true, update: true, delete: false, scope: 'own' },
        { entity: 'secret', create: false, read: false, update: false, delete: false, scope: 'own' },
      ],
    },
  ],
  forms: [],
  views: [
    {
      id: 'deals',
      entity: 'deal',
      type: 'list',
      label: L('Deals', '商机'),
      columns: [{ id: 'c1', field: 'name' }],
    },
    {
      id: 'secrets',
      entity: 'secret',
      type: 'list',
      label: L('Secrets', '机密'),
      columns: [{ id: 'c1', field: 'code' }],
    },
  ],
};
const DEALS = '/api/apps/views/views/deals/saved';
const state = {
  filter: { match: 'all', conditions: [] },
  sort: [{ field: 'name', direction: 'asc' }],
  search: 'acme',
};

describeDialects('saved views API', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let admin: Caller;
  let rep: Caller;
  let other: Caller;

  beforeAll(async () => {
    app = await serverOn(ctx.store);
    fx = await fixtureOn(ctx.store);
    admin = caller(app, await login(app, fx.users.admin.email));
    rep = caller(app, await login(app, fx.users.east1Rep.email));
    other = caller(app, await login(app, fx.users.westRep.email));
    const created = await admin.post('/api/apps', viewsApp);
    expect(created.statusCode, created.body).toBe(201);
    const published = await admin.post('/api/apps/views/publish', { note: 'views' });
    expect(published.statusCode, published.body).toBe(201);
  });
  afterAll(() => app.close());

  it('keeps personal views to their owner and shows shared ones to every reader of the entity', async () => {
    const mine = await rep.post(DEALS, { name: 'Acme deals', state });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json()).toMatchObject({
      name: 'Acme deals',
      shared: false,
      mine: true,
      state,
      ownerName: 'east1Rep',
    });
    const shared = await rep.post(DEALS, { name: 'Team view', shared: true, state: { search: '' } });
    expect(shared.statusCode).toBe(201);

    const own = (await rep.get(DEALS)).json() as { views: { name: string }[] };
    expect(own.views.map((v) => v.name)).toEqual(['Acme deals', 'Team view']);
    const theirs = (await other.get(DEALS)).json() as { views: { name: string; mine: boolean }[] };
    expect(theirs.views).toEqual([expect.objectContaining({ name: 'Team view', mine: false })]);

    // another user may not change or delete it; the owner and an admin may
    const id = (shared.json() as { id: string }).id;
    const refused = await other.patch(`/api/apps/views/saved-views/${id}`, { name: 'Mine now' });
    expect(refused.statusCode).toBe(403);
    expect(envelope(refused).code).toBe('FORBIDDEN');
    expect((await other.del(`/api/apps/views/saved-views/${id}`)).statusCode).toBe(403);
    const personal = (mine.json() as { id: string }).id;
    expect((await other.patch(`/api/apps/views/saved-views/${personal}`, { shared: true })).statusCode).toBe(
      404,
    );
    const unshared = await rep.patch(`/api/apps/views/saved-views/${id}`, { shared: false });
    expect(unshared.json()).toMatchObject({ shared: false });
    expect(((await other.get(DEALS)).json() as { views: unknown[] }).views).toEqual([]);
    expect((await admin.del(`/api/apps/views/saved-views/${id}`)).statusCode).toBe(200);
    expect(((await rep.get(DEALS)).json() as { views: { name: string }[] }).views.map((v) => v.name)).toEqual(
      ['Acme deals'],
    );
  });

  it('refuses a second view of the same name, an unreadable entity, an unknown view and a blank name', async () => {
    await rep.post(DEALS, { name: 'Twice', state });
    const again = await rep.post(DEALS, { name: 'Twice', state });
    expect(again.statusCode).toBe(409);
    expect(envelope(again)).toMatchObject({ code: 'SAVED_VIEW_EXISTS' });
    expect(envelope(again).details[0]?.path).toBe('/name');
    // another user may use the same name
    expect((await other.post(DEALS, { name: 'Twice', state })).statusCode).toBe(201);

    const secret = await rep.get('/api/apps/views/views/secrets/saved');
    expect(secret.statusCode).toBe(403);
    const unknown = await rep.get('/api/apps/views/views/nope/saved');
    expect(unknown.statusCode).toBe(404);
    const blank = await rep.post(DEALS, { name: '  ', state });
    expect(blank.statusCode).toBe(400);
    expect(envelope(blank).details[0]?.path).toBe('/name');
  });
});
