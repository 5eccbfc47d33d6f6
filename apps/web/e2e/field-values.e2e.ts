/**
 * One contract between browser and server, as a user meets it: the form takes the phone number
 * the server takes (`(021) 5555-1234`, which the old browser check refused) and saves it; a phone
 * both refuse is shown inline and nothing is created.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedClient } from './api.js';
import { launchChromium, signIn } from './browser.js';
import { E2E_APP_ID, e2eApp } from './fixture-app.js';
import { type RunningServer, startServer } from './server.js';

let server: RunningServer;
let browser: Browser;
let seed: SeedClient;
const RECORDS = `/api/apps/${E2E_APP_ID}/entities/deal/records`;

beforeAll(async () => {
  server = await startServer();
  seed = new SeedClient(server.url);
  await seed.login(server.adminEmail, server.adminPassword);
  await seed.call('POST', '/api/apps', e2eApp);
  await seed.call('POST', `/api/apps/${E2E_APP_ID}/publish`, {});
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const found = (name: string) =>
  seed.call<{ total: number; records: Record<string, unknown>[] }>('POST', `${RECORDS}/query`, {
    search: name,
  });

describe('field values in the form agree with the server [pglite]', () => {
  let page: Page;

  beforeAll(async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    page = await context.newPage();
    await signIn(page, server.url, server.adminEmail, server.adminPassword);
  });

  it('refuses a phone both sides refuse inline, then saves one with parentheses', async () => {
    await page.goto(`${server.url}/#/a/${E2E_APP_ID}/e/deal/new`);
    await page.waitForSelector('form.sc-form');
    await page.locator('[data-field="name"] input').fill('上海办公室电话');
    await page.locator('[data-field="amount"] input').fill('12000');
    await page.locator('[data-field="phone"] input').fill('call me');
    await page.click('form.sc-form button[type=submit]');
    await page.waitForSelector('[data-field="phone"] .sc-error');
    expect(await page.locator('[data-field="phone"] .sc-error').textContent()).toBe('请输入有效的电话号码。');
    expect((await found('上海办公室电话')).total).toBe(0);

    await page.locator('[data-field="phone"] input').fill('(021) 5555-1234');
    await page.click('form.sc-form button[type=submit]');
    await page.waitForURL(/\/e\/deal\/r\//);
    const saved = await found('上海办公室电话');
    expect(saved.total).toBe(1);
    expect(saved.records[0]).toMatchObject({ phone: '(021) 5555-1234', amount: 12000 });
  });
});
