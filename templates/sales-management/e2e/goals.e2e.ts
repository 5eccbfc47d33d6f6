/**
 * Goals, forecast and KPI scorecards as pages on the pack as a fresh start installs it, at desktop
 * size and on a phone: the goal tree's year row shows the actual computed from the won deals (the
 * same sum the records give) and a 15 % deviation flag somewhere in the tree; the heat map drills
 * into a team's weeks; the forecast page shows accuracy per rep as figures on the demo history,
 * with names; the scorecard names its reps. A rep sees only their own accuracy line. Screenshots
 * under docs/screenshots/goals/, each checked with axe and for page width.
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
  VIEWPORTS,
  type ViewportName,
} from '../../../apps/web/e2e/journey-kit.js';
import { type RunningServer, startServer } from '../../../apps/web/e2e/server.js';

const shots = new URL('../../../docs/screenshots/goals/', import.meta.url).pathname;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/;
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
  await expectAccessible(page, `goals (${size}) ${name}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `goals (${size}) ${name}: page width`).toBeLessThanOrEqual(VIEWPORTS[size].width);
  expect((await page.locator('main').textContent()) ?? '').not.toMatch(UUID);
}

/** The sum of the won deals signed this year, read from the records as the admin sees them. */
async function wonThisYear(): Promise<number> {
  const year = new Date().getFullYear();
  let sum = 0;
  for (let offset = 0; ; offset += 500) {
    const page = await admin.call<{ records: Record<string, unknown>[]; total: number }>(
      'GET',
      `/api/apps/${app}/entities/opportunity/records?limit=500&offset=${offset}`,
    );
    for (const r of page.records)
      if (r.stage === 'closedWon' && String(r.signedDate ?? '').startsWith(String(year)))
        sum += Number(r.amount ?? 0);
    if (offset + 500 >= page.total || page.records.length === 0) return sum;
  }
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
  logins = parseLogins(server.banner);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.each(['desktop', 'phone'] as ViewportName[])('goals, forecast and scorecards (%s)', (size) => {
  it('shows a deviation flag computed from records, accuracy per rep in figures, named scorecards', async () => {
    let n = 0;
    const page = await openAs(
      browser,
      server.url,
      { email: server.adminEmail, password: server.adminPassword },
      size,
    );
    await page.goto(`${server.url}/#/a/${app}/p/goals`);
    await page.locator('.perf-picker select').selectOption({ label: '签约金额目标' });
    const year = page.locator('.goal-node[data-period=year] > .goal-row');
    await year.waitFor();
    // The year's actual is the won amount the records hold, not a typed number.
    const expected = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 }).format(await wonThisYear());
    await expect.poll(() => year.locator('[data-testid=goal-actual]').textContent()).toBe(expected);
    const flags = page.locator('[data-testid=goal-tree] [data-testid=deviation-flag]');
    await flags.first().waitFor();
    expect((await flags.first().textContent()) ?? '').toMatch(/偏差 [+-]?\d+ %/);
    await page.locator('[data-testid=goal-heatmap]').waitFor();
    await shot(page, size, ++n, 'goal-tree');
    // Drill from the heat map into a team's weeks of a month.
    await page
      .locator(
        '[data-testid=goal-heatmap] td.heat-behind button, [data-testid=goal-heatmap] td.heat-on_track button, [data-testid=goal-heatmap] td.heat-ahead button',
      )
      .first()
      .click();
    await page.locator('[data-testid=heat-drill] li').first().waitFor();
    await shot(page, size, ++n, 'heatmap-drill');

    await page.goto(`${server.url}/#/a/${app}/p/forecast`);
    const reps = page.locator('[data-testid=accuracy-per-rep] tbody tr');
    await reps.first().waitFor();
    expect(await reps.count()).toBeGreaterThan(5);
    const figures = await page.locator('[data-testid=rep-accuracy]').allInnerTexts();
    expect(figures.filter((f) => /^\d+%$/.test(f)).length).toBeGreaterThan(5);
    await page.locator('[data-testid=weighted-pipeline] tbody tr').first().waitFor();
    await shot(page, size, ++n, 'forecast');

    await page.goto(`${server.url}/#/a/${app}/p/scorecards`);
    await page.locator('[data-testid=scorecard-lines] tbody tr').first().waitFor();
    // the scorecard's role by the pack's name for it, never its id
    const scoreText = (await page.locator('.scorecard-panel').textContent()) ?? '';
    expect(scoreText).toContain('销售代表');
    expect(scoreText).not.toMatch(/角色：member/);
    await shot(page, size, ++n, 'scorecard');
    await page.context().close();
  });
});

it('a rep sees only their own accuracy line', async () => {
  const page = await openAs(browser, server.url, loginOf(logins, 'member'), 'phone');
  await page.goto(`${server.url}/#/a/${app}/p/forecast`);
  const reps = page.locator('[data-testid=accuracy-per-rep] tbody tr');
  await reps.first().waitFor();
  expect(await reps.count()).toBe(1);
  await page.context().close();
});
