/**
 * The people journey on the sales-management pack as `stagecraft start` installs it, at desktop and
 * phone size, in zh-CN: the admin creates a rep in a team with the pack's rep role (销售代表) and a
 * manager, and is shown the one-time password once; the rep signs in with it, meets the forced
 * password change (nothing else is shown), chooses a password, and then sees only their own deal,
 * none of the demo reps' deals. Screenshots go to docs/screenshots/people/, each step checked with
 * axe and for a page no wider than the screen.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedClient } from '../../../apps/web/e2e/api.js';
import { expectAccessible } from '../../../apps/web/e2e/axe.js';
import { launchChromium } from '../../../apps/web/e2e/browser.js';
import { VIEWPORTS, type ViewportName } from '../../../apps/web/e2e/journey-kit.js';
import { type RunningServer, startServer } from '../../../apps/web/e2e/server.js';

const shots = new URL('../../../docs/screenshots/people/', import.meta.url).pathname;

interface Rec {
  id: string;
  owner: string | null;
  dealName?: string;
}
interface Unit {
  id: string;
  name: string;
  level: number;
  parentId: string | null;
}
interface User {
  id: string;
  email: string;
  name: string;
  roles: string[];
  orgUnitId: string | null;
  managerId: string | null;
}

let server: RunningServer;
let browser: Browser;
let admin: SeedClient;
let app: string;

beforeAll(async () => {
  server = await startServer();
  admin = new SeedClient(server.url);
  await admin.login(server.adminEmail, server.adminPassword);
  const { templates } = await admin.call<{ templates: { app: string; installedVersion: string | null }[] }>(
    'GET',
    '/api/templates',
  );
  app = (templates.find((t) => t.installedVersion !== null) as { app: string }).app;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function shot(page: Page, size: ViewportName, n: number, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: `${shots}people-${size}-${String(n).padStart(2, '0')}-${name}.png` });
  await expectAccessible(page, `people (${size}) step ${n} ${name}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `people (${size}) step ${n} ${name}: page width`).toBeLessThanOrEqual(VIEWPORTS[size].width);
}

async function newPage(size: ViewportName): Promise<Page> {
  const phone = size === 'phone';
  const context = await browser.newContext({
    viewport: VIEWPORTS[size],
    locale: 'zh-CN',
    ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 1 } : {}),
    timezoneId: 'Asia/Shanghai',
  });
  return context.newPage();
}

async function typeLogin(page: Page, email: string, password: string): Promise<void> {
  await page.goto(server.url);
  await page.fill('#login-email', email);
  await page.fill('#login-password', password);
  await page.click('.login-card button[type=submit]');
}

describe.each(['desktop', 'phone'] as ViewportName[])('people journey (%s)', (size) => {
  it('admin creates a rep in a team; the rep changes the one-time password and sees only own deals', async () => {
    const units = (await admin.call<{ orgUnits: Unit[] }>('GET', '/api/org-units')).orgUnits;
    const team = units.find((u) => u.level === 2);
    if (!team) throw new Error('the demo org tree has no team');
    const users = (await admin.call<{ users: User[] }>('GET', '/api/users')).users;
    // The team's own manager when the demo has one there, else the region's, else any manager.
    const managers = users.filter((u) => u.roles.includes('manager'));
    const manager =
      managers.find((u) => u.orgUnitId === team.id) ??
      managers.find((u) => u.orgUnitId === team.parentId) ??
      managers[0];
    if (!manager) throw new Error('the demo has no manager');
    const email = `new.rep.${size}@demo.test`;
    const name = size === 'phone' ? '周新' : '陈新';
    let n = 0;

    // The admin: People, then a new user in the team with the rep role and a manager.
    const page = await newPage(size);
    await typeLogin(page, server.adminEmail, server.adminPassword);
    await page.waitForSelector('.topbar');
    await page.goto(`${server.url}/#/admin/people`);
    await page.locator('[data-testid=people-list] .person-card').first().waitFor();
    await shot(page, size, ++n, 'people-list');
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.locator('[data-testid=user-dialog]');
    await dialog.waitFor();
    await page.fill('#person-name', name);
    await page.fill('#person-email', email);
    // The pack names the member role 销售代表; it is ticked for a new user.
    expect(await dialog.getByRole('checkbox', { name: '销售代表' }).isChecked()).toBe(true);
    await expect.poll(() => dialog.getByRole('checkbox', { name: '技术评审' }).count()).toBe(1);
    await page.selectOption('#person-unit', team.id);
    await page.selectOption('#person-manager', manager.id);
    await shot(page, size, ++n, 'new-user');
    await dialog.getByRole('button', { name: '创建' }).click();
    const code = page.locator('[data-testid=one-time-password] code');
    await code.waitFor();
    const oneTime = (await code.textContent())?.trim() ?? '';
    expect(oneTime).toMatch(/^\S{18}$/);
    await shot(page, size, ++n, 'one-time-password');
    await page.getByRole('button', { name: '关闭' }).click();
    const card = page.locator('.person-card', { hasText: email });
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain(team.name);
    await expect.poll(() => card.textContent()).toContain('需修改密码');
    await page.getByRole('tab', { name: '组织架构' }).click();
    await page.locator('[data-testid=org-tree] .org-unit').first().waitFor();
    await shot(page, size, ++n, 'org-tree');

    const rep = (await admin.call<{ users: User[] }>('GET', '/api/users')).users.find(
      (u) => u.email === email,
    );
    if (!rep) throw new Error('the new rep is not in the list');
    expect(rep).toMatchObject({ roles: ['member'], orgUnitId: team.id, managerId: manager.id });
    const dealName = `${name}的第一个商机`;

    // The rep: the one-time password leads to the forced change and nothing else.
    const repPage = await newPage(size);
    await typeLogin(repPage, email, oneTime);
    await repPage.locator('[data-testid=change-password]').waitFor();
    expect(await repPage.locator('.topbar').count()).toBe(0);
    await shot(repPage, size, ++n, 'forced-change');
    await repPage.fill('#pw-current', oneTime);
    await repPage.fill('#pw-new', '12345678901');
    await repPage.fill('#pw-repeat', '12345678901');
    await repPage.getByRole('button', { name: '修改密码' }).click();
    await repPage.locator('.sc-error', { hasText: '常见密码' }).waitFor();
    await shot(repPage, size, ++n, 'refused-common');
    const chosen = `Harbour-Kite-${size}-2026`;
    await repPage.fill('#pw-new', chosen);
    await repPage.fill('#pw-repeat', chosen);
    await repPage.getByRole('button', { name: '修改密码' }).click();
    await repPage.waitForSelector('.topbar');

    // A customer and a deal of their own, so "only their own" has something to show.
    const repApi = new SeedClient(server.url);
    await repApi.login(email, chosen);
    const account = await repApi.call<{ id: string }>('POST', `/api/apps/${app}/entities/account/records`, {
      accountName: `${name}的客户`,
      phone: size === 'phone' ? '13800138002' : '13800138001',
    });
    await repApi.call('POST', `/api/apps/${app}/entities/opportunity/records`, {
      dealName,
      account: account.id,
    });

    // Only their own deal, in the list and through the API.
    await repPage.goto(`${server.url}/#/a/${app}/v/opportunityList`);
    await repPage.locator('.sc-body-row', { hasText: `${name}的客户` }).waitFor();
    await shot(repPage, size, ++n, 'own-deals');
    expect(await repPage.locator('.sc-body-row').count()).toBe(1);
    const seen = await repApi.call<{ records: Rec[]; total: number }>(
      'GET',
      `/api/apps/${app}/entities/opportunity/records?limit=500`,
    );
    expect(seen.records.map((r) => r.owner)).toEqual([rep.id]);
    const all = await admin.call<{ total: number }>(
      'GET',
      `/api/apps/${app}/entities/opportunity/records?limit=1`,
    );
    expect(all.total).toBeGreaterThan(1);
    await page.context().close();
    await repPage.context().close();
  });
});
