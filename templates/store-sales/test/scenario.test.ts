/**
 * The store-visit flow through the HTTP API on the installed store-sales pack: visit value is
 * weighted by store grade, check-in needs a location and a photo, and a visit cannot be completed
 * without the storefront, shelf-panorama and key-SKU photos and a checklist row.
 */
import { fileURLToPath } from 'node:url';
import { describeDialects, type OrgFixture } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../../apps/server/src/app.js';
import {
  type Caller,
  caller,
  envelope,
  FakeClock,
  fixtureOn,
  login,
} from '../../../apps/server/test/support.js';
import { PNG, upload } from '../../../apps/server/test/transitions-fixture.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const records = (entity: string) => `/api/apps/storeSales/entities/${entity}/records`;

describeDialects('store-sales scenarios', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let rep: Caller;
  let repCookie: string;
  let storeId: string;

  beforeAll(async () => {
    app = await buildApp({
      store: ctx.store,
      clock: new FakeClock(new Date('2026-09-01T02:00:00.000Z')),
      templatesRoot: root,
    });
    await app.ready();
    fx = await fixtureOn(ctx.store);
    const admin = caller(app, await login(app, fx.users.admin.email));
    const installed = await admin.post('/api/templates/store-sales/install', {});
    if (installed.statusCode !== 201) throw new Error(installed.body);
    const manager = caller(app, await login(app, fx.users.eastManager.email));
    const store = await manager.post(records('retailStore'), {
      storeName: '永辉超市（上海中山路店）',
      storeGrade: 'A',
      storeChannel: 'supermarket',
      storeLocation: { lat: 31.23, lng: 121.47 },
    });
    if (store.statusCode !== 201) throw new Error(store.body);
    storeId = store.json().id;
    repCookie = await login(app, fx.users.east1Rep.email);
    rep = caller(app, repCookie);
  });
  afterAll(() => app.close());

  const photo = async (name: string) => {
    const res = await upload(app, repCookie, { name, type: 'image/png', data: PNG });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json().id as string;
  };
  const visit = async (grade: string) => {
    const res = await rep.post(records('storeVisit'), { visitStore: storeId, storeGradeAtVisit: grade });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json() as { id: string; stage: string; visitValue: number };
  };

  it('weights visit value by store grade (A 1.5, B 1.0, C 0.3)', async () => {
    expect([
      (await visit('A')).visitValue,
      (await visit('B')).visitValue,
      (await visit('C')).visitValue,
      (await visit('D')).visitValue,
    ]).toEqual([1.5, 1, 0.3, 0]);
    expect((await visit('A')).stage).toBe('visitPlanned');
  });

  it('refuses a member creating stores (stores are read-only for reps)', async () => {
    const res = await rep.post(records('retailStore'), {
      storeName: 'x',
      storeGrade: 'B',
      storeChannel: 'convenience',
      storeLocation: { lat: 1, lng: 1 },
    });
    expect(res.statusCode).toBe(403);
  });

  it('cannot complete a visit without the three photos and a checklist', async () => {
    const { id } = await visit('A');
    const url = `${records('storeVisit')}/${id}/transitions`;
    const noCheckIn = await rep.post(url, { to: 'checkedIn' });
    expect(envelope(noCheckIn).details.map((d) => [d.code, d.path])).toEqual(
      expect.arrayContaining([
        ['FIELD_REQUIRED', '/fields/checkInPoint'],
        ['EVIDENCE_MISSING', '/evidence/checkInSelfie'],
      ]),
    );
    const checkedIn = await rep.post(url, {
      to: 'checkedIn',
      fields: { checkInPoint: { lat: 31.2301, lng: 121.4702 } },
      evidence: { checkInSelfie: [await photo('selfie.png')] },
    });
    expect(checkedIn.statusCode, checkedIn.body).toBe(200);

    const none = await rep.post(url, { to: 'visitCompleted' });
    expect(none.statusCode).toBe(422);
    expect(
      envelope(none)
        .details.filter((d) => d.code === 'EVIDENCE_MISSING')
        .map((d) => d.path),
    ).toEqual(['/evidence/doorPhotoEvidence', '/evidence/shelfPanoramaEvidence', '/evidence/keySkuEvidence']);
    const checklist = [
      {
        skuCode: 'SKU1001',
        skuName: '经典原味薯片 70g',
        stockQty: 24,
        facingCount: 3,
        shelfPrice: 6.5,
        outOfStock: false,
      },
      {
        skuCode: 'SKU2001',
        skuName: '无糖气泡水 480ml',
        stockQty: 0,
        facingCount: 0,
        shelfPrice: 4.5,
        outOfStock: true,
      },
    ];
    const two = await rep.post(url, {
      to: 'visitCompleted',
      fields: { shelfChecklist: checklist, visitFindings: '端架被竞品占用' },
      evidence: {
        doorPhotoEvidence: [await photo('door.png')],
        shelfPanoramaEvidence: [await photo('shelf.png')],
      },
    });
    expect(envelope(two).details.map((d) => [d.code, d.path])).toEqual([
      ['EVIDENCE_MISSING', '/evidence/keySkuEvidence'],
    ]);
    const noRows = await rep.post(url, {
      to: 'visitCompleted',
      fields: { shelfChecklist: [], visitFindings: '未盘点' },
      evidence: {
        doorPhotoEvidence: [await photo('door2.png')],
        shelfPanoramaEvidence: [await photo('shelf2.png')],
        keySkuEvidence: [await photo('sku2.png')],
      },
    });
    expect(noRows.statusCode).toBe(422);
    expect(new Set(envelope(noRows).details.map((d) => d.path))).toEqual(new Set(['/fields/shelfChecklist']));
    const done = await rep.post(url, {
      to: 'visitCompleted',
      fields: { shelfChecklist: checklist, visitFindings: '陈列整齐' },
      evidence: {
        doorPhotoEvidence: [await photo('door3.png')],
        shelfPanoramaEvidence: [await photo('shelf3.png')],
        keySkuEvidence: [await photo('sku3.png')],
      },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect((await rep.get(`${records('storeVisit')}/${id}`)).json()).toMatchObject({
      stage: 'visitCompleted',
      shelfChecklist: checklist,
      visitValue: 1.5,
      outOfStockCount: 1,
    });
  });
});
