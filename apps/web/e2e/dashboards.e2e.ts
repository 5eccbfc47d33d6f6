/**
 * Dashboards in real Chromium against the built server on PGlite with the default sales-management
 * template and its demo data: open the cockpit, drill from the funnel into one step's records
 * (the list's total equals the number the funnel shows for that step), build a widget in the
 * designer (form → live preview → drag on the grid → autosave → undo). Screenshots go to docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SeedClient } from './api.js';
import { launchChromium, signIn } from './browser.js';
import { type RunningServer, startServer } from './server.js';

const shots = new URL('../../../docs/screenshots/', import.meta.url).pathname;
let server: RunningServer;
let browser: Browser;
let seed: SeedClient;
let app = '';
let dashboard = '';

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer();
  seed = new SeedClient(server.url);
  await seed.login(server.adminEmail, server.adminPassword);
  // The default install put a template app with a dashboard in place; find it through the API.
  const apps = await seed.call<{ apps?: { id: string }[] } | { id: string }[]>('GET', '/api/apps');
  const list = Array.isArray(apps) ? apps : (apps.apps ?? []);
  for (const a of list) {
    const boards = await seed
      .call<{ dashboards: { id: string }[] }>('GET', `/api/apps/${a.id}/dashboards`)
      .catch(() => ({ dashboards: [] }));
    if (boards.dashboards[0]) {
      app = a.id;
      dashboard = boards.dashboards[0].id;
      break;
    }
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openPage(width = 1400, height = 1000): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  const page = await context.newPage();
  await signIn(page, server.url, server.adminEmail, server.adminPassword);
  return page;
}

it('opens the sales dashboard and drills from the funnel into one stage’s records', async () => {
  expect(app, 'the default install provides an app with a dashboard').not.toBe('');
  const page = await openPage();
  await page.goto(`${server.url}/#/a/${app}/d/${dashboard}`);
  const funnel = page.locator('.sc-widget-funnel .sc-chart[data-ready=true]').first();
  await funnel.waitFor({ timeout: 60_000 });
  await page.locator('[data-testid^=kpi-]').first().waitFor();
  await page.waitForTimeout(800); // echarts' entry animation, for a legible screenshot only
  await page.screenshot({ path: `${shots}dashboard-cockpit.png`, fullPage: true });

  const box = await funnel.boundingBox();
  if (!box) throw new Error('funnel not visible');
  // The funnel's steps as the page got them; the chart draws the first measure.
  const data = await seed.call<{
    dashboard: { widgets: { id: string; chart: string; measures: { id: string }[] }[] };
    data: {
      widget: string;
      rows: Record<string, unknown>[];
      labels: Record<string, Record<string, { 'zh-CN'?: string }>>;
    }[];
  }>('GET', `/api/apps/${app}/dashboards/${dashboard}`);
  const funnelWidget = data.dashboard.widgets.find((w) => w.chart === 'funnel');
  const funnelData = data.data.find((d) => d.widget === funnelWidget?.id);
  const rows = funnelData?.rows ?? [];
  const measure = funnelWidget?.measures[0]?.id ?? '';
  // The second step: past the initial stage, "reached" and "in it now" are different sets. The
  // steps are bands of equal height below each other (the series starts 8 px down).
  const k = 1;
  expect(rows.length).toBeGreaterThan(k);
  const label = funnelData?.labels.stage?.[String(rows[k]?.stage)]?.['zh-CN'] ?? '';
  expect(label).not.toBe('');
  const at = { x: box.x + box.width / 2, y: box.y + 8 + ((box.height - 16) / rows.length) * (k + 0.5) };
  // The number the funnel shows for the step, read from its tooltip.
  await page.mouse.move(at.x, at.y);
  const tooltip = page.locator('.sc-widget-funnel .sc-chart div', { hasText: label }).last();
  await tooltip.waitFor({ timeout: 10_000 });
  const tip = ((await tooltip.textContent()) ?? '').replaceAll(',', '');
  const stepNumber = Number(/(\d+)\s*$/.exec(tip.slice(tip.indexOf(label) + label.length))?.[1]);
  expect(stepNumber).toBe(Number(rows[k]?.[measure]));
  expect(stepNumber).toBeGreaterThan(0);
  await page.mouse.click(at.x, at.y);
  const panel = page.locator('.sc-drill-records');
  await panel.waitFor({ timeout: 30_000 });
  await panel.locator('li').first().waitFor();
  const totalText = (await panel.locator('.sc-muted').first().textContent()) ?? '';
  const shown = Number(/(\d+)/.exec(totalText)?.[1]);
  // The drill list names exactly the records the clicked step counted.
  expect(shown).toBe(stepNumber);
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}dashboard-drill-records.png`, fullPage: true });

  // Phone: one column.
  const phone = await openPage(390, 844);
  await phone.goto(`${server.url}/#/a/${app}/d/${dashboard}`);
  await phone.locator('.sc-widget-funnel .sc-chart[data-ready=true]').first().waitFor({ timeout: 60_000 });
  const widths = await phone
    .locator('.sc-widget')
    .evaluateAll((els) => els.slice(0, 3).map((e) => e.getBoundingClientRect().width));
  for (const w of widths) expect(w).toBeGreaterThan(300);
  await phone.screenshot({ path: `${shots}dashboard-phone.png` });
});

it('builds a new widget in the dashboard designer: form, live preview, drag, autosave, undo', async () => {
  const page = await openPage();
  await page.goto(`${server.url}/#/a/${app}/admin/dashboards/${dashboard}`);
  const form = page.locator('.sc-widget-form');
  await form.waitFor({ timeout: 60_000 });
  const before = await page.locator('.sc-design-tile').count();
  await form.locator('input[name=label]').fill('按阶段商机数');
  const entity = await form
    .locator('select[name=entity] option')
    .evaluateAll((os) => (os as HTMLOptionElement[]).map((o) => o.value));
  // The entity with a stage machine is the one the funnel reads; pick the first entity the funnel names.
  const cockpit = await seed.call<{ dashboard: { widgets: { chart: string; entity: string }[] } }>(
    'GET',
    `/api/apps/${app}/dashboards/${dashboard}`,
  );
  const target = cockpit.dashboard.widgets.find((w) => w.chart === 'funnel')?.entity ?? entity[0] ?? '';
  await form.locator('select[name=entity]').selectOption(target);
  await form.locator('select[name=op]').selectOption('count');
  await form.locator('select[name=dimension]').selectOption('stage');
  await form.locator('select[name=chart]').selectOption('pie');
  await form.locator('button[type=submit]').click();
  const tile = page.locator('.sc-design-tile').nth(before);
  await tile.locator('.sc-chart[data-ready=true]').waitFor({ timeout: 60_000 });
  const id = await tile.getAttribute('data-widget');
  expect(id).toBeTruthy();

  // Drag the new tile three columns to the right by its handle.
  const handle = tile.locator('.sc-drag-handle');
  await handle.scrollIntoViewIfNeeded();
  const a = await handle.boundingBox();
  const grid = await page.locator('.sc-design-grid').boundingBox();
  if (!a || !grid) throw new Error('tile not visible');
  const cell = (grid.width + 12) / 12;
  await page.mouse.move(a.x + 20, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + 30, a.y + a.height / 2, { steps: 4 });
  await page.mouse.move(a.x + 20 + cell * 3, a.y + a.height / 2, { steps: 15 });
  await page.mouse.up();

  // Every edit is a DesignerCore command: autosaved with the draft's revision, undoable.
  type Draft = {
    definition: {
      dashboards: {
        id: string;
        widgets: { id: string; chart: string; layout: { x: number }; dimensions: { field: string }[] }[];
      }[];
    };
  };
  const savedWidget = async () =>
    (await seed.call<Draft>('GET', `/api/apps/${app}/draft`)).definition.dashboards
      .find((d) => d.id === dashboard)
      ?.widgets.find((w) => w.id === id);
  await expect.poll(async () => (await savedWidget())?.layout.x, { timeout: 30_000 }).toBe(3);
  const status = page.locator('.sc-save-status');
  await expect
    .poll(async () => `${await status.getAttribute('data-state')}: ${await status.textContent()}`)
    .toMatch(/^saved: 已保存/);
  expect(await savedWidget()).toMatchObject({ chart: 'pie', dimensions: [{ field: 'stage' }] });
  await page.screenshot({ path: `${shots}dashboard-designer.png`, fullPage: true });

  await page.getByRole('button', { name: '↶ 撤销' }).click();
  await expect.poll(async () => (await savedWidget())?.layout.x, { timeout: 30_000 }).toBe(0);
  await page.getByRole('button', { name: '↶ 撤销' }).click();
  await expect.poll(async () => (await savedWidget()) ?? null, { timeout: 30_000 }).toBeNull();
  await expect.poll(() => page.locator('.sc-design-tile').count(), { timeout: 30_000 }).toBe(before);
});
