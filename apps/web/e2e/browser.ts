import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, headless, as CI runs it; `args` adds switches (e.g. `--host-resolver-rules`). */
export function launchChromium(args: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', ...args],
  });
}

/** Drags an element onto another with real pointer moves (what dnd-kit's PointerSensor listens to). */
export async function dragTo(page: Page, from: string, to: string): Promise<void> {
  const a = await page.locator(from).boundingBox();
  const b = await page.locator(to).boundingBox();
  if (!a || !b) throw new Error(`cannot drag ${from} → ${to}: not visible`);
  // Grab the card below its title (the title is a link-like button that opens the record).
  const x = a.x + a.width / 2;
  const y = a.y + a.height - 12;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 12, y + 12, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + Math.min(60, b.height / 2), { steps: 20 });
  await page.mouse.up();
}

/** Signs in through the login page. */
export async function signIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url);
  await page.fill('#login-email', email);
  await page.fill('#login-password', password);
  await page.click('.login-card button[type=submit]');
  await page.waitForSelector('.topbar');
}
