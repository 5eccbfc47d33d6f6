/**
 * A CSV saved by Excel on a Chinese Windows (GBK) imported into the shipped sales pack as
 * `stagecraft start` installs it, by the admin: the dialog names the detected encoding, the preview
 * reads the Chinese headers, reading the file as UTF-8 instead is refused with a hint at the
 * encoding, and the import stores the Chinese text intact. Screenshots at desktop size and on a
 * 390 × 844 phone go to docs/screenshots/import/; each state passes axe (WCAG 2 A and AA).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedClient } from './api.js';
import { expectAccessible } from './axe.js';
import { launchChromium } from './browser.js';
import { openAs, VIEWPORTS, type ViewportName } from './journey-kit.js';
import { type RunningServer, startServer } from './server.js';

const shots = new URL('../../../docs/screenshots/import/', import.meta.url).pathname;
/** The pack's customer entity; its columns are named by their Chinese labels, as a user's file would. */
const ENTITY = 'account';
const HEADERS = ['客户名称', '总机电话', '所属大区', '地址'];
const ROWS = [
  ['编码测试华东科技有限公司', '021-55550101', '华东', '上海市浦东新区张江路 88 号'],
  ['编码测试北方重工集团', '010-55550102', '华北', '北京市海淀区中关村大街 1 号'],
  ['编码测试南粤贸易（广州）', '020-55550103', '华南', '广州市天河区体育西路 9 号'],
];
/**
 * HEADERS and ROWS as Excel's "CSV (逗号分隔)" writes them on a Chinese Windows: GBK, CRLF, no BOM
 * (written once with iconv-lite; the web app does not depend on it).
 */
const gbkFile = () => ({
  name: '客户导入.csv',
  mimeType: 'text/csv',
  buffer: readFileSync(new URL('./fixtures/customers-gbk.csv', import.meta.url)),
});

let server: RunningServer;
let browser: Browser;
let admin: SeedClient;
let app: string;
let listUrl: string;

const matching = async () =>
  (
    await admin.call<{ records: Record<string, unknown>[] }>(
      'GET',
      `/api/apps/${app}/entities/${ENTITY}/records?limit=50&search=${encodeURIComponent('编码测试')}`,
    )
  ).records;

async function shot(page: Page, size: ViewportName, n: number, name: string) {
  await page.screenshot({ path: `${shots}encoding-${size}-${n}-${name}.png` });
  await expectAccessible(page, `import encoding (${size}) ${name}`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    VIEWPORTS[size].width,
  );
}

/** Opens the list's import dialog and chooses the GBK file; resolves when the preview names the encoding. */
async function chooseGbkFile(page: Page) {
  await page.goto(listUrl);
  await page.waitForSelector('.sc-body-row');
  await page.click('.sc-toolbar button >> text=导入');
  await page.waitForSelector('[role=dialog]');
  await page.setInputFiles('[role=dialog] input[type=file]', gbkFile());
  await page.waitForSelector('[data-testid="import-encoding"] >> text=文件编码：GBK（自动识别）');
  await page.waitForSelector('[data-testid="import-confirm"] >> text=导入 3 条记录');
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer();
  admin = new SeedClient(server.url);
  await admin.login(server.adminEmail, server.adminPassword);
  const { templates } = await admin.call<{ templates: { app: string; installedVersion: string | null }[] }>(
    'GET',
    '/api/templates',
  );
  app = (templates.find((t) => t.installedVersion !== null) as { app: string }).app;
  const { definition } = await admin.call<{
    definition: { views: { id: string; entity: string; type: string }[] };
  }>('GET', `/api/apps/${app}/published`);
  const view = definition.views.find((v) => v.entity === ENTITY && v.type === 'list');
  if (!view) throw new Error(`no list view of ${ENTITY}`);
  listUrl = `${server.url}/#/a/${app}/v/${view.id}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a GBK CSV in the import dialog [pglite]', () => {
  it('on a phone: the preview names the encoding and reads the Chinese headers', async () => {
    const page = await openAs(
      browser,
      server.url,
      { email: server.adminEmail, password: server.adminPassword },
      'phone',
    );
    await chooseGbkFile(page);
    const summary = page.locator('[data-testid="import-summary"]');
    expect(await summary.locator('.io-rows').textContent()).toBe('共 3 行数据');
    expect(await summary.locator('[data-testid="import-sample"]').textContent()).toContain(ROWS[0]?.[0]);
    await shot(page, 'phone', 1, 'detected');
    await page.context().close();
    expect(await matching()).toEqual([]);
  });

  it('at desktop size: detected, refused as UTF-8 with a hint, then imported intact', async () => {
    const page = await openAs(
      browser,
      server.url,
      { email: server.adminEmail, password: server.adminPassword },
      'desktop',
    );
    await chooseGbkFile(page);
    const mapped = await page
      .locator('[data-testid="import-summary"] .io-mapping tbody td:first-child')
      .allTextContents();
    expect(mapped).toEqual(HEADERS);
    expect(await page.locator('[data-testid="import-ignored"]').count()).toBe(0);
    // The preview's first rows read as the Chinese text the file holds.
    const sample = page.locator('[data-testid="import-sample"] tbody tr');
    expect(await sample.count()).toBe(3);
    for (const [i, row] of ROWS.entries())
      expect(await sample.nth(i).locator('td').allTextContents()).toEqual([String(i + 2), ...row]);
    await shot(page, 'desktop', 1, 'detected');

    // Read as UTF-8, the GBK bytes are refused with a hint; nothing is imported as mojibake.
    await page.selectOption('[data-testid="import-encoding"] select', 'utf-8');
    const alert = page.locator('[role=dialog] [role=alert]');
    await alert.waitFor();
    const hint = (await alert.textContent()) ?? '';
    for (const words of ['第 1 行', 'UTF-8', 'GBK/GB18030', '文件编码']) expect(hint).toContain(words);
    expect(await page.locator('[data-testid="import-confirm"]').count()).toBe(0);
    await shot(page, 'desktop', 2, 'forced-utf8');

    // Chosen GBK/GB18030 explicitly, the file reads again and imports.
    await page.selectOption('[data-testid="import-encoding"] select', 'gb18030');
    await page.waitForSelector('[data-testid="import-encoding"] >> text=文件编码：GB18030（手动选择）');
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[role=dialog] [role=status] >> text=已导入 3 条记录。');
    await shot(page, 'desktop', 3, 'imported');
    await page.click('[role=dialog] button >> text=关闭');
    await page.waitForSelector(`.sc-body-row >> text=${ROWS[0]?.[0]}`);

    const stored = JSON.stringify(await matching());
    for (const row of ROWS) for (const cell of [row[0], row[3]]) expect(stored).toContain(cell);
    expect(stored).not.toContain('\uFFFD');
    expect((await matching()).length).toBe(3);
    await page.context().close();
  });
});
