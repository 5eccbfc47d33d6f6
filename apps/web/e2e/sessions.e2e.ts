/**
 * Sessions in a real browser against the built server: the demo rep signs in on a desktop and on a
 * phone (two browser contexts), the sessions page (user menu → 登录设备) lists both with "this
 * device" marked, sign out everywhere asks first and lands on the login page, and the other
 * browser's next navigation lands there too. Screenshots go to docs/screenshots/security/.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.js';
import { launchChromium } from './browser.js';
import { loginOf, openAs, parseLogins, VIEWPORTS, type ViewportName } from './journey-kit.js';
import { type RunningServer, startServer } from './server.js';

const shots = new URL('../../../docs/screenshots/security/', import.meta.url).pathname;

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens the sessions page through the user menu and waits for the list of `count` sessions. */
async function openSessions(page: Page, count: number): Promise<void> {
  await page.click('.user-menu summary');
  await page.click('.user-menu-body a[href="#/sessions"]');
  await page.waitForSelector('#sessions-title');
  await expect.poll(() => page.locator('.session-item').count()).toBe(count);
}

async function shot(page: Page, size: ViewportName, name: string): Promise<void> {
  await page.screenshot({ path: `${shots}sessions-${size}-${name}.png` });
  await expectAccessible(page, `sessions (${size}) ${name}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `sessions (${size}) ${name}: page width`).toBeLessThanOrEqual(VIEWPORTS[size].width);
}

describe('sessions page', () => {
  it('lists both browsers of the rep; sign out everywhere ends both', async () => {
    const rep = loginOf(parseLogins(server.banner), 'member');
    const desktop = await openAs(browser, server.url, rep, 'desktop');
    const phone = await openAs(browser, server.url, rep, 'phone');

    await openSessions(phone, 2);
    const current = phone.locator('.session-item[data-current]');
    await expect.poll(() => current.count()).toBe(1);
    expect(await current.textContent()).toContain('当前设备');
    await shot(phone, 'phone', '01-list');

    await openSessions(desktop, 2);
    expect(await desktop.locator('.session-item[data-current]').textContent()).toContain('Chrome');
    await shot(desktop, 'desktop', '01-list');

    await desktop.click('[data-testid=sign-out-everywhere]');
    await desktop.waitForSelector('[role=alertdialog]');
    expect(await desktop.locator('[role=alertdialog]').textContent()).toContain('2');
    await shot(desktop, 'desktop', '02-confirm');
    await desktop.click('[data-testid=confirm-sign-out-everywhere]');
    await desktop.waitForSelector('#login-email');
    await shot(desktop, 'desktop', '03-signed-out');

    // The phone still shows the page it had; its next navigation finds the session gone.
    await phone.goto(`${server.url}/#/inbox`);
    await phone.waitForSelector('#login-email');
    expect(await phone.locator('.topbar').count()).toBe(0);
    await shot(phone, 'phone', '02-next-navigation');

    // Checked on the server too: the rep's old cookies no longer open anything.
    const cookies = await phone.context().cookies();
    expect(cookies.find((c) => c.name === 'stagecraft_session')).toBeDefined();
    const me = await fetch(`${server.url}/api/auth/me`, {
      headers: {
        cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '),
      },
    });
    expect(me.status).toBe(401);
  });
});
