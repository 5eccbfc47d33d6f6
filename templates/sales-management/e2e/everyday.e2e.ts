/**
 * Everyday journeys on the sales-management pack as `stagecraft start` installs it (default
 * template, demo data, the demo rep's login), at desktop size and on a phone, in zh-CN. Every step
 * is screenshotted under docs/screenshots/everyday/ and checked with axe and for the page width.
 *
 * - the rep's global search finds a deal by a fragment of its customer's name, and never shows a
 *   deal of another rep (not even one whose customer's name holds the same fragment);
 * - the rep opens a customer: its contacts, deals and follow-ups in related lists, one merged
 *   timeline, and a follow-up created from there starts with the customer filled in;
 * - a saved view a rep shares is kept on the server and the manager picks it from the menu;
 * - a bulk transition of 20 deals to 输单 moves those with a loss reason and reports each refused
 *   row with its reason.
 */
import { mkdirSync } from 'node:fs';
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
  saveNew,
  VIEWPORTS,
  type ViewportName,
  waitForNames,
} from '../../../apps/web/e2e/journey-kit.js';
import { type RunningServer, startServer } from '../../../apps/web/e2e/server.js';

interface Rec extends Record<string, unknown> {
  id: string;
  owner: string | null;
  stage?: string | null;
}
type Related = { lists: { entity: string; field: string; total: number }[]; timeline: { entity: string }[] };

const shots = new URL('../../../docs/screenshots/everyday/', import.meta.url).pathname;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

let server: RunningServer;
let browser: Browser;
let admin: SeedClient;
let repClient: SeedClient;
let rep: Login;
let repId: string;
let app: string;

const records = (client: SeedClient, entity: string, query = '') =>
  client
    .call<{ records: Rec[]; total: number }>(
      'GET',
      `/api/apps/${app}/entities/${entity}/records?limit=500${query}`,
    )
    .then((r) => r.records);
const create = (entity: string, values: Record<string, unknown>) =>
  repClient.call<Rec>('POST', `/api/apps/${app}/entities/${entity}/records`, values);

/** A screenshot of the step, axe clean, nothing wider than the screen, no id on screen. */
async function shot(page: Page, journey: string, size: ViewportName, n: number, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: `${shots}${journey}-${size}-${String(n).padStart(2, '0')}-${name}.png` });
  await expectAccessible(page, `${journey} (${size}) step ${n} ${name}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${journey} (${size}) ${name}: page width`).toBeLessThanOrEqual(VIEWPORTS[size].width);
  // biome-ignore lint/performance/useDomNodeTextContent: what is on screen is the point, so the rendered text
  expect(await page.locator('main, .body').first().innerText()).not.toMatch(UUID);
}

beforeAll(async () => {
  server = await startServer();
  admin = new SeedClient(server.url);
  await admin.login(server.adminEmail, server.adminPassword);
  const { templates } = await admin.call<{ templates: { app: string; installedVersion: string | null }[] }>(
    'GET',
    '/api/templates',
  );
  app = (templates.find((t) => t.installedVersion !== null) as { app: string }).app;
  rep = loginOf(parseLogins(server.banner), 'member');
  repClient = new SeedClient(server.url);
  await repClient.login(rep.email, rep.password);
  const { users } = await admin.call<{ users: { id: string; email: string }[] }>('GET', '/api/users');
  repId = (users.find((u) => u.email === rep.email) as { id: string }).id;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.each(['desktop', 'phone'] as ViewportName[])('everyday journeys (%s)', (size) => {
  it('rep: global search finds a deal by a fragment of its customer’s name, never another rep’s deal', async () => {
    // Another rep's deal and its customer: the rep's own customer gets a name with the same fragment.
    const allDeals = await records(admin, 'opportunity');
    const accounts = new Map((await records(admin, 'account')).map((a) => [a.id, a]));
    const foreign = allDeals.find(
      (d) => d.owner !== repId && String(accounts.get(String(d.account))?.accountName ?? '').length >= 4,
    );
    if (!foreign) throw new Error('the demo data has no deal of another rep');
    const fragment = String(accounts.get(String(foreign.account))?.accountName).slice(0, 4);
    const customer = await create('account', {
      accountName: `${fragment}${size === 'phone' ? '移动' : '桌面'}实业`,
      phone: size === 'phone' ? '13800000002' : '13800000001',
    });
    const deal = await create('opportunity', { dealName: `搜索验证商机（${size}）`, account: customer.id });
    const mine = new Set((await records(repClient, 'opportunity')).map((d) => d.id));

    const page = await openAs(browser, server.url, rep, size);
    const J = 'global-search';
    await page.goto(`${server.url}/#/a/${app}/v/opportunityList`);
    await page.waitForSelector('.sc-body-row');
    const box = page.locator('.global-search-input');
    await box.fill(fragment);
    const panel = page.locator('.global-search-panel');
    const deals = panel.locator('[data-entity=opportunity]');
    await deals.locator('a', { hasText: String(deal.dealName) }).waitFor();
    await panel.locator('[data-entity=account] a', { hasText: String(customer.accountName) }).waitFor();
    await shot(page, J, size, 1, 'results');
    // every deal hit is the rep's own: the other rep's deal on a customer named alike is not there
    const hrefs = await deals.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const h of hrefs) expect(mine.has(h.split('/r/')[1] as string), h).toBe(true);
    expect(hrefs.some((h) => h.endsWith(`/r/${foreign.id}`))).toBe(false);
    // the API agrees over all hits, not only the first page the panel shows
    const api = await repClient.call<{ groups: { entity: string; records: { id: string }[] }[] }>(
      'GET',
      `/api/apps/${app}/search?q=${encodeURIComponent(fragment)}&limit=50`,
    );
    const apiDeals = api.groups.find((g) => g.entity === 'opportunity')?.records ?? [];
    expect(apiDeals.map((d) => d.id)).toContain(deal.id);
    for (const d of apiDeals) expect(mine.has(d.id)).toBe(true);

    await deals.locator('a', { hasText: String(deal.dealName) }).click();
    await page.waitForURL(new RegExp(`/e/opportunity/r/${deal.id}`));
    // the deal's customer is a link, named, on the record page
    const link = page.locator('.sc-details a.sc-ref-link', { hasText: String(customer.accountName) });
    await link.waitFor();
    await shot(page, J, size, 2, 'deal-opened');
    await link.click();
    await page.waitForURL(new RegExp(`/e/account/r/${customer.id}`));
    await page.context().close();
  });

  it('rep: a customer shows its contacts, deals and follow-ups and one timeline; a follow-up made there names it', async () => {
    // a customer of the rep's with contacts, deals and follow-ups in the demo data
    let account: Rec | undefined;
    for (const a of await records(repClient, 'account')) {
      const r = await repClient.call<Related>(
        'GET',
        `/api/apps/${app}/entities/account/records/${a.id}/related`,
      );
      const total = (e: string) => r.lists.filter((l) => l.entity === e).reduce((n, l) => n + l.total, 0);
      if (total('contact') > 0 && total('opportunity') > 0 && total('followUp') > 0) {
        account = a;
        break;
      }
    }
    if (!account) throw new Error('no customer of the rep has contacts, deals and follow-ups');
    const page = await openAs(browser, server.url, rep, size);
    const J = 'customer-360';
    await page.goto(`${server.url}/#/a/${app}/e/account/r/${account.id}`);
    const related = page.locator('.sc-related-card');
    for (const e of ['contact', 'opportunity', 'followUp'])
      await related.locator(`[data-entity=${e}] li a.sc-ref-link`).first().waitFor();
    const timeline = page.locator('.sc-activity-card .sc-related-timeline');
    await timeline.locator('li').first().waitFor();
    await waitForNames(page, '.sc-related-card, .sc-activity-card');
    // one timeline holds entries of several related entities
    const kinds = new Set(
      await timeline.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-entity'))),
    );
    expect(kinds.size).toBeGreaterThan(1);
    await shot(page, J, size, 1, 'customer-related');
    await related.scrollIntoViewIfNeeded();
    await shot(page, J, size, 2, 'related-lists');

    // "在此新建跟进记录" opens the follow-up form with the customer already picked
    const newHere = related.locator('[data-entity=followUp][data-field=relatedAccount] a.sc-link');
    await newHere.click();
    await page.waitForURL(/\/e\/followUp\/new/);
    const form = page.locator('form.sc-form');
    await form
      .locator('[data-field=relatedAccount] .sc-picked-label', { hasText: String(account.accountName) })
      .waitFor();
    await shot(page, J, size, 3, 'follow-up-prefilled');
    await form.locator('[data-field=followUpType] select').selectOption({ index: 1 });
    await form.locator('[data-field=followUpNote] textarea').fill(`电话回访，客户认可方案（${size}）`);
    const id = await saveNew(page, 'followUp');
    const saved = await repClient.call<Rec>('GET', `/api/apps/${app}/entities/followUp/records/${id}`);
    expect(saved.relatedAccount).toBe(account.id);
    // back on the customer, the new follow-up is listed and is the newest entry of the timeline
    await page.goto(`${server.url}/#/a/${app}/e/account/r/${account.id}`);
    await related.locator(`[data-entity=followUp] a[href$="/r/${id}"]`).waitFor();
    await timeline.locator('li').first().locator(`a[href$="/r/${id}"]`).waitFor();
    await waitForNames(page, '.sc-related-card, .sc-activity-card');
    await shot(page, J, size, 4, 'follow-up-listed');
    await page.context().close();
  });

  it('rep: shares a saved view of the deal list; the manager finds it on the server and applies it', async () => {
    const name = `我的华东商机（${size}）`;
    const page = await openAs(browser, server.url, rep, size);
    const J = 'saved-views';
    await page.goto(`${server.url}/#/a/${app}/v/opportunityList`);
    await page.locator('.sc-body-row').first().waitFor();
    const unfiltered = await page.locator('.sc-table').getAttribute('aria-rowcount');
    await page.locator('.sc-list .sc-search').fill('ERP');
    // the view is saved from the list's applied search: wait for the filtered total, not for any row
    await page.waitForFunction(
      (before) => document.querySelector('.sc-table')?.getAttribute('aria-rowcount') !== before,
      unfiltered,
    );
    await page.locator('.sc-body-row').first().waitFor();
    await page.getByRole('button', { name: '已保存视图' }).click();
    const menu = page.locator('.sc-saved .sc-popover', { has: page.locator('form') });
    await menu.locator('input.sc-input').fill(name);
    await menu.locator('input[type=checkbox]').check();
    await menu.locator('button[type=submit]').click();
    await menu.locator('li[data-shared=true]', { hasText: name }).waitFor();
    await shot(page, J, size, 1, 'rep-shared');
    await page.context().close();

    const manager = await openAs(browser, server.url, loginOf(parseLogins(server.banner), 'manager'), size);
    await manager.goto(`${server.url}/#/a/${app}/v/opportunityList`);
    await manager.locator('.sc-body-row').first().waitFor();
    await manager.getByRole('button', { name: '已保存视图' }).click();
    const entry = manager.locator('.sc-saved li[data-shared]', { hasText: name });
    await entry.locator('.sc-muted', { hasText: '共享' }).waitFor();
    // the manager may use it, not delete it
    expect(await entry.locator('button[aria-label^="删除"]').count()).toBe(0);
    await shot(manager, J, size, 2, 'manager-menu');
    await entry.locator('button.sc-link').first().click();
    await manager.waitForFunction(
      () => (document.querySelector('.sc-list .sc-search') as HTMLInputElement | null)?.value === 'ERP',
    );
    await manager.context().close();
  });

  it('rep: a bulk transition of 20 deals moves the ready ones and reports each refused row with its reason', async () => {
    const [account] = await records(repClient, 'account');
    if (!account) throw new Error('the rep sees no account');
    const tag = `批量验证-${size}`;
    const made: Rec[] = [];
    for (let i = 1; i <= 20; i++)
      made.push(
        await create('opportunity', {
          dealName: `${tag}-${String(i).padStart(2, '0')}`,
          account: account.id,
          // 12 carry a loss reason, 8 do not: moving to 输单 needs one
          ...(i <= 12 ? { dealLossReason: 'price' } : {}),
        }),
      );
    const page = await openAs(browser, server.url, rep, size);
    const J = 'bulk-transition';
    await page.goto(`${server.url}/#/a/${app}/v/opportunityList`);
    await page.locator('.sc-list .sc-search').fill(tag);
    await page.locator('.sc-pager', { hasText: '20' }).waitFor();
    await page.locator('.sc-head input[type=checkbox]').check();
    await page.locator('.sc-bulk-bar', { hasText: '20' }).waitFor();
    await waitForNames(page, '.sc-body-row');
    await shot(page, J, size, 1, 'selected');
    await page.locator('.sc-bulk-bar select').first().selectOption({ label: '输单' });
    const report = page.locator('.sc-bulk-report');
    await report.locator('strong', { hasText: '12 条成功，8 条被拒绝' }).waitFor();
    await waitForNames(page, '.sc-bulk-report');
    const refused = report.locator('li.sc-bulk-refused');
    expect(await refused.count()).toBe(8);
    for (const text of await refused.locator('.sc-bulk-reason').allInnerTexts())
      expect(text).toContain('需要填写输单原因');
    expect(await report.locator('li.sc-bulk-done').count()).toBe(12);
    await shot(page, J, size, 2, 'report');

    const after = await records(repClient, 'opportunity', `&search=${encodeURIComponent(tag)}`);
    expect(after).toHaveLength(20);
    for (const d of after) {
      const ready = made.findIndex((m) => m.id === d.id) < 12;
      expect(d.stage, String(d.dealName)).toBe(ready ? 'closedLost' : 'initialContact');
    }
    await page.context().close();
  });
});
