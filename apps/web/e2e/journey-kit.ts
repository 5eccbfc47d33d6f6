/**
 * What the template journeys share: the demo logins the first start printed, a signed-in page at
 * desktop or phone size, one step = wait for the state, screenshot under docs/screenshots/journeys/
 * and an accessibility check, and small real files (PDF, PNG) to upload through the forms.
 */
import { mkdirSync } from 'node:fs';
import { pngFile } from '@stagecraft/demo-kit';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAccessible } from './axe.js';
import { signIn } from './browser.js';

const shots = new URL('../../../docs/screenshots/journeys/', import.meta.url).pathname;

/** A demo login as `stagecraft start` printed it: `role (name): email / password`. */
export interface Login {
  role: string;
  name: string;
  email: string;
  password: string;
}

/** The demo logins of the start banner. */
export function parseLogins(banner: string): Login[] {
  return [...banner.matchAll(/^(\w+) \((.+)\): (\S+@\S+) \/ (\S+)$/gm)].map((m) => ({
    role: m[1] as string,
    name: m[2] as string,
    email: m[3] as string,
    password: m[4] as string,
  }));
}

/** The printed login of a role; fails the journey when the banner has none. */
export function loginOf(logins: Login[], role: string): Login {
  const found = logins.find((l) => l.role === role);
  if (!found) throw new Error(`the start banner printed no ${role} login: ${JSON.stringify(logins)}`);
  return found;
}

/** The two sizes every journey runs at. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 860 },
  phone: { width: 390, height: 844 },
} as const;
/** Name of a journey size. */
export type ViewportName = keyof typeof VIEWPORTS;

/** A fresh browser context (zh-CN, the given size, phone touch at 390 wide) signed in as `login`. */
export async function openAs(
  browser: Browser,
  url: string,
  login: { email: string; password: string },
  size: ViewportName,
): Promise<Page> {
  const phone = size === 'phone';
  const context = await browser.newContext({
    viewport: VIEWPORTS[size],
    locale: 'zh-CN',
    ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 1 } : {}),
    timezoneId: 'Asia/Shanghai',
    geolocation: { latitude: 31.2304, longitude: 121.4737 },
    permissions: ['geolocation'],
  });
  const page = await context.newPage();
  await signIn(page, url, login.email, login.password);
  return page;
}

/**
 * One journey step, after the page reached the state the caller waited for: a screenshot
 * `<journey>-<size>-<nn>-<step>.png` and no serious or critical axe violation on the page.
 */
export async function step(page: Page, journey: string, size: ViewportName, n: number, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: `${shots}${journey}-${size}-${String(n).padStart(2, '0')}-${name}.png` });
  await expectAccessible(page, `${journey} (${size}) step ${n} ${name}`);
  // nothing widens the page past the screen (a phone would zoom the whole page out)
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${journey} (${size}) step ${n} ${name}: page width`).toBeLessThanOrEqual(
    VIEWPORTS[size].width,
  );
}

/** A one-page PDF that says `text`: real bytes a browser and the server treat as a PDF. */
export function pdfFile(name: string, text: string): { name: string; mimeType: string; buffer: Buffer } {
  const stream = `BT /F1 18 Tf 40 100 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(body, 'latin1') };
}

/** A small striped photo in one colour, as a PNG upload. */
export function photoFile(
  name: string,
  rgb: [number, number, number],
): { name: string; mimeType: string; buffer: Buffer } {
  const file = pngFile(name, name, { width: 48, height: 32 }, (x, y) => {
    const s = (x + y) % 8 < 4 ? 0 : 40;
    return [Math.min(255, rgb[0] + s), Math.min(255, rgb[1] + s), Math.min(255, rgb[2] + s)];
  });
  return { name, mimeType: 'image/png', buffer: Buffer.from(file.bytes) };
}

/** A calendar date `days` from today as the browser's users see it (Asia/Shanghai), `YYYY-MM-DD`. */
export function dateFromToday(days: number): string {
  const shanghai = new Date(Date.now() + 8 * 3600_000 + days * 86400_000);
  return shanghai.toISOString().slice(0, 10);
}

/** Waits until no element matching `selector` shows a raw UUID as its text (names looked up). */
export async function waitForNames(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(
    (sel) =>
      [...document.querySelectorAll(sel)].every(
        (c) => !/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.test(c.textContent ?? ''),
      ),
    selector,
  );
}

/**
 * Saves the new-record form and returns the id of the record page it opens; when the form refuses
 * instead, fails with the messages the form shows (so the log says what was refused).
 */
export async function saveNew(page: Page, entity: string): Promise<string> {
  const form = page.locator('form.sc-form');
  await form.locator('button[type=submit]').click();
  const opened = new RegExp(`/e/${entity}/r/`);
  try {
    await page.waitForURL(opened, { timeout: 30_000 });
  } catch {
    const shown = await form.locator('.sc-error, .sc-banner-error').allTextContents();
    throw new Error(`the form did not save: ${shown.join(' | ') || 'no message shown'}`);
  }
  return page.url().split('/r/')[1] as string;
}
