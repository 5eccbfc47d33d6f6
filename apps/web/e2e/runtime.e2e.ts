import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedClient } from './api.js';
import { dragTo, launchChromium, signIn } from './browser.js';
import { E2E_APP_ID, e2eApp } from './fixture-app.js';
import { type RunningServer, startServer } from './server.js';

const shots = new URL('../../../docs/screenshots/', import.meta.url).pathname;
const cny = (n: number) => new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' }).format(n);
const rowTexts = (page: Page) => page.locator('.sc-body-row').allTextContents();

let server: RunningServer;
let browser: Browser;
let seed: SeedClient;
const seeded: { name: string; amount: number; tier: string }[] = [];
let movedId = '';

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer();
  seed = new SeedClient(server.url);
  await seed.login(server.adminEmail, server.adminPassword);
  await seed.call('POST', '/api/apps', e2eApp);
  await seed.call('POST', `/api/apps/${E2E_APP_ID}/publish`, {});
  await seed.call('POST', '/api/users', {
    email: 'rep@e2e.test',
    password: 'field-seller-2026',
    name: '王小明',
    roles: ['member'],
    locale: 'zh-CN',
  });
  const tiers = ['a', 'b', 'c'];
  for (let i = 1; i <= 12; i++) {
    const row = {
      name: `客户 ${String(i).padStart(2, '0')} 年度采购`,
      amount: ((i * 37) % 13) * 10000 + 5000,
      tier: tiers[i % 3] as string,
    };
    seeded.push(row);
    await seed.call('POST', `/api/apps/${E2E_APP_ID}/entities/deal/records`, {
      ...row,
      closeDate: `2026-12-${String(i).padStart(2, '0')}`,
      phone: '13800000000',
    });
  }
  const moved = await seed.call<{ id: string }>('POST', `/api/apps/${E2E_APP_ID}/entities/deal/records`, {
    name: '华南连锁门店升级',
    amount: 860000,
    tier: 'a',
    phone: '13900000000',
  });
  movedId = moved.id;
  const rep = new SeedClient(server.url);
  await rep.login('rep@e2e.test', 'field-seller-2026');
  for (const [name, amount] of [
    ['社区便利店补货', 36000],
    ['校园店陈列升级', 52000],
    ['写字楼午餐团购', 18000],
  ] as const) {
    await rep.call('POST', `/api/apps/${E2E_APP_ID}/entities/deal/records`, {
      name,
      amount,
      tier: 'b',
      phone: '13700000000',
    });
  }
  await seed.call('POST', `/api/apps/${E2E_APP_ID}/entities/deal/records/${movedId}/transitions`, {
    to: 'qualified',
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Builds "tier = <option>" in the list's filter builder and applies it. */
async function filterByTier(page: Page, option: string): Promise<void> {
  await page.click('.sc-toolbar button[aria-expanded]');
  await page.click('text=添加条件');
  const row = page.locator('[data-testid="filter-row"]');
  await row.locator('select').nth(0).selectOption('tier');
  await row.locator('select').nth(1).selectOption('eq');
  await row.locator('select').nth(2).selectOption(option);
  await page.click('.sc-filter button.sc-primary');
}

/** Create a record through the form: required and rule errors inline, then fixed and saved. */
async function createThroughForm(page: Page, shot: string, name: string): Promise<string> {
  await page.goto(`${server.url}/#/a/${E2E_APP_ID}/e/deal/new`);
  await page.waitForSelector('form.sc-form');
  await page.click('form.sc-form button[type=submit]');
  await page.waitForSelector('[data-field="name"] .sc-error');
  expect(await page.locator('[data-field="name"] .sc-error').textContent()).toBe('此字段为必填项。');
  expect(await page.locator('[data-field="amount"] .sc-error').textContent()).toBe('此字段为必填项。');
  await page.locator('[data-field="name"] input').fill(name);
  await page.locator('[data-field="amount"] input').fill('-5');
  await page.click('form.sc-form button[type=submit]');
  await page.waitForSelector('[data-field="amount"] .sc-error >> text=金额必须大于 0');
  expect(await page.locator('[data-field="name"] .sc-error').count()).toBe(0);
  await page.screenshot({ path: `${shots}${shot}` });
  // Two refused saves created nothing, and everything typed is still on screen.
  const none = await seed.call<{ total: number }>(
    'POST',
    `/api/apps/${E2E_APP_ID}/entities/deal/records/query`,
    { search: name },
  );
  expect(none.total).toBe(0);
  expect(await page.locator('[data-field="name"] input').inputValue()).toBe(name);
  await page.locator('[data-field="amount"] input').fill('128000');
  await page.click('form.sc-form button[type=submit]');
  await page.waitForURL(/\/e\/deal\/r\//);
  return decodeURIComponent(page.url().split('/r/')[1] ?? '');
}

describe('end-user runtime in Chromium [pglite]', () => {
  let context: BrowserContext;
  let page: Page;
  let createdId = '';

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    page = await context.newPage();
  });
  afterAll(async () => context?.close());

  it('signs in and opens the app on its first view', async () => {
    await signIn(page, server.url, server.adminEmail, server.adminPassword);
    await page.goto(`${server.url}/#/a/${E2E_APP_ID}`);
    await page.waitForURL(/\/v\/deals$/);
    await page.waitForSelector('.sc-body-row');
    expect(await page.locator('.sidenav a').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('全部商机'), expect.stringContaining('商机看板')]),
    );
  });

  it('creates a record: required-field and rule errors inline, fixed, saved', async () => {
    createdId = await createThroughForm(page, 'form-desktop.png', '华东医疗设备采购');
    await page.waitForSelector('.sc-record-head h1');
    expect(await page.locator('.sc-record-head h1').textContent()).toBe('华东医疗设备采购');
    const stored = await seed.call<{ amount: number; stage: string }>(
      'GET',
      `/api/apps/${E2E_APP_ID}/entities/deal/records/${createdId}`,
    );
    expect(stored).toMatchObject({ amount: 128000, stage: 'lead' });
  });

  it('shows the stage path and explains the blocked transition', async () => {
    await page.waitForSelector('[data-transition="qualify"] .sc-reasons');
    expect(await page.locator('.sc-path-current').textContent()).toBe('初步接触');
    expect(await page.locator('[data-transition="qualify"] button').isDisabled()).toBe(true);
    expect(await page.locator('[data-transition="qualify"] .sc-reasons').textContent()).toContain(
      '请先填写客户电话',
    );
    expect(await page.locator('.sc-key-fields').textContent()).toContain('决策人的手机');
    expect(await page.locator('[data-sla="on_time"]').textContent()).toContain('按时');
    await page.waitForSelector('.sc-timeline li');
    await page.screenshot({ path: `${shots}record-desktop.png` });
  });

  it('filters and sorts the list', async () => {
    await page.goto(`${server.url}/#/a/${E2E_APP_ID}/v/deals`);
    await page.waitForSelector('.sc-body-row');
    await filterByTier(page, 'a');
    const tierA = seeded
      .filter((s) => s.tier === 'a')
      .concat([{ name: '华南连锁门店升级', amount: 860000, tier: 'a' }]);
    await expect.poll(async () => (await rowTexts(page)).length).toBe(tierA.length);
    for (const text of await rowTexts(page)) expect(text).toContain('A 级');
    await page.click('[role=columnheader] >> text=金额');
    const ascending = [...tierA].sort((a, b) => a.amount - b.amount);
    await expect.poll(async () => (await rowTexts(page))[0]).toContain(cny(ascending[0]?.amount ?? 0));
    await page.click('[role=columnheader] >> text=金额');
    await expect.poll(async () => (await rowTexts(page))[0]).toContain(cny(860000));
    await page.screenshot({ path: `${shots}list-desktop.png` });
  });

  it('refuses an illegal drag on the board and explains why; the card stays', async () => {
    await page.goto(`${server.url}/#/a/${E2E_APP_ID}/v/board`);
    const card = `[data-stage="lead"] [data-record-id="${createdId}"]`;
    await page.waitForSelector(card);
    await dragTo(page, card, '[data-stage="won"] .sc-column-body');
    await page.waitForSelector('[data-testid="move-refused"]');
    expect(await page.locator('[data-testid="move-refused"]').textContent()).toContain('不能跳过阶段');
    await dragTo(page, card, '[data-stage="qualified"] .sc-column-body');
    await page.waitForSelector('[data-testid="move-refused"] >> text=请先填写客户电话');
    expect(await page.locator(card).count()).toBe(1);
  });

  it('drags a card to a stage that needs evidence, uploads it in the dialog, and the card moves', async () => {
    const card = `[data-stage="qualified"] [data-record-id="${movedId}"]`;
    await page.waitForSelector(card);
    await dragTo(page, card, '[data-stage="proposal"] .sc-column-body');
    await page.waitForSelector('[role=dialog]');
    expect(await page.locator('[role=dialog] h2').textContent()).toContain('方案提交');
    await page.setInputFiles('[role=dialog] input[type=file]', {
      name: '方案-v1.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 e2e proposal'),
    });
    await page.waitForSelector('[role=dialog] .sc-file-name >> text=方案-v1.pdf');
    await page.click('[role=dialog] button[type=submit]');
    await page.waitForSelector(`[data-stage="proposal"] [data-record-id="${movedId}"]`);
    expect(await page.locator('[role=dialog]').count()).toBe(0);
    expect(await page.locator('[data-stage="proposal"] .sc-aggregates').textContent()).toContain(cny(860000));
    await page.locator('.sc-board').evaluate((el) => {
      el.scrollLeft = 0;
    });
    await page.screenshot({ path: `${shots}board-desktop.png` });
    const history = await seed.call<{ history: { to: string }[] }>(
      'GET',
      `/api/apps/${E2E_APP_ID}/entities/deal/records/${movedId}/history`,
    );
    expect(history.history.map((h) => h.to)).toEqual(expect.arrayContaining(['qualified', 'proposal']));
  });

  it('shows the moved record with its new stage, the evidence file and the history', async () => {
    await page.click(`[data-stage="proposal"] [data-record-id="${movedId}"] .sc-card-title`);
    await page.waitForURL(new RegExp(`/r/${movedId}$`));
    await page.waitForSelector('.sc-path-current');
    expect(await page.locator('.sc-path-current').textContent()).toBe('方案提交');
    await page.waitForSelector('.sc-record-side a >> text=方案-v1.pdf');
    expect(await page.locator('.sc-record-side').textContent()).toContain('方案文件');
    expect(await page.locator('.sc-timeline').textContent()).toContain('从 需求确认 推进到 方案提交');
    await page.goBack();
    await page.waitForSelector('[data-stage="proposal"]');
  });

  it('switches to English and back', async () => {
    await page.selectOption('.topbar .lang-switch', 'en');
    await page.waitForSelector('.sidenav >> text=All deals');
    expect(await page.locator('[data-stage="proposal"] h2').textContent()).toBe('Proposal');
    expect(await page.locator('[data-stage="proposal"] .sc-aggregates').textContent()).toContain('Total');
    await page.selectOption('.topbar .lang-switch', 'zh-CN');
    await page.waitForSelector('.sidenav >> text=全部商机');
    expect(await page.locator('[data-stage="proposal"] h2').textContent()).toBe('方案提交');
  });
});

describe('the key path on a 390 × 844 phone [pglite]', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    page = await context.newPage();
  });
  afterAll(async () => context?.close());

  it('signs in, lists, creates with inline errors, opens the record and the board', async () => {
    await signIn(page, server.url, 'rep@e2e.test', 'field-seller-2026');
    await page.goto(`${server.url}/#/a/${E2E_APP_ID}/v/deals`);
    await page.waitForSelector('.sc-body-row');
    // A member sees only the records they own.
    expect(await page.locator('.sc-pager').textContent()).toContain('共 3 条');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${shots}list-phone.png` });
    const id = await createThroughForm(page, 'form-phone.png', '门店巡检系统');
    await page.waitForSelector('[data-transition="qualify"] .sc-reasons');
    expect(await page.locator('[data-transition="qualify"] .sc-reasons').textContent()).toContain(
      '请先填写客户电话',
    );
    await page.screenshot({ path: `${shots}record-phone.png` });
    await page.click('.menu-toggle');
    await page.click('.sidenav >> text=商机看板');
    await page.waitForSelector(`[data-stage="lead"] [data-record-id="${id}"]`);
    const snap = await page.locator('.sc-board').evaluate((el) => getComputedStyle(el).scrollSnapType);
    expect(snap).toContain('x');
    await page.screenshot({ path: `${shots}board-phone.png` });
  });

  it('filters, sorts and switches language on the phone, and switches workspace from the user menu', async () => {
    await page.goto(`${server.url}/#/a/${E2E_APP_ID}/v/deals`);
    await page.waitForSelector('.sc-body-row');
    // the rep's own three deals plus the one just created; the filter builder narrows them by tier
    await filterByTier(page, 'b');
    await expect.poll(async () => (await rowTexts(page)).length).toBe(3);
    await page.click('[role=columnheader] >> text=金额');
    await expect.poll(async () => (await rowTexts(page))[0]).toContain(cny(18000));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.selectOption('.topbar .lang-switch', 'en');
    await page.waitForSelector('[role=columnheader] >> text=Amount');
    await page.selectOption('.topbar .lang-switch', 'zh-CN');
    await page.waitForSelector('[role=columnheader] >> text=金额');

    await page.click('.user-menu summary');
    await page.click('.user-menu >> text=切换工作区…');
    const hint = page.locator('.login-card [role=status]');
    await hint.waitFor();
    expect(await hint.textContent()).toContain('请用另一工作区的账号登录');
    await signIn(page, server.url, 'rep@e2e.test', 'field-seller-2026');
  });
});
