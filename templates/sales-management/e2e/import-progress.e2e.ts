/**
 * Imports as jobs in the shipped sales pack as `stagecraft start` installs it, by the demo rep the
 * first start printed: a CSV of 60,000 customers is big enough that the dialog's progress bar
 * shows while the file is checked and while it is written. One check and one import are cancelled
 * (nothing is written), one import runs to the end, and an upsert re-import updates the records
 * its rows match on the dedupe key (总机电话 + 客户名称) after the same file was refused row by row
 * in create mode. Every wait is for a state the page shows, never for a time. Screenshots at
 * desktop size and on a 390 × 844 phone go to docs/screenshots/import/; each state passes axe.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedClient } from '../../../apps/web/e2e/api.js';
import { expectAccessible } from '../../../apps/web/e2e/axe.js';
import { launchChromium } from '../../../apps/web/e2e/browser.js';
import {
  type Login,
  loginOf,
  openAs,
  parseLogins,
  VIEWPORTS,
  type ViewportName,
} from '../../../apps/web/e2e/journey-kit.js';
import { type RunningServer, startServer } from '../../../apps/web/e2e/server.js';

const shots = new URL('../../../docs/screenshots/import/', import.meta.url).pathname;
/** The pack's customer entity, whose dedupe key is phone + name; columns named by their Chinese labels. */
const ENTITY = 'account';
const PREFIX = '进度测试客户';
const ROWS = 60_000;
const HEADER = '客户名称,总机电话,所属大区,地址';
const REGIONS = ['华东', '华北', '华南'];
const nameOf = (i: number) => `${PREFIX}${String(i).padStart(5, '0')}`;
const phoneOf = (i: number) => `0571-${String(i).padStart(8, '0')}`;

let server: RunningServer;
let browser: Browser;
let rep: Login;
let repApi: SeedClient;
let app: string;
let listUrl: string;
let files: string;
let bigFile: string;
let upsertFile: string;

/** The rep's customers whose name holds `search` (the rep sees only their own). */
async function customers(search: string) {
  return repApi.call<{ records: Record<string, unknown>[]; total: number }>(
    'GET',
    `/api/apps/${app}/entities/${ENTITY}/records?limit=10&search=${encodeURIComponent(search)}`,
  );
}

async function shot(page: Page, size: ViewportName, n: number, name: string) {
  await page.screenshot({ path: `${shots}progress-${size}-${n}-${name}.png` });
  await expectAccessible(page, `import progress (${size}) ${name}`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    VIEWPORTS[size].width,
  );
}

async function openDialog(page: Page) {
  await page.goto(listUrl);
  await page.waitForSelector('.sc-toolbar');
  await page.click('.sc-toolbar button >> text=导入');
  await page.waitForSelector('[role=dialog]');
}

/**
 * Resolves when the bar shows a known share of a running job (not only the upload); `moving`:
 * a share above 0, so a screenshot shows the bar filling.
 */
async function runningBar(page: Page, moving = false): Promise<number> {
  const known = '[role=dialog] [role=progressbar][aria-valuenow]';
  const bar = page.locator(moving ? `${known}:not([aria-valuenow="0"])` : known);
  await bar.waitFor();
  return Number(await bar.getAttribute('aria-valuenow'));
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  files = mkdtempSync(join(tmpdir(), 'stagecraft-import-progress-'));
  // UTF-8 with a BOM, as Excel's "CSV UTF-8" writes it, CRLF line ends.
  const lines = [HEADER];
  for (let i = 1; i <= ROWS; i++)
    lines.push(`${nameOf(i)},${phoneOf(i)},${REGIONS[i % 3]},杭州市西湖区文三路 ${i} 号`);
  bigFile = join(files, '客户批量导入.csv');
  writeFileSync(bigFile, `\uFEFF${lines.join('\r\n')}\r\n`);
  // Two rows matching imported customers (new address) and one new customer.
  upsertFile = join(files, '客户更新.csv');
  writeFileSync(
    upsertFile,
    `${[
      HEADER,
      `${nameOf(1)},${phoneOf(1)},华东,杭州市滨江区网商路 1 号（已更新）`,
      `${nameOf(2)},${phoneOf(2)},华北,杭州市滨江区网商路 2 号（已更新）`,
      `${PREFIX}新增,0571-99999999,华南,杭州市上城区解放路 9 号`,
    ].join('\r\n')}\r\n`,
  );

  server = await startServer();
  rep = loginOf(parseLogins(server.banner), 'member');
  repApi = new SeedClient(server.url);
  await repApi.login(rep.email, rep.password);
  const admin = new SeedClient(server.url);
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
  if (files) rmSync(files, { recursive: true, force: true });
});

describe('a 60,000-row import as the demo rep, followed in the dialog [pglite]', () => {
  it('on a phone: the check shows its progress and can be cancelled', async () => {
    const page = await openAs(browser, server.url, rep, 'phone');
    await openDialog(page);
    await page.setInputFiles('[role=dialog] input[type=file]', bigFile);
    const percent = await runningBar(page, true);
    expect(percent).toBeGreaterThan(0);
    expect(percent).toBeLessThanOrEqual(100);
    expect(await page.locator('[data-testid="import-progress"] .io-job-phase').textContent()).toMatch(
      /^(读取中…|校验中…|写入中…)$/,
    );
    await shot(page, 'phone', 1, 'checking');
    await page.click('[data-testid="import-cancel"]');
    await page.waitForSelector('[data-testid="import-cancelled"] >> text=已取消导入，没有写入任何数据。');
    expect(await page.locator('[data-testid="import-confirm"]').count()).toBe(0);
    await shot(page, 'phone', 2, 'check-cancelled');
    await page.context().close();
    expect((await customers(PREFIX)).total).toBe(0);
  });

  it('at desktop size: progress and the detected encoding, one import cancelled, then one completed', async () => {
    const page = await openAs(browser, server.url, rep, 'desktop');
    await openDialog(page);
    await page.setInputFiles('[role=dialog] input[type=file]', bigFile);
    await runningBar(page, true);
    // Rows read so far and the rate, in Chinese.
    await page.waitForSelector('[data-testid="import-progress"] .io-job-facts >> text=/已读取 [\\d,]+ 行/');
    await shot(page, 'desktop', 1, 'checking');

    // The clean dry run: rows, the detected encoding, the mapping and the first rows as read.
    await page.waitForSelector('[data-testid="import-summary"] .io-rows >> text=共 60,000 行数据');
    await page.waitForSelector('[data-testid="import-encoding"] >> text=文件编码：UTF-8 (BOM)（自动识别）');
    expect(await page.locator('[data-testid="import-sample"] tbody tr').first().textContent()).toContain(
      nameOf(1),
    );
    expect(await page.locator('[data-testid="import-confirm"]').textContent()).toBe('导入 60,000 条记录');
    await shot(page, 'desktop', 2, 'checked');

    // The import, cancelled while it runs: nothing is written.
    await page.click('[data-testid="import-confirm"]');
    await runningBar(page, true);
    await shot(page, 'desktop', 3, 'importing');
    await page.click('[data-testid="import-cancel"]');
    await page.waitForSelector('[data-testid="import-cancelled"] >> text=已取消导入，没有写入任何数据。');
    expect((await customers(PREFIX)).total).toBe(0);
    await shot(page, 'desktop', 4, 'import-cancelled');

    // Started again from the same clean dry run, it runs to the end; the list shows the new rows.
    await page.click('[data-testid="import-confirm"]');
    await runningBar(page);
    await page.waitForSelector('[role=dialog] [role=status] >> text=已导入 60,000 条记录。', {
      timeout: 150_000,
    });
    expect(await page.locator('[role=dialog] [role=progressbar]').count()).toBe(0);
    await shot(page, 'desktop', 5, 'imported');
    await page.click('[role=dialog] button >> text=关闭');
    await page.waitForSelector(`.sc-body-row >> text=${PREFIX}`);
    await page.context().close();
    expect((await customers(PREFIX)).total).toBe(ROWS);
  });

  it('on a phone: a re-import is refused row by row in create mode, and updates the matches as an upsert', async () => {
    const page = await openAs(browser, server.url, rep, 'phone');
    await openDialog(page);
    const create = page.getByLabel('仅新增记录');
    const upsert = page.getByLabel('按去重键更新已有记录（总机电话 + 客户名称）');
    expect(await create.isChecked()).toBe(true);

    // Create mode: the two rows whose key exists are refused at their lines; nothing is written.
    await page.setInputFiles('[role=dialog] input[type=file]', upsertFile);
    await page.waitForSelector('[data-testid="import-errors"]');
    const lines = await page
      .locator('[data-testid="import-errors"] tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-line')));
    expect(lines).toEqual(['2', '3']);
    expect(await page.locator('[data-testid="import-duplicate-hint"]').textContent()).toContain(
      '按去重键更新已有记录',
    );
    await shot(page, 'phone', 3, 'duplicates-refused');

    // Upsert: the same file checks again, two rows update their record, one adds a customer.
    await upsert.check();
    // (The server's dry run does not count the matches yet, so the dialog says only the rows.)
    await page.waitForSelector('[data-testid="import-confirm"] >> text=导入 3 条记录');
    expect(await page.locator('[data-testid="import-errors"]').count()).toBe(0);
    await shot(page, 'phone', 4, 'upsert-checked');
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[role=dialog] [role=status] >> text=导入完成：新增 1 条，更新 2 条。');
    await shot(page, 'phone', 5, 'upserted');
    await page.context().close();

    const first = (await customers(nameOf(1))).records;
    expect(first.map((r) => r.accountAddress)).toEqual(['杭州市滨江区网商路 1 号（已更新）']);
    expect((await customers(nameOf(2))).records.map((r) => r.accountAddress)).toEqual([
      '杭州市滨江区网商路 2 号（已更新）',
    ]);
    expect((await customers(`${PREFIX}新增`)).total).toBe(1);
    expect((await customers(PREFIX)).total).toBe(ROWS + 1);
  });
});
