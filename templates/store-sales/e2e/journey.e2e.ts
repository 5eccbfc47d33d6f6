/**
 * The store-sales pack as `stagecraft start` installs it with DEFAULT_TEMPLATE=store-sales: a field
 * rep on a phone (390 × 844), signed in with the printed demo login, checks in at a planned visit
 * (location and selfie), adds the door, shelf-panorama and key-SKU photos and the SKU grid through
 * the visit form, records a competitor check with a photo, and completes the visit. The board names
 * the stores. Every step is screenshotted under docs/screenshots/journeys/ and checked with axe.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SeedClient } from '../../../apps/web/e2e/api.js';
import { launchChromium } from '../../../apps/web/e2e/browser.js';
import {
  type Login,
  loginOf,
  openAs,
  parseLogins,
  photoFile,
  saveNew,
  step,
} from '../../../apps/web/e2e/journey-kit.js';
import { type RunningServer, startServer } from '../../../apps/web/e2e/server.js';

interface Rec extends Record<string, unknown> {
  id: string;
  stage?: string | null;
}

let server: RunningServer;
let browser: Browser;
let app: string;
let logins: Login[];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

beforeAll(async () => {
  server = await startServer({ template: 'store-sales' });
  const admin = new SeedClient(server.url);
  await admin.login(server.adminEmail, server.adminPassword);
  const { templates } = await admin.call<{
    templates: { id: string; app: string; installedVersion: string | null }[];
  }>('GET', '/api/templates');
  const installed = templates.filter((t) => t.installedVersion !== null);
  expect(installed.map((t) => t.id)).toEqual(['store-sales']);
  app = (installed[0] as { app: string }).app;
  logins = parseLogins(server.banner);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Waits for the record page to show `label` as the current stage. */
const currentStage = (page: Page, label: string) =>
  page.locator('.sc-path [aria-current=step]', { hasText: label }).waitFor();

/** Waits (a while) for the board's cards to name their records rather than show ids. */
async function namesShown(page: Page): Promise<void> {
  await page
    .waitForFunction(
      (re) =>
        [...document.querySelectorAll('.sc-card-item .sc-card-title, .sc-card-item dd')].every(
          (c) => !new RegExp(re).test(c.textContent ?? ''),
        ),
      UUID.source,
      { timeout: 10_000 },
    )
    // what the cards show is asserted by the caller
    .catch(() => undefined);
}

/** The text of every card title and card field on the board, once loaded. */
async function boardTexts(page: Page): Promise<string[]> {
  return page.locator('.sc-card-item .sc-card-title, .sc-card-item dd').allTextContents();
}

it('field rep on a phone: checks in, takes the three photos, fills the SKU grid, checks a competitor, completes the visit', async () => {
  const rep = loginOf(logins, 'member');
  const repClient = new SeedClient(server.url);
  await repClient.login(rep.email, rep.password);
  const page = await openAs(browser, server.url, rep, 'phone');
  const J = 'store-rep';
  const size = 'phone';
  let n = 0;

  // The visit board: store names on the cards, not ids.
  await page.goto(`${server.url}/#/a/${app}/v/storeVisitBoard`);
  const planned = page.locator('section[data-stage=visitPlanned]');
  await planned.locator('.sc-card-item').first().waitFor();
  await namesShown(page);
  expect((await boardTexts(page)).filter((t) => UUID.test(t))).toEqual([]);
  await step(page, J, size, ++n, 'visit-board');

  const title = planned.locator('.sc-card-item .sc-card-title').first();
  const shownTitle = ((await title.textContent()) ?? '').trim();
  await title.click();
  await page.waitForURL(/\/e\/storeVisit\/r\//);
  const visitId = page.url().split('/r/')[1] as string;
  const planned0 = await repClient.call<Rec>(
    'GET',
    `/api/apps/${app}/entities/storeVisit/records/${visitId}`,
  );
  const store = await repClient.call<Rec>(
    'GET',
    `/api/apps/${app}/entities/retailStore/records/${String(planned0.visitStore)}`,
  );
  const storeName = String(store.storeName);
  // the card was titled with the visit's store, by name
  expect(shownTitle).toBe(storeName);
  await currentStage(page, '待拜访');
  await step(page, J, size, ++n, 'planned-visit');

  // Check in: location from the phone and a selfie.
  await page.locator('[data-transition=checkInVisit] button').click();
  const dialog = page.locator('[role=dialog]');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: '使用我的位置' }).click();
  await expect.poll(() => dialog.locator('.sc-geo input').first().inputValue()).toBe('31.230400');
  await dialog
    .locator('#tr-checkInVisit-ev-checkInSelfie')
    .setInputFiles(photoFile('check-in.png', [40, 120, 200]));
  await dialog.locator('.sc-file-name', { hasText: 'check-in.png' }).waitFor();
  await step(page, J, size, ++n, 'check-in');
  await dialog.locator('button[type=submit]').click();
  await dialog.waitFor({ state: 'detached' });
  await currentStage(page, '已签到');
  await step(page, J, size, ++n, 'checked-in');

  // The visit form: three photos and the SKU grid.
  await page.getByRole('button', { name: '编辑' }).click();
  const form = page.locator('form.sc-form');
  await form.waitFor();
  const photos: [string, string, [number, number, number]][] = [
    ['doorPhoto', 'door.png', [200, 80, 60]],
    ['shelfPanoramaPhoto', 'shelf-panorama.png', [60, 160, 90]],
    ['keySkuPhoto', 'key-sku.png', [220, 180, 40]],
  ];
  for (const [field, name, rgb] of photos) {
    await form.locator(`[data-field=${field}] input[type=file]`).setInputFiles(photoFile(name, rgb));
    await form.locator(`[data-field=${field}] .sc-file-name`, { hasText: name }).waitFor();
  }
  await step(page, J, size, ++n, 'three-photos');
  const grid = form.locator('[data-field=shelfChecklist]');
  const rows: [string, string, string, string, string, boolean][] = [
    ['SKU-1001', '冰红茶 500ml', '24', '6', '3.5', false],
    ['SKU-1002', '绿茶 500ml', '0', '4', '3.5', true],
  ];
  for (const [i, row] of rows.entries()) {
    await grid.getByRole('button', { name: '添加一行' }).click();
    const tr = grid.locator('tbody tr').nth(i);
    const cells = tr.locator('td');
    for (const [c, text] of row.slice(0, 5).entries()) await cells.nth(c).locator('input').fill(String(text));
    if (row[5]) await cells.nth(5).locator('input[type=checkbox]').check();
  }
  // the grid scrolls sideways on a phone: back to its first column for the screenshot
  await grid.locator('.sc-subtable').evaluate((el) => {
    el.scrollLeft = 0;
  });
  await step(page, J, size, ++n, 'sku-grid');
  await form.locator('button[type=submit]').click();
  await form.waitFor({ state: 'detached', timeout: 30_000 });
  const visit = await repClient.call<Rec>('GET', `/api/apps/${app}/entities/storeVisit/records/${visitId}`);
  for (const [field, name] of photos) expect(visit[field]).toMatchObject([{ name, mime: 'image/png' }]);
  expect(visit.shelfChecklist).toMatchObject([
    { skuCode: 'SKU-1001', skuName: '冰红茶 500ml', stockQty: 24, facingCount: 6, shelfPrice: 3.5 },
    { skuCode: 'SKU-1002', stockQty: 0, outOfStock: true },
  ]);
  expect(visit.outOfStockCount).toBe(1);
  await step(page, J, size, ++n, 'visit-saved');

  // A competitor check at the same store, with a photo.
  await page.goto(`${server.url}/#/a/${app}/e/competitorCheck/new/competitorCheckForm`);
  const check = page.locator('form.sc-form');
  await check.waitFor();
  await check.locator('[data-field=checkedStore] .sc-picker input').fill(storeName);
  await check
    .locator('[data-field=checkedStore] .sc-choices')
    .getByRole('button', { name: storeName, exact: true })
    // a chain can have two shops of one name; the rep picks by the name shown
    .first()
    .click();
  await check.locator('[data-field=checkedStore] .sc-picked-label', { hasText: storeName }).waitFor();
  await check.locator('[data-field=competitorBrand] input').fill('康师傅');
  await check.locator('[data-field=competitorSku] input').fill('冰红茶 500ml');
  await check.locator('[data-field=competitorPrice] input').fill('3');
  await check.locator('[data-field=ourComparablePrice] input').fill('3.5');
  await check.locator('[data-field=competitorPromoType] select').selectOption('bundle');
  await check.locator('[data-field=competitorPromoDetail] input').fill('买二赠一');
  await check.locator('[data-field=competitorShelfPosition] select').selectOption('end_cap');
  await check
    .locator('[data-field=competitorPhoto] input[type=file]')
    .setInputFiles(photoFile('competitor.png', [180, 40, 40]));
  await check.locator('[data-field=competitorPhoto] .sc-file-name', { hasText: 'competitor.png' }).waitFor();
  await step(page, J, size, ++n, 'competitor-check');
  const checkId = await saveNew(page, 'competitorCheck');
  await page.locator('.sc-record-side a', { hasText: 'competitor.png' }).waitFor();
  await step(page, J, size, ++n, 'competitor-saved');
  const saved = await repClient.call<Rec>(
    'GET',
    `/api/apps/${app}/entities/competitorCheck/records/${checkId}`,
  );
  const checked = await repClient.call<Rec>(
    'GET',
    `/api/apps/${app}/entities/retailStore/records/${String(saved.checkedStore)}`,
  );
  expect(checked.storeName).toBe(storeName);
  expect(saved).toMatchObject({
    competitorBrand: '康师傅',
    competitorPrice: 3,
    competitorPromoType: 'bundle',
    competitorShelfPosition: 'end_cap',
    competitorPhoto: [{ name: 'competitor.png', mime: 'image/png' }],
  });

  // Complete the visit: findings and the three photos as the transition's evidence.
  await page.goto(`${server.url}/#/a/${app}/e/storeVisit/r/${visitId}`);
  await currentStage(page, '已签到');
  await page.locator('[data-transition=completeVisit] button').click();
  await dialog.waitFor();
  await dialog.locator('textarea').fill('冰红茶陈列良好；绿茶缺货，已提醒店长补货。竞品买二赠一。');
  const evidence = ['doorPhotoEvidence', 'shelfPanoramaEvidence', 'keySkuEvidence'];
  for (const [i, [, name, rgb]] of photos.entries()) {
    const id = evidence[i] as string;
    await dialog.locator(`#tr-completeVisit-ev-${id}`).setInputFiles(photoFile(name, rgb));
    await dialog.locator('.sc-file-name', { hasText: name }).first().waitFor();
  }
  await step(page, J, size, ++n, 'complete-visit');
  await dialog.locator('button[type=submit]').click();
  await dialog.waitFor({ state: 'detached' });
  await currentStage(page, '已完成');
  await step(page, J, size, ++n, 'visit-completed');
  const done = await repClient.call<Rec>('GET', `/api/apps/${app}/entities/storeVisit/records/${visitId}`);
  expect(done.stage).toBe('visitCompleted');
  expect(done.checkOutAt).toEqual(expect.any(String));

  // Back on the board the visit sits under 已完成, under its store's name.
  await page.goto(`${server.url}/#/a/${app}/v/storeVisitBoard`);
  const completed = page.locator(`section[data-stage=visitCompleted] [data-record-id="${visitId}"]`);
  await completed.waitFor();
  await namesShown(page);
  expect((await completed.locator('.sc-card-title').textContent())?.trim()).toBe(storeName);
  await step(page, J, size, ++n, 'board-after');
  await page.context().close();
});
