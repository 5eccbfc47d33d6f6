/**
 * The store-visit flow through the HTTP API on the installed store-sales pack: visit value is
 * weighted by the visited store's grade, which the server takes from the store (a rep cannot type
 * it); check-in needs a location and a photo and is stamped with the server time; a visit cannot be
 * completed without the storefront, shelf-panorama and key-SKU photos and a checklist row, and
 * completing it records the visit date on the store.
 */
import { fileURLToPath } from 'node:url';
import { describeDialects, type OrgFixture } from '@stagecraft/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../../apps/server/src/app.js';
import { serverStoreOf } from '../../../apps/server/src/bootstrap/open.js';
import { AutomationRunner } from '../../../apps/server/src/worker/runner.js';
import {
  type Caller,
  caller,
  daysPass,
  envelope,
  FakeClock,
  type FastifyInstance,
  fixtureOn,
  login,
} from '../../../apps/server/test/support.js';
import { PNG, upload } from '../../../apps/server/test/transitions-fixture.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const records = (entity: string) => `/api/apps/storeSales/entities/${entity}/records`;
const GRADES = ['A', 'B', 'C', 'D'] as const;

describeDialects('store-sales scenarios', (ctx) => {
  const clock = new FakeClock(new Date('2026-09-01T02:00:00.000Z'));
  let app: FastifyInstance;
  let runner: AutomationRunner;
  let fx: OrgFixture;
  let manager: Caller;
  let rep: Caller;
  let repCookie: string;
  /** One store per grade. */
  const storeOf: Record<string, string> = {};

  beforeAll(async () => {
    const store = serverStoreOf(ctx.store);
    app = await buildApp({ store, clock, templatesRoot: root, ...daysPass() });
    await app.ready();
    runner = new AutomationRunner({ store, clock });
    fx = await fixtureOn(ctx.store);
    const admin = caller(app, await login(app, fx.users.admin.email));
    const installed = await admin.post('/api/templates/store-sales/install', {});
    if (installed.statusCode !== 201) throw new Error(installed.body);
    manager = caller(app, await login(app, fx.users.eastManager.email));
    for (const grade of GRADES) {
      const created = await manager.post(records('retailStore'), {
        storeName: `永辉超市（上海中山路 ${grade} 店）`,
        storeGrade: grade,
        storeChannel: 'supermarket',
        storeLocation: { lat: 31.23, lng: 121.47 },
      });
      if (created.statusCode !== 201) throw new Error(created.body);
      storeOf[grade] = created.json().id;
    }
    repCookie = await login(app, fx.users.east1Rep.email);
    rep = caller(app, repCookie);
  });
  afterAll(() => app.close());

  const photo = async (name: string) => {
    const res = await upload(app, repCookie, { name, type: 'image/png', data: PNG });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json().id as string;
  };
  const visit = async (grade: (typeof GRADES)[number]) => {
    const res = await rep.post(records('storeVisit'), { visitStore: storeOf[grade] });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json() as { id: string; stage: string };
  };
  const read = async (entity: string, id: string) =>
    (await manager.get(`${records(entity)}/${id}`)).json() as Record<string, unknown>;

  it("weights visit value by the visited store's grade (A 1.5, B 1.0, C 0.3), which a rep cannot type", async () => {
    const typed = await rep.post(records('storeVisit'), {
      visitStore: storeOf.A,
      storeGradeAtVisit: 'C',
    });
    expect(typed.statusCode).toBe(403);
    expect(envelope(typed).details.map((d) => [d.code, d.path])).toEqual([
      ['FORBIDDEN', '/storeGradeAtVisit'],
    ]);
    const visits = [];
    for (const grade of GRADES) visits.push(await visit(grade));
    expect(visits.map((v) => v.stage)).toEqual(GRADES.map(() => 'visitPlanned'));
    await runner.runUntilIdle();
    const saved = await Promise.all(visits.map((v) => read('storeVisit', v.id)));
    expect(saved.map((v) => [v.storeGradeAtVisit, v.visitValue])).toEqual([
      ['A', 1.5],
      ['B', 1],
      ['C', 0.3],
      ['D', 0],
    ]);
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

  it('cannot complete a visit without the three photos and a checklist; check-in and completion are stamped by the server', async () => {
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
    const checkInAt = clock.now().toISOString();
    expect(checkedIn.json().record).toMatchObject({ stage: 'checkedIn', checkInAt });
    const typedTime = await rep.patch(
      `${records('storeVisit')}/${id}`,
      { checkInAt: '2026-08-31T23:00:00.000Z' },
      { 'if-match': String(checkedIn.json().record.version) },
    );
    expect(typedTime.statusCode).toBe(403);
    clock.advance(45 * 60_000);

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
    await runner.runUntilIdle();
    expect((await rep.get(`${records('storeVisit')}/${id}`)).json()).toMatchObject({
      stage: 'visitCompleted',
      shelfChecklist: checklist,
      visitValue: 1.5,
      outOfStockCount: 1,
      checkInAt,
      checkOutAt: clock.now().toISOString(),
    });
    // the store knows it was visited today (China time: 2026-09-01 10:45)
    expect(await read('retailStore', storeOf.A as string)).toMatchObject({ lastVisitDate: '2026-09-01' });
  });
});
