/**
 * Issue 15 item 9 in Chromium: a fresh workspace installs sales-management 1.0.0 (from the pack's
 * history) with demo data; the admin adds a field to the deal form in the designer, relabels the
 * form (through the draft API: the designer has no form-label input) and publishes; the templates
 * page offers 1.1.0 and upgrades; the added field, the relabelled form and every record remain, and
 * 1.1.0's new field arrives. Screenshots go to docs/screenshots/upgrades/.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SeedClient } from '../../../apps/web/e2e/api.js';
import { launchChromium, signIn } from '../../../apps/web/e2e/browser.js';
import { type RunningServer, startServer } from '../../../apps/web/e2e/server.js';

const shots = new URL('../../../docs/screenshots/upgrades/', import.meta.url).pathname;
const PACK = 'sales-management';
const OUR_FORM = { 'zh-CN': '我们的商机表', en: 'Our deal sheet' };

interface Doc {
  entities: { id: string; fields: Record<string, unknown>[] }[];
  forms: { id: string; entity: string; label: Record<string, string>; sections: { items: unknown[] }[] }[];
}

let server: RunningServer;
let browser: Browser;
let admin: SeedClient;
let app: string;

beforeAll(async () => {
  // No pack on the first start: the test installs the old version itself.
  server = await startServer({ env: { DEFAULT_TEMPLATE: 'none' } });
  admin = new SeedClient(server.url);
  await admin.login(server.adminEmail, server.adminPassword);
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function recordCounts(entities: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const e of entities)
    out[e] = (
      await admin.call<{ total: number }>('GET', `/api/apps/${app}/entities/${e}/records?limit=1`)
    ).total;
  return out;
}

it('upgrades 1.0.0 → 1.1.0 from the templates page, keeping an added field, a relabelled form and every record', async () => {
  const installed = await admin.call<{ app: string; version: string }>(
    'POST',
    `/api/templates/${PACK}/install`,
    {
      version: '1.0.0',
      demo: true,
      scale: 40,
    },
  );
  expect(installed.version).toBe('1.0.0');
  app = installed.app;

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  await context.addInitScript(() => localStorage.setItem('stagecraft:locale', 'en'));
  const page: Page = await context.newPage();
  await signIn(page, server.url, server.adminEmail, server.adminPassword);

  // The admin adds a field of their own to the deal form in the designer (keyboard: a palette type
  // and Enter), and names it.
  await page.goto(`${server.url}/#/a/${app}/admin/design`);
  await page.waitForSelector('.sc-designer');
  await page.selectOption('select[aria-label="Entity"]', 'opportunity');
  await page.focus('.sc-palette-item[data-type="text"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.sc-canvas-item[data-item="text1"]');
  await expect
    .poll(async () => {
      await page.click('.sc-canvas-item[data-item="text1"] .sc-canvas-field');
      return page.locator('.sc-canvas-item.selected[data-item="text1"]').count();
    })
    .toBe(1);
  for (const [which, text] of [
    ['Label (English)', 'Internal note'],
    ['Label (中文)', '内部备注'],
  ] as const) {
    const input = page.locator('.sc-properties label', { hasText: which }).locator('input');
    await input.fill(text);
    await input.press('Enter');
  }
  await page.waitForSelector('.sc-save-status[data-state="saved"]');
  await page.screenshot({ path: `${shots}upgrade-00-admin-field.png` });

  // …relabels the deal form (the designer has no form-label input yet: through the draft API, as the
  // JSON tab would) and publishes.
  const draft = await admin.call<{ revision: number; definition: Doc }>('GET', `/api/apps/${app}/draft`);
  const doc = draft.definition;
  const form = doc.forms.find((f) => f.entity === 'opportunity');
  if (!form) throw new Error('no deal form');
  expect(doc.entities.find((e) => e.id === 'opportunity')?.fields.map((f) => f.id)).toContain('text1');
  form.label = OUR_FORM;
  await admin.call('PUT', `/api/apps/${app}/draft`, { definition: doc, baseRevision: draft.revision });
  await admin.call('POST', `/api/apps/${app}/publish`, { note: 'our edits' });
  const entities = doc.entities.map((e) => e.id);
  const before = await recordCounts(entities);
  expect(before.opportunity).toBeGreaterThan(0);

  await page.goto(`${server.url}/#/templates`);
  const card = page.locator(`.tpl-card[data-template="${PACK}"]`);
  // The card offers the upgrade: installed 1.0.0, 1.1.0 available.
  await page.locator(`.tpl-card[data-template="${PACK}"][data-state="upgradable"]`).waitFor();
  expect(await card.locator('.tpl-status').textContent()).toContain('1.0.0');
  await page.screenshot({ path: `${shots}upgrade-01-available.png` });
  await card.locator('.tpl-actions button').click();
  const result = card.locator('.tpl-result[data-status="upgraded"]');
  await result.waitFor();
  expect(await result.textContent()).toContain('1.1.0');
  // The gallery reloads: the card now says 1.1.0 is installed, and the outcome stays shown.
  await page.locator(`.tpl-card[data-template="${PACK}"][data-state="current"]`).waitFor();
  await result.waitFor();
  await page.screenshot({ path: `${shots}upgrade-02-upgraded.png` });

  // Every record stayed.
  expect(await recordCounts(entities)).toEqual(before);

  // The new deal form: relabelled, with the admin's field and 1.1.0's new field.
  await page.goto(`${server.url}/#/a/${app}/e/opportunity/new`);
  const formEl = page.locator(`[aria-label="${OUR_FORM.en}"]`);
  await formEl.waitFor();
  await page.getByText('Internal note', { exact: true }).first().waitFor();
  await page.getByText('Next step', { exact: true }).first().waitFor();
  await page.screenshot({ path: `${shots}upgrade-03-deal-form.png`, fullPage: true });

  // The templates page at phone size.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}/#/templates`);
  await page.locator(`.tpl-card[data-template="${PACK}"][data-state="current"]`).waitFor();
  await page.screenshot({ path: `${shots}upgrade-04-phone.png` });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await context.close();
});
