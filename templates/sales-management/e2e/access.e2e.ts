/**
 * Access, in the shipped sales pack as `stagecraft start` installs it, by the admin the first start
 * printed: on the API tokens page the admin creates a read-only token (its secret shown once), sees
 * it in the list, revokes it after a confirmation, and a request with the revoked token then gets
 * 401. In the designer's Roles tab the admin lets the rep role delete leads, opens the lead's field
 * access, and publishes; the published document carries the change. Every wait is for a state the
 * page shows. Screenshots at desktop size and on a 390 × 844 phone go to docs/screenshots/access/;
 * each state passes axe and nothing widens the page past the screen.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedClient } from '../../../apps/web/e2e/api.js';
import { expectAccessible } from '../../../apps/web/e2e/axe.js';
import { launchChromium } from '../../../apps/web/e2e/browser.js';
import { openAs, VIEWPORTS, type ViewportName } from '../../../apps/web/e2e/journey-kit.js';
import { type RunningServer, startServer } from '../../../apps/web/e2e/server.js';

const shots = new URL('../../../docs/screenshots/access/', import.meta.url).pathname;
/** The rep role of the pack and the entity whose rights the journey changes. */
const ROLE = 'member';
const ENTITY = 'lead';

let server: RunningServer;
let browser: Browser;
let admin: { email: string; password: string };
let adminApi: SeedClient;
let app: string;

async function shot(page: Page, name: string, size: ViewportName) {
  await page.screenshot({ path: `${shots}${name}-${size}.png` });
  await expectAccessible(page, `access (${size}) ${name}`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    VIEWPORTS[size].width,
  );
}

/** Status of a request with `Authorization: Bearer <token>` and no cookie. */
async function bearerStatus(token: string): Promise<number> {
  const res = await fetch(`${server.url}/api/apps/${app}/published`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await res.arrayBuffer();
  return res.status;
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer();
  admin = { email: server.adminEmail, password: server.adminPassword };
  adminApi = new SeedClient(server.url);
  await adminApi.login(admin.email, admin.password);
  const { templates } = await adminApi.call<{
    templates: { app: string; installedVersion: string | null }[];
  }>('GET', '/api/templates');
  app = (templates.find((t) => t.installedVersion !== null) as { app: string }).app;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('access: API tokens and the roles grid [pglite]', () => {
  for (const size of ['desktop', 'phone'] as const) {
    it(`the admin creates a token, sees it listed, revokes it, and the token then gets 401 (${size})`, async () => {
      const page = await openAs(browser, server.url, admin, size);
      const name = `ERP 同步 ${size}`;
      await page.goto(`${server.url}/#/tokens`);
      await page.waitForSelector('.tokens-page');
      await page.click('[data-testid=new-token]');
      await page.fill('[role=dialog] input[name=name]', name);
      await page.check('[role=dialog] input[name=scope][value=read-only]');
      await page.selectOption('[role=dialog] select[name=expiry]', '30');
      await shot(page, 'token-create', size);
      await page.click('[data-testid=create-token]');
      const secretBox = page.locator('[data-testid=token-secret]');
      await secretBox.waitFor();
      const secret = (await secretBox.textContent()) ?? '';
      expect(secret).toMatch(/^sct_/);
      await shot(page, 'token-secret', size);
      expect(await bearerStatus(secret)).toBe(200);

      await page.click('[data-testid=token-done]');
      const item = page.locator('[data-testid=token-item]', { hasText: name });
      await item.locator('.token-badge-live').waitFor();
      // The list never shows the secret again.
      expect(await page.locator('.tokens-page').textContent()).not.toContain(secret);
      await shot(page, 'token-list', size);

      await item.getByRole('button', { name: `吊销 ${name}` }).click();
      await page.waitForSelector('[role=alertdialog]');
      await shot(page, 'token-revoke-confirm', size);
      await page.click('[data-testid=confirm-revoke]');
      await page.locator('[data-testid=token-item][data-status=revoked]', { hasText: name }).waitFor();
      await shot(page, 'token-revoked', size);
      expect(await bearerStatus(secret)).toBe(401);
      await page.context().close();
    });
  }

  it('the admin edits the rep role in the roles grid and publishes it (desktop)', async () => {
    const page = await openAs(browser, server.url, admin, 'desktop');
    await page.goto(`${server.url}/#/a/${app}/admin/design`);
    await page.click('[data-tab="roles"]');
    await page.selectOption('.sc-roles-designer select[aria-label="角色"]', ROLE);
    const row = page.locator(`.sc-roles-grid[data-role="${ROLE}"] tr[data-entity="${ENTITY}"]`);
    const del = row.locator('input[data-right="delete"]');
    expect(await del.isChecked()).toBe(false);
    await del.check();
    await row.getByRole('button', { expanded: false }).click();
    await page.locator('.sc-roles-fields').waitFor();
    await page.waitForSelector('.sc-save-status[data-state="saved"]');
    await shot(page, 'roles', 'desktop');

    await page.click('[data-tab="publish"]');
    await page.click('.sc-publish > button.sc-primary');
    const confirm = page.locator('.sc-dialog .sc-dialog-actions button.sc-primary:not([disabled])');
    await confirm.click();
    await page.locator('.sc-banner-ok').waitFor();
    const { definition } = await adminApi.call<{
      definition: { roles: { id: string; permissions: { entity: string; delete: boolean }[] }[] };
    }>('GET', `/api/apps/${app}/published`);
    const member = definition.roles.find((r) => r.id === ROLE);
    expect(member?.permissions.find((p) => p.entity === ENTITY)?.delete).toBe(true);
    await page.context().close();
  });

  it('the roles grid fits a 390 × 844 phone', async () => {
    const page = await openAs(browser, server.url, admin, 'phone');
    // The admin's "Roles & permissions" entry opens the designer on its Roles tab.
    await page.goto(`${server.url}/#/a/${app}/admin/design/roles`);
    await page.waitForSelector('[data-tab="roles"][aria-selected="true"]');
    await page.selectOption('.sc-roles-designer select[aria-label="角色"]', ROLE);
    await page.locator(`.sc-roles-grid[data-role="${ROLE}"] tr[data-entity="${ENTITY}"]`).waitFor();
    await shot(page, 'roles', 'phone');
    await page.context().close();
  });
});
