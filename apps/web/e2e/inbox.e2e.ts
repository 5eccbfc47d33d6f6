/**
 * Issue 9 in a real browser against the built server (which runs the automation worker): an order
 * over 500,000 starts a sign-off, the approver's bell count rises without a reload, and the
 * approver approves from the inbox; the record's approval is then approved on the server.
 */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SeedClient } from './api.js';
import { launchChromium, signIn } from './browser.js';
import { type RunningServer, startServer } from './server.js';

const shots = new URL('../../../docs/screenshots/', import.meta.url).pathname;
const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const APP = 'signoff';

const app = {
  schemaVersion: 2,
  id: APP,
  label: L('会签', 'Sign-off'),
  entities: [
    {
      id: 'order',
      label: L('订单', 'Order'),
      titleField: 'title',
      fields: [
        { id: 'title', type: 'text', label: L('名称', 'Title') },
        { id: 'amount', type: 'currency', label: L('金额', 'Amount') },
      ],
    },
  ],
  roles: [{ id: 'reviewer', label: L('评审', 'Reviewer'), permissions: [] }],
  automations: [
    {
      id: 'bigOrder',
      label: L('大额订单会签', 'Big order sign-off'),
      entity: 'order',
      trigger: { type: 'record_created' },
      condition: { '>': [{ var: 'amount' }, 500000] },
      actions: [{ id: 'start', type: 'start_approval', approval: 'review' }],
    },
  ],
  approvals: [
    {
      id: 'review',
      label: L('大额订单会签', 'Big order sign-off'),
      entity: 'order',
      entryCriteria: { '>': [{ var: 'amount' }, 500000] },
      steps: [
        {
          id: 'one',
          label: L('评审', 'Review'),
          branches: [
            {
              id: 'tech',
              label: L('技术评审', 'Tech review'),
              approvers: { type: 'role', role: 'reviewer' },
              mode: 'any',
            },
          ],
        },
      ],
    },
  ],
};

let server: RunningServer;
let browser: Browser;
let admin: SeedClient;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer();
  admin = new SeedClient(server.url);
  await admin.login(server.adminEmail, server.adminPassword);
  await admin.call('POST', '/api/apps', app);
  await admin.call('POST', `/api/apps/${APP}/publish`, {});
  await admin.call('POST', '/api/users', {
    email: 'reviewer@e2e.test',
    password: 'sign-off-desk-2026',
    name: '李审批',
    roles: ['member', 'reviewer'],
    locale: 'zh-CN',
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('the bell count rises after an automation fires, and the approver approves from the inbox', async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signIn(page, server.url, 'reviewer@e2e.test', 'sign-off-desk-2026');
  const badge = page.locator('[data-testid=inbox-count]');
  expect(await badge.count()).toBe(0);

  const order = await admin.call<{ id: string }>('POST', `/api/apps/${APP}/entities/order/records`, {
    title: 'Rollout to 300 stores',
    amount: 860000,
  });
  await expect.poll(() => badge.textContent(), { timeout: 20_000 }).toBe('1');

  await page.click('.inbox-bell');
  const card = page.locator('.inbox-approvals .inbox-item');
  await card.waitFor();
  expect(await card.textContent()).toContain('Tech review');
  await card.locator('input').fill('Architecture is fine');
  await page.screenshot({ path: `${shots}inbox.png` });
  await card.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('status').filter({ hasText: 'Approved' }).waitFor();

  const approvals = await admin.call<{
    approvals: { status: string; history: { userName: string; comment: string }[] }[];
  }>('GET', `/api/apps/${APP}/entities/order/records/${order.id}/approvals`);
  expect(approvals.approvals[0]).toMatchObject({
    status: 'approved',
    history: [{ userName: '李审批', comment: 'Architecture is fine' }],
  });
  await context.close();
}, 90_000);
