/**
 * The automation editor on the pack as a fresh start installs it, at desktop size and on a phone:
 * the admin opens the designer's Automations tab, builds "no follow-up for 3 days → notify the
 * owner's manager + create a task" on 客户 with pickers only (no ids typed) and publishes it; the
 * published document holds it. That the email then arrives once at an SMTP receiver on the fake
 * clock is shown by apps/server/test/email-notifications.test.ts (the browser journey has no fake
 * clock). Screenshots under docs/screenshots/automation-editor/, each checked with axe and width.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedClient } from '../../../apps/web/e2e/api.js';
import { expectAccessible } from '../../../apps/web/e2e/axe.js';
import { launchChromium } from '../../../apps/web/e2e/browser.js';
import { openAs, VIEWPORTS, type ViewportName } from '../../../apps/web/e2e/journey-kit.js';
import { type RunningServer, startServer } from '../../../apps/web/e2e/server.js';

interface Automation {
  id: string;
  entity: string;
  trigger: { type: string };
  actions: { type: string; entity?: string; recipients?: { type: string }[] }[];
}

const shots = new URL('../../../docs/screenshots/automation-editor/', import.meta.url).pathname;
let server: RunningServer;
let browser: Browser;
let admin: SeedClient;
let app: string;

async function shot(page: Page, size: ViewportName, n: number, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({
    path: `${shots}${size}-${String(n).padStart(2, '0')}-${name}.png`,
    fullPage: true,
  });
  await expectAccessible(page, `automation editor (${size}) ${name}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `automation editor (${size}) ${name}: page width`).toBeLessThanOrEqual(VIEWPORTS[size].width);
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
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.each(['desktop', 'phone'] as ViewportName[])('automation editor (%s)', (size) => {
  it('builds "no follow-up for 3 days → notify the manager + task" with pickers and publishes it', async () => {
    let n = 0;
    const page = await openAs(
      browser,
      server.url,
      { email: server.adminEmail, password: server.adminPassword },
      size,
    );
    await page.goto(`${server.url}/#/a/${app}/admin/design`);
    await page.locator('[data-tab=automations]').click();
    const tab = page.locator('.sc-automations-designer');
    await tab.locator('select').first().selectOption('account');
    const before = await tab.locator('[data-automation]').count();
    await tab.locator('.sc-toolbar-row > button').first().click();
    const card = tab.locator('[data-automation]').nth(before);
    await card.waitFor();
    await card.locator('.sc-trigger > select').selectOption('relative_time');
    await card.locator('.sc-trigger label select').first().waitFor();
    await card.locator('[data-action=notify1] .sc-recipient select').first().selectOption('owner_manager');
    await card.locator('fieldset > select').last().selectOption('create_task');
    await card.locator('[data-action=create_task1]').waitFor();
    await page.locator('.sc-save-status[data-state=saved]').waitFor();
    await shot(page, size, ++n, 'built');

    await page.locator('[data-tab=publish]').click();
    await page.locator('.sc-publish-panel .sc-primary, .sc-designer-panel button.sc-primary').first().click();
    await page.getByRole('button', { name: '确认发布' }).click();
    await page.getByRole('button', { name: '确认发布' }).waitFor({ state: 'detached' });

    const published = await admin.call<{ definition: { automations: Automation[] } }>(
      'GET',
      `/api/apps/${app}/published`,
    );
    const built = published.definition.automations.filter(
      (a) => a.entity === 'account' && a.trigger.type === 'relative_time' && a.id.startsWith('automation'),
    );
    expect(built.length).toBeGreaterThan(0);
    const last = built.at(-1) as Automation;
    expect(last.actions.map((a) => a.type)).toEqual(['notify', 'create_task']);
    expect(last.actions[0]?.recipients).toEqual([{ type: 'owner_manager', levels: 1 }]);
    // the task lands where the pack's own automations put theirs, not in the first entity of the app
    const packTasks = published.definition.automations
      .filter((a) => !a.id.startsWith('automation'))
      .flatMap((a) => a.actions)
      .filter((x) => x.type === 'create_task');
    expect(packTasks.length).toBeGreaterThan(0);
    expect(last.actions[1]?.entity).toBe(packTasks[0]?.entity);
    await page.context().close();
  });
});
