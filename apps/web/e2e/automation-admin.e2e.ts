/**
 * The automation admin page in a real browser against the built server (which runs the worker):
 * runs with their trigger, record link, condition result and actions; a webhook that always fails
 * ends as a dead letter with its delivery attempts listed, and Retry puts it back in the queue.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SeedClient } from './api.js';
import { launchChromium, signIn } from './browser.js';
import { type RunningServer, startServer } from './server.js';

const shots = new URL('../../../docs/screenshots/', import.meta.url).pathname;
const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const APP = 'watch';

/** A lead entity with a notice on create and a webhook that posts to `hook`. */
const appDoc = (hook: string) => ({
  schemaVersion: 2,
  id: APP,
  label: L('线索看板', 'Lead watch'),
  entities: [
    {
      id: 'lead',
      label: L('线索', 'Lead'),
      titleField: 'title',
      fields: [
        { id: 'title', type: 'text', label: L('名称', 'Title') },
        { id: 'amount', type: 'currency', label: L('金额', 'Amount') },
      ],
    },
  ],
  automations: [
    {
      id: 'bigLead',
      label: L('大额线索提醒', 'Big lead notice'),
      entity: 'lead',
      trigger: { type: 'record_created' },
      condition: { '>': [{ var: 'amount' }, 100000] },
      actions: [
        {
          id: 'tellOwner',
          type: 'notify',
          recipients: [{ type: 'owner' }],
          title: L('新的大额线索', 'New big lead'),
        },
      ],
    },
    {
      id: 'crmSync',
      label: L('同步到外部系统', 'Sync to the CRM'),
      entity: 'lead',
      trigger: { type: 'record_created' },
      actions: [{ id: 'post', type: 'webhook', url: hook, secret: 'e2e-secret', fields: ['title'] }],
    },
  ],
});

let server: RunningServer;
let hooks: Server;
let browser: Browser;
let admin: SeedClient;
let hits = 0;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  hooks = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits++;
      res.writeHead(502).end();
    });
  });
  await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  // Retries 0.2 s, 0.4 s, 0.8 s … so the failing webhook is dead within seconds.
  process.env.WORKER_RETRY_BASE_MS = '200';
  process.env.WORKER_POLL_MS = '200';
  server = await startServer();
  admin = new SeedClient(server.url);
  await admin.login(server.adminEmail, server.adminPassword);
  const hook = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/crm`;
  await admin.call('POST', '/api/apps', appDoc(hook));
  await admin.call('POST', `/api/apps/${APP}/publish`, {});
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((resolve) => hooks?.close(resolve));
});

it('an admin sees runs, webhook deliveries and a dead letter, and retries it', async () => {
  const big = await admin.call<{ id: string }>('POST', `/api/apps/${APP}/entities/lead/records`, {
    title: 'Chain of 40 stores',
    amount: 450000,
  });
  await admin.call('POST', `/api/apps/${APP}/entities/lead/records`, { title: 'Walk-in', amount: 800 });
  const dead = () =>
    admin.call<{ jobs: { id: number }[] }>('GET', '/api/automation/jobs?status=dead').then((r) => r.jobs);
  await expect.poll(async () => (await dead()).length, { timeout: 60_000, interval: 500 }).toBe(2);
  expect(hits).toBe(12);

  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await signIn(page, server.url, server.adminEmail, server.adminPassword);
  await page.getByRole('link', { name: 'Automation runs' }).click();
  await page.waitForURL(/#\/admin\/automation$/);
  const runs = page.locator('[data-testid=automation-runs] tbody tr');
  await runs.first().waitFor();
  // The default template's automations run too; narrow the log to this app.
  await page.getByRole('combobox', { name: 'App', exact: true }).selectOption({ label: 'Lead watch' });
  // Two leads × two automations.
  await expect.poll(() => runs.count(), { timeout: 10_000 }).toBe(4);
  const rows = await runs.allTextContents();
  expect(rows.filter((r) => r.includes('Big lead notice') && r.includes('not met'))).toHaveLength(1);
  expect(rows.filter((r) => r.includes('Sync to the CRM') && r.includes('dead'))).toHaveLength(2);
  const noticeRow = runs.filter({ hasText: 'tellOwner' });
  expect(await noticeRow.count()).toBe(1);
  expect(await noticeRow.textContent()).toContain('record created');
  expect(await noticeRow.textContent()).toContain('done');
  expect(await noticeRow.locator('a').getAttribute('href')).toBe(`#/a/${APP}/e/lead/r/${big.id}`);

  const deadRows = page.locator('[data-testid=automation-dead] tbody tr');
  expect(await deadRows.count()).toBe(2);
  expect(await deadRows.first().textContent()).toContain('HTTP 502');
  expect(await deadRows.first().textContent()).toContain('6 / 6');
  const deliveries = page.locator('[data-testid=automation-deliveries] tbody tr').filter({ hasText: '/crm' });
  expect(await deliveries.count()).toBe(12);
  expect(await deliveries.first().textContent()).toContain('502');
  await page.screenshot({ path: `${shots}automation-runs.png`, fullPage: true });

  await deadRows.first().getByRole('button', { name: 'Retry' }).click();
  await page.getByRole('status').filter({ hasText: 'Queued again.' }).waitFor();
  // The retried job runs again (and fails again: the endpoint is still down).
  await expect.poll(() => hits, { timeout: 60_000, interval: 500 }).toBeGreaterThan(12);
  await context.close();
}, 120_000);
