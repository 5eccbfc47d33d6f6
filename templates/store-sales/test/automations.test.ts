/**
 * The store-sales alerts on the automation runner: completing a visit with three or more SKUs out
 * of stock notifies the supervisor and gives the rep a restocking task; a visit with fewer does not.
 * A visit still open 4 h after its check-in (stamped by the server) reminds rep and supervisor.
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
  FakeClock,
  type FastifyInstance,
  fixtureOn,
  login,
} from '../../../apps/server/test/support.js';
import { PNG, upload } from '../../../apps/server/test/transitions-fixture.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const records = (entity: string) => `/api/apps/storeSales/entities/${entity}/records`;
type Note = { recordId: string; title: Record<string, string> };

describeDialects('store-sales alerts', (ctx) => {
  const clock = new FakeClock(new Date(Math.floor(Date.now() / 1000) * 1000));
  let app: FastifyInstance;
  let runner: AutomationRunner;
  let fx: OrgFixture;
  let rep: Caller;
  let repCookie: string;
  let manager: Caller;
  let storeId: string;

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
    const created = await manager.post(records('retailStore'), {
      storeName: '大润发（南京中山路店）',
      storeGrade: 'B',
      storeChannel: 'hypermarket',
      storeLocation: { lat: 32.05, lng: 118.78 },
    });
    storeId = created.json().id;
    repCookie = await login(app, fx.users.east1Rep.email);
    rep = caller(app, repCookie);
  });
  afterAll(() => app.close());

  const photo = async (name: string) =>
    (await upload(app, repCookie, { name, type: 'image/png', data: PNG })).json().id as string;
  const row = (sku: string, out: boolean) => ({
    skuCode: sku,
    stockQty: out ? 0 : 12,
    facingCount: out ? 0 : 2,
    shelfPrice: 5,
    outOfStock: out,
  });

  async function checkedInVisit(): Promise<string> {
    const visit = (await rep.post(records('storeVisit'), { visitStore: storeId })).json();
    const checkIn = await rep.post(`${records('storeVisit')}/${visit.id}/transitions`, {
      to: 'checkedIn',
      fields: { checkInPoint: { lat: 32.05, lng: 118.78 } },
      evidence: { checkInSelfie: [await photo('c.png')] },
    });
    expect(checkIn.statusCode, checkIn.body).toBe(200);
    return visit.id as string;
  }

  async function completedVisit(outOfStock: number): Promise<string> {
    const id = await checkedInVisit();
    const url = `${records('storeVisit')}/${id}/transitions`;
    const checklist = ['SKU1001', 'SKU1002', 'SKU2001', 'SKU2002'].map((sku, i) => row(sku, i < outOfStock));
    const done = await rep.post(url, {
      to: 'visitCompleted',
      fields: { shelfChecklist: checklist, visitFindings: '货架检查完成' },
      evidence: {
        doorPhotoEvidence: [await photo('d.png')],
        shelfPanoramaEvidence: [await photo('s.png')],
        keySkuEvidence: [await photo('k.png')],
      },
    });
    expect(done.statusCode, done.body).toBe(200);
    return id;
  }

  it('alerts the supervisor and tasks the rep when three SKUs are out of stock', async () => {
    const bad = await completedVisit(3);
    const fine = await completedVisit(1);
    await runner.runUntilIdle();
    const notes = ((await manager.get('/api/inbox')).json() as { notifications: Note[] }).notifications;
    expect(
      notes
        .filter((n) => n.recordId === bad || n.recordId === fine)
        .map((n) => [n.recordId, n.title['zh-CN']]),
    ).toEqual([[bad, '门店缺货 SKU 达到 3 个以上']]);
    const tasks = (await rep.get(`${records('fieldTask')}?limit=50`)).json().records as {
      fieldTaskTitle: string;
      fieldTaskStore: string;
    }[];
    expect(tasks.map((t) => [t.fieldTaskTitle, t.fieldTaskStore])).toEqual([['跟进补货', storeId]]);
  });

  it('reminds rep and supervisor once when a visit is still open 4 h after its server-stamped check-in', async () => {
    const open = await checkedInVisit();
    const done = await completedVisit(0);
    await runner.runUntilIdle();
    clock.advance(3 * 3_600_000);
    await runner.runUntilIdle();
    const about = async (who: Caller) =>
      ((await who.get('/api/inbox')).json() as { notifications: Note[] }).notifications
        .filter((n) => n.recordId === open || n.recordId === done)
        .map((n) => [n.recordId, n.title.en]);
    expect(await about(rep)).toEqual([]);
    clock.advance(2 * 3_600_000);
    await runner.runUntilIdle();
    for (const who of [rep, manager])
      expect(await about(who)).toEqual([[open, 'Visit still open 4 h after check-in']]);
  });
});
