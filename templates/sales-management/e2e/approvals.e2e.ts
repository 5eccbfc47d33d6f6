/**
 * The large-deal sign-off on the pack as a fresh start installs it, at desktop size and on a phone:
 * the demo data's large deals in 报价谈判 already wait for the three reviewers; the admin grants
 * the legal-reviewer role to a team manager on the People screen, a
 * deal quoted at 760,000 shows its approval panel (threshold, branches, deciders by name) before
 * anyone tries 进入签约执行, each approver (the tech and service reviewers and the newly granted
 * manager) decides from their approvals page, and the deal moves. Screenshots under
 * docs/screenshots/approvals/, each checked with axe; last, the sign-off in the designer.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedClient } from '../../../apps/web/e2e/api.js';
import { expectAccessible } from '../../../apps/web/e2e/axe.js';
import { launchChromium } from '../../../apps/web/e2e/browser.js';
import {
  dateFromToday,
  type Login,
  loginOf,
  openAs,
  parseLogins,
  pdfFile,
  VIEWPORTS,
  type ViewportName,
} from '../../../apps/web/e2e/journey-kit.js';
import { type RunningServer, startServer } from '../../../apps/web/e2e/server.js';

interface Rec extends Record<string, unknown> {
  id: string;
  stage?: string | null;
  amount?: number | null;
}
interface User {
  id: string;
  email: string;
  name: string;
  roles?: string[];
}

const shots = new URL('../../../docs/screenshots/approvals/', import.meta.url).pathname;
let server: RunningServer;
let browser: Browser;
let admin: SeedClient;
let app: string;
let logins: Login[];

async function shot(page: Page, size: ViewportName, n: number, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({
    path: `${shots}${size}-${String(n).padStart(2, '0')}-${name}.png`,
    fullPage: true,
  });
  await expectAccessible(page, `approvals (${size}) ${name}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `approvals (${size}) ${name}: page width`).toBeLessThanOrEqual(VIEWPORTS[size].width);
}

async function deals(): Promise<Rec[]> {
  const out: Rec[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await admin.call<{ records: Rec[]; total: number }>(
      'GET',
      `/api/apps/${app}/entities/opportunity/records?limit=500&offset=${offset}`,
    );
    out.push(...page.records);
    if (out.length >= page.total || page.records.length === 0) return out;
  }
}
const recordUrl = (id: string) => `${server.url}/#/a/${app}/e/opportunity/r/${id}`;
const currentStage = (page: Page, label: string) =>
  page.locator('.sc-path [aria-current=step]', { hasText: label }).waitFor();

beforeAll(async () => {
  server = await startServer();
  admin = new SeedClient(server.url);
  await admin.login(server.adminEmail, server.adminPassword);
  const { templates } = await admin.call<{ templates: { app: string; installedVersion: string | null }[] }>(
    'GET',
    '/api/templates',
  );
  app = (templates.find((t) => t.installedVersion !== null) as { app: string }).app;
  logins = parseLogins(server.banner);
  browser = await launchChromium();
  // The admin grants the legal-reviewer role to the east team manager on the People screen.
  const manager = loginOf(logins, 'manager');
  const page = await openAs(
    browser,
    server.url,
    { email: server.adminEmail, password: server.adminPassword },
    'desktop',
  );
  await page.goto(`${server.url}/#/admin/people`);
  const card = page.locator('.person-card', { hasText: manager.email });
  await card.getByRole('button', { name: '编辑' }).click();
  const dialog = page.locator('[data-testid=user-dialog]');
  await dialog.getByRole('checkbox', { name: '法务评审' }).check();
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'detached' });
  await card.getByText('法务评审').waitFor();
  await page.context().close();
  const users = (await admin.call<{ users: User[] }>('GET', '/api/users')).users;
  expect(users.find((u) => u.email === manager.email)?.roles).toContain('legalReviewer');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('a fresh start holds pending sign-offs on the demo deals over 500,000 in 报价谈判', async () => {
  const large = (await deals()).filter((d) => d.stage === 'quoteNegotiation' && Number(d.amount) > 500_000);
  expect(large.length).toBeGreaterThan(0);
  const tech = new SeedClient(server.url);
  const login = loginOf(logins, 'techReviewer');
  await tech.login(login.email, login.password);
  const mine = await tech.call<{ approvals: { recordId: string }[] }>('GET', '/api/approvals/waiting');
  expect(new Set(mine.approvals.map((a) => a.recordId))).toEqual(new Set(large.map((d) => d.id)));
});

describe.each(['desktop', 'phone'] as ViewportName[])('large-deal sign-off (%s)', (size) => {
  it('shows the approval before the move, each approver decides from the inbox, the deal moves', async () => {
    let n = 0;
    const page = await openAs(
      browser,
      server.url,
      { email: server.adminEmail, password: server.adminPassword },
      size,
    );
    const candidates = (await deals()).filter((r) => r.stage === 'proposalSubmitted');
    const deal = candidates[size === 'desktop' ? 0 : 1] as Rec;
    await page.goto(recordUrl(deal.id));
    await currentStage(page, '方案提交');
    await page.locator('[data-transition=startNegotiation] button').click();
    const dialog = page.locator('[role=dialog]');
    await dialog.waitFor();
    await dialog.locator('#tr-startNegotiation-amount').fill('760000');
    await dialog
      .locator('#tr-startNegotiation-ev-signedProposalLastPage')
      .setInputFiles(pdfFile('signed-last-page.pdf', 'Signed'));
    await dialog.locator('.sc-file-name', { hasText: 'signed-last-page.pdf' }).waitFor();
    await dialog.locator('button[type=submit]').click();
    await dialog.waitFor({ state: 'detached' });
    await currentStage(page, '报价谈判');

    // The automation starts the sign-off; the panel names the threshold, branches and deciders.
    const panel = page.locator('.sc-approval-state');
    await expect
      .poll(
        async () => {
          await page.reload();
          await currentStage(page, '报价谈判');
          await panel.waitFor();
          return panel.getAttribute('data-approval-status');
        },
        { timeout: 30_000 },
      )
      .toBe('pending');
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain('500,000');
    expect(text).toContain('进入签约执行');
    for (const r of ['techReviewer', 'legalReviewer', 'serviceReviewer', 'manager'])
      expect(text).toContain(loginOf(logins, r).name);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    const contract = page.locator('[data-transition=startContract]');
    await contract.locator('.sc-reasons').waitFor();
    expect(await contract.locator('button').isDisabled()).toBe(true);
    await panel.scrollIntoViewIfNeeded();
    await shot(page, size, ++n, 'panel-pending');

    // Tech, then the newly granted legal reviewer (the manager), then service decide from the inbox.
    for (const role of ['techReviewer', 'manager', 'serviceReviewer']) {
      const reviewer = await openAs(browser, server.url, loginOf(logins, role), size);
      await reviewer.goto(`${server.url}/#/approvals`);
      const item = reviewer.locator('.inbox-item', { has: reviewer.locator(`a[href$="/r/${deal.id}"]`) });
      await item.waitFor();
      await item.locator('input').fill(`${role} 同意`);
      await item.scrollIntoViewIfNeeded();
      await shot(reviewer, size, ++n, `${role}-inbox`);
      await item.locator('button.sc-button-primary').click();
      await item.waitFor({ state: 'detached' });
      await reviewer.context().close();
    }

    await page.reload();
    await page.locator('.sc-approval-state[data-approval-status=approved]').waitFor();
    const run = page.locator('[data-transition=startContract] button:not([disabled])');
    await run.waitFor();
    await shot(page, size, ++n, 'panel-approved');
    await run.click();
    await dialog.waitFor();
    await dialog.locator('#tr-startContract-expectedCloseDate').fill(dateFromToday(14));
    await dialog.locator('button[type=submit]').click();
    await dialog.waitFor({ state: 'detached' });
    await currentStage(page, '签约执行');
    const after = await admin.call<Rec>('GET', `/api/apps/${app}/entities/opportunity/records/${deal.id}`);
    expect(after).toMatchObject({ stage: 'contractExecution', amount: 760000 });

    // The admin finds the sign-off in the designer's Approvals tab, its branches decided by roles.
    await page.goto(`${server.url}/#/a/${app}/admin/design`);
    await page.locator('[data-tab=approvals]').click();
    await page.locator('.sc-approvals-designer select').first().selectOption('opportunity');
    const editor = page.locator('[data-approval=largeDealSignoff]');
    await editor.waitFor();
    expect(await editor.locator('[data-branch]').count()).toBe(3);
    await shot(page, size, ++n, 'designer-approvals');
    await page.context().close();
  });
});
