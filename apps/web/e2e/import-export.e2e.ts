import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedClient } from './api.js';
import { launchChromium, signIn } from './browser.js';
import { E2E_APP_ID, e2eApp } from './fixture-app.js';
import { type RunningServer, startServer } from './server.js';

const shots = new URL('../../../docs/screenshots/', import.meta.url).pathname;
const records = `/api/apps/${E2E_APP_ID}/entities/deal/records`;
const listUrl = () => `${server.url}/#/a/${E2E_APP_ID}/v/deals`;

let server: RunningServer;
let browser: Browser;
let seed: SeedClient;

const ADMIN_DEALS = ['总部集采项目', '华北渠道扩展', '华东医院设备', '西南门店改造', '华南物流系统'];
const REP_DEALS = ['社区便利店补货', '校园店陈列升级', '写字楼午餐团购'];

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF), after the UTF-8 BOM. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** Picks a format from the list's Export menu and returns the browser's download. */
async function exportAs(page: Page, format: 'csv' | 'xlsx'): Promise<Download> {
  await page.click('.io-export > button');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`.io-menu [data-format="${format}"]`),
  ]);
  return download;
}

async function downloaded(download: Download): Promise<Buffer> {
  const path = await download.path();
  if (!path) throw new Error(`download failed: ${await download.failure()}`);
  return readFileSync(path);
}

const dealCount = async () => (await seed.call<{ total: number }>('POST', `${records}/query`, {})).total;

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
  for (const [i, name] of ADMIN_DEALS.entries())
    await seed.call('POST', records, { name, amount: (i + 1) * 100_000, tier: 'a' });
  const rep = new SeedClient(server.url);
  await rep.login('rep@e2e.test', 'field-seller-2026');
  for (const [i, name] of REP_DEALS.entries())
    await rep.call('POST', records, { name, amount: (i + 1) * 10_000, tier: 'b' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('export as a rep who sees only their own records [pglite]', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    page = await context.newPage();
    await signIn(page, server.url, 'rep@e2e.test', 'field-seller-2026');
  });
  afterAll(async () => context?.close());

  it('downloads a CSV holding exactly their own records, headers in Chinese', async () => {
    await page.goto(listUrl());
    await page.waitForSelector('.sc-pager >> text=共 3 条');
    await page.click('.io-export > button');
    await page.waitForSelector('.io-menu');
    await page.screenshot({ path: `${shots}import-export-menu.png` });
    await page.click('.io-export > button');
    const download = await exportAs(page, 'csv');
    expect(download.suggestedFilename()).toMatch(/^deal-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await downloaded(download);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header = [], ...rows] = parseCsv(bytes.toString('utf8')).filter((r) => r.some((c) => c !== ''));
    const nameAt = header.indexOf('名称');
    expect(nameAt).toBeGreaterThanOrEqual(0);
    expect(header).toContain('金额');
    expect(rows.map((r) => r[nameAt]).sort()).toEqual([...REP_DEALS].sort());
  });

  it('exports what the list shows: the current search narrows the file too', async () => {
    await page.fill('.sc-search', '校园');
    await page.waitForSelector('.sc-pager >> text=共 1 条');
    const bytes = await downloaded(await exportAs(page, 'csv'));
    const [header = [], ...rows] = parseCsv(bytes.toString('utf8')).filter((r) => r.some((c) => c !== ''));
    expect(rows.map((r) => r[header.indexOf('名称')])).toEqual(['校园店陈列升级']);
  });
});

describe('import as an admin [pglite]', () => {
  let context: BrowserContext;
  let page: Page;
  let before = 0;
  // Headers by English label, Chinese label and field id; `Remark` matches no field.
  const header = 'Name,金额,closeDate,Remark';
  const badFile = [
    header,
    '导入客户甲,120000,2026-12-01,first',
    '导入客户乙,abc,2026-12-02,second',
    '导入客户丙,80000,,third',
  ];
  const fixedFile = [
    header,
    '导入客户甲,120000,2026-12-01,first',
    '导入客户乙,95000,2026-12-02,second',
    '导入客户丙,80000,,third',
  ];
  const csvFile = (lines: string[]) => ({
    name: 'deals-import.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${lines.join('\n')}\n`, 'utf8'),
  });

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    page = await context.newPage();
    await signIn(page, server.url, server.adminEmail, server.adminPassword);
    before = await dealCount();
  });
  afterAll(async () => context?.close());

  it('shows a bad row at its line and column, and imports nothing', async () => {
    await page.goto(listUrl());
    await page.waitForSelector(`.sc-pager >> text=共 ${before} 条`);
    await page.click('.sc-toolbar button >> text=导入');
    await page.waitForSelector('[role=dialog] >> text=导入商机');
    await page.setInputFiles('[role=dialog] input[type=file]', csvFile(badFile));
    await page.waitForSelector('[data-testid="import-errors"] tbody tr');
    const cells = await page
      .locator('[data-testid="import-errors"] tbody tr')
      .first()
      .locator('td')
      .allTextContents();
    expect(cells.slice(0, 2)).toEqual(['3', '金额']);
    expect(cells[2]?.length).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="import-errors"] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-testid="import-errors"] [role=alert]').textContent()).toContain(
      '未导入任何数据',
    );
    expect(await page.locator('[data-testid="import-file"]').textContent()).toBe('deals-import.csv');
    expect(await page.locator('[data-testid="import-confirm"]').count()).toBe(0);
    await page.screenshot({ path: `${shots}import-errors.png` });
    expect(await dealCount()).toBe(before);
  });

  it('imports the fixed file and the list shows the new records', async () => {
    await page.setInputFiles('[role=dialog] input[type=file]', csvFile(fixedFile));
    await page.waitForSelector('[data-testid="import-confirm"] >> text=导入 3 条记录');
    expect(await page.locator('[data-testid="import-errors"]').count()).toBe(0);
    const summary = page.locator('[data-testid="import-summary"]');
    expect(await summary.locator('.io-rows').textContent()).toBe('共 3 行数据');
    expect(await summary.locator('[data-field="name"]').textContent()).toContain('名称');
    expect(await summary.locator('[data-field="amount"]').textContent()).toContain('金额');
    expect(await summary.locator('[data-field="closeDate"]').textContent()).toContain('预计成交');
    expect(await summary.locator('[data-testid="import-ignored"]').textContent()).toContain('Remark');
    // A dry run writes nothing.
    expect(await dealCount()).toBe(before);
    await page.screenshot({ path: `${shots}import-summary.png` });
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[role=dialog] [role=status] >> text=已导入 3 条记录。');
    await page.screenshot({ path: `${shots}import-done.png` });
    await page.click('[role=dialog] button >> text=关闭');
    await page.waitForSelector(`.sc-pager >> text=共 ${before + 3} 条`);
    const rows = await page.locator('.sc-body-row').allTextContents();
    for (const name of ['导入客户甲', '导入客户乙', '导入客户丙'])
      expect(rows.some((r) => r.includes(name))).toBe(true);
    expect(await dealCount()).toBe(before + 3);
  });

  it('offers blank templates: the CSV holds only the header row, the Excel file is a zip', async () => {
    await page.click('.sc-toolbar button >> text=导入');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-template="csv"]')]);
    const rows = parseCsv((await downloaded(csv)).toString('utf8')).filter((r) => r.some((c) => c !== ''));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual(expect.arrayContaining(['名称', '金额']));
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('[data-template="xlsx"]')]);
    expect((await downloaded(xlsx)).subarray(0, 2).toString('latin1')).toBe('PK');
    await page.click('[role=dialog] button >> text=关闭');
    await page.waitForSelector('[role=dialog]', { state: 'detached' });
  });

  it('downloads an Excel export, a zip (PK) file', async () => {
    const download = await exportAs(page, 'xlsx');
    expect(download.suggestedFilename()).toMatch(/^deal-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const bytes = await downloaded(download);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  });
});

describe('the import dialog on a 390 × 844 phone [pglite]', () => {
  let context: BrowserContext;

  afterAll(async () => context?.close());

  it('fits the screen with the errors table', async () => {
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    await signIn(page, server.url, 'rep@e2e.test', 'field-seller-2026');
    await page.goto(listUrl());
    await page.waitForSelector('.sc-body-row');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.click('.sc-toolbar button >> text=导入');
    await page.setInputFiles('[role=dialog] input[type=file]', {
      name: '门店商机.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('名称,金额\n便利店补货,abc\n,5000\n', 'utf8'),
    });
    await page.waitForSelector('[data-testid="import-errors"] tbody tr');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = await page.locator('[role=dialog]').boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await page.screenshot({ path: `${shots}import-phone.png` });
  });
});
