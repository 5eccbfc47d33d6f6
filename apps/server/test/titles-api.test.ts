/**
 * `POST /api/apps/:app/titles` on PGlite and PostgreSQL: one request names records of several
 * entities, users and org units; a reference title field names a record by the referenced
 * record's title; a record outside the caller's scope is `null` (its title never leaves the
 * server); select titles follow the request's language; bad input is a 4xx with a code and path.
 */
import type { OrgFixture } from '@stagecraft/store/testing';
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Caller, caller, envelope, fixtureOn, importForm, login, serverOn } from './support.js';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const titlesApp = {
  schemaVersion: 2,
  id: 'titled',
  label: label('Titles', '标题'),
  entities: [
    {
      id: 'shop',
      label: label('Shop', '门店'),
      titleField: 'shopName',
      fields: [
        { id: 'shopName', type: 'text', label: label('Name', '名称') },
        { id: 'shopCode', type: 'text', label: label('Code', '编码') },
      ],
    },
    {
      id: 'call',
      label: label('Call', '拜访'),
      titleField: 'callShop',
      fields: [
        { id: 'callShop', type: 'reference', entity: 'shop', label: label('Shop', '门店') },
        { id: 'callRep', type: 'user', label: label('Rep', '代表') },
      ],
    },
    {
      id: 'order',
      label: label('Order', '订单'),
      titleField: 'orderNo',
      fields: [
        { id: 'orderNo', type: 'text', label: label('Number', '编号') },
        { id: 'orderCall', type: 'reference', entity: 'call', label: label('Call', '拜访') },
      ],
    },
    {
      id: 'mood',
      label: label('Mood', '心情'),
      titleField: 'moodLevel',
      fields: [
        {
          id: 'moodLevel',
          type: 'single_select',
          label: label('Level', '级别'),
          options: [{ id: 'good', label: label('Good', '好') }],
        },
      ],
    },
    {
      id: 'bare',
      label: label('Bare', '无名'),
      titleField: 'id',
      fields: [{ id: 'qty', type: 'number', label: label('Qty', '数量') }],
    },
  ],
  forms: [],
  views: [],
};
const TITLES = '/api/apps/titled/titles';

describeDialects('titles API', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let admin: Caller;
  let rep: Caller;
  let westRep: Caller;
  const ids: Record<string, string> = {};

  const create = async (who: Caller, entity: string, values: Record<string, unknown>) => {
    const res = await who.post(`/api/apps/titled/entities/${entity}/records`, values);
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };

  beforeAll(async () => {
    app = await serverOn(ctx.store);
    fx = await fixtureOn(ctx.store);
    admin = caller(app, await login(app, fx.users.admin.email));
    rep = caller(app, await login(app, fx.users.east1Rep.email));
    westRep = caller(app, await login(app, fx.users.westRep.email));
    expect((await admin.post('/api/apps', titlesApp)).statusCode).toBe(201);
    const published = await admin.post('/api/apps/titled/publish', { note: 'titles' });
    expect(published.statusCode, published.body).toBe(201);
    ids.harbour = await create(rep, 'shop', { shopName: 'Harbour Mart', shopCode: 'HM-1' });
    ids.plaza = await create(westRep, 'shop', { shopName: 'West Plaza' });
    ids.call = await create(rep, 'call', { callShop: ids.harbour, callRep: fx.users.east1Rep.id });
    ids.westCall = await create(westRep, 'call', { callShop: ids.plaza });
    ids.mood = await create(rep, 'mood', { moodLevel: 'good' });
    ids.order = await create(rep, 'order', { orderNo: 'O-1', orderCall: ids.call });
    ids.bare = await create(rep, 'bare', { qty: 3 });
  });
  afterAll(() => app.close());

  it('names records of several entities, users and org units in one request', async () => {
    const res = await rep.post(TITLES, {
      refs: { shop: [ids.harbour], call: [ids.call], bare: [ids.bare] },
      users: [fx.users.eastManager.id, 'no-such-user', 'automation'],
      orgUnits: ['east1', 'nowhere'],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      refs: {
        shop: { [ids.harbour!]: 'Harbour Mart' },
        // the call's title field is a reference: it is named by its shop
        call: { [ids.call!]: 'Harbour Mart' },
        // a title pointing at the id names nothing: readable, but no title
        bare: { [ids.bare!]: '' },
      },
      // automations write as `automation`: the timeline names them too
      users: { [fx.users.eastManager.id]: 'eastManager', 'no-such-user': null, automation: '自动化' },
      orgUnits: { east1: 'East team 1', nowhere: null },
    });
  });

  it('names records by another field when asked as entity.field (a reference’s displayField)', async () => {
    const res = await rep.post(TITLES, { refs: { 'shop.shopCode': [ids.harbour], shop: [ids.harbour] } });
    expect(res.json().refs).toEqual({
      'shop.shopCode': { [ids.harbour!]: 'HM-1' },
      shop: { [ids.harbour!]: 'Harbour Mart' },
    });
    const bad = await rep.post(TITLES, { refs: { 'shop.nope': [ids.harbour] } });
    expect(bad.statusCode).toBe(400);
    expect(envelope(bad)).toMatchObject({ code: 'UNKNOWN_FIELD' });
    expect(envelope(bad).details[0]?.path).toBe('/refs/shop.nope');
  });

  it('answers null for records outside the caller’s scope, and never sends their titles', async () => {
    const res = await rep.post(TITLES, {
      refs: { shop: [ids.harbour, ids.plaza, 'missing'], call: [ids.westCall] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().refs).toEqual({
      shop: { [ids.harbour!]: 'Harbour Mart', [ids.plaza!]: null, missing: null },
      call: { [ids.westCall!]: null },
    });
    expect(res.body).not.toContain('West Plaza');
    const all = await admin.post(TITLES, { refs: { shop: [ids.plaza], call: [ids.westCall] } });
    expect(all.json().refs).toEqual({
      shop: { [ids.plaza!]: 'West Plaza' },
      call: { [ids.westCall!]: 'West Plaza' },
    });
  });

  it('words select titles in the request’s language', async () => {
    const ask = (lang: string) =>
      rep({
        method: 'POST',
        url: TITLES,
        payload: { refs: { mood: [ids.mood] } },
        headers: { 'accept-language': lang },
      });
    expect((await ask('en')).json().refs.mood[ids.mood!]).toBe('Good');
    expect((await ask('zh-CN')).json().refs.mood[ids.mood!]).toBe('好');
  });

  it('labels a dashboard grouped by a reference with record titles, under scope', async () => {
    const widget = {
      id: 'byShop',
      label: label('Calls per shop', '各门店拜访'),
      entity: 'call',
      chart: 'bar',
      measures: [{ id: 'n', op: 'count' }],
      dimensions: [{ id: 'shop', field: 'callShop' }],
    };
    const mine = await rep.post('/api/apps/titled/widgets/preview', { widget });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().labels.shop).toEqual({ [ids.harbour!]: 'Harbour Mart' });
    const all = await admin.post('/api/apps/titled/widgets/preview', { widget });
    expect(all.json().labels.shop).toEqual({ [ids.harbour!]: 'Harbour Mart', [ids.plaza!]: 'West Plaza' });
  });

  it('exports references by title, even a title named by its own reference, and imports them back', async () => {
    const csv = await rep({
      method: 'GET',
      url: '/api/apps/titled/entities/order/export?format=csv',
      headers: { 'accept-language': 'en' },
    });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toContain('Call');
    // the order's call is named as the call is everywhere: by its shop
    expect(lines[1]).toContain('Harbour Mart');
    expect(csv.body).not.toContain(ids.call!);
    const back = await rep({
      method: 'POST',
      url: '/api/apps/titled/entities/order/import',
      ...importForm(csv.body.replace('O-1', 'O-2'), 'text/csv', { 'accept-language': 'en' }),
    });
    expect(back.statusCode, back.body).toBe(201);
    const filter = encodeURIComponent(JSON.stringify({ '==': [{ var: 'orderNo' }, 'O-2'] }));
    const copy = await rep.get(`/api/apps/titled/entities/order/records?filter=${filter}`);
    expect((copy.json() as { records: { orderCall: string }[] }).records.map((r) => r.orderCall)).toEqual([
      ids.call,
    ]);
  });

  it('refuses bad input with a code and a path, not a 500', async () => {
    const unknown = await rep.post(TITLES, { refs: { nope: ['x'] } });
    expect(unknown.statusCode).toBe(404);
    expect(envelope(unknown)).toMatchObject({ code: 'ENTITY_NOT_FOUND' });
    expect(envelope(unknown).details[0]?.path).toBe('/refs/nope');
    const shape = await rep.post(TITLES, { refs: { shop: 'x' } });
    expect(shape.statusCode).toBe(400);
    expect(envelope(shape).code).toBe('VALIDATION_FAILED');
    expect(envelope(shape).details[0]?.path).toBe('/refs/shop');
    const extra = await rep.post(TITLES, { people: [] });
    expect(extra.statusCode).toBe(400);
    const many = await rep.post(TITLES, {
      refs: { shop: Array.from({ length: 3000 }, (_, i) => `s${i}`) },
      users: Array.from({ length: 3000 }, (_, i) => `u${i}`),
    });
    expect(many.statusCode).toBe(400);
    expect(envelope(many).details[0]?.path).toBe('/refs');
    const anonymous = await app.inject({ method: 'POST', url: TITLES, payload: {} });
    expect(anonymous.statusCode).toBe(401);
  });
});
