/**
 * The browser's rules run on the server's clock: with Chromium's clock set ten days ahead of the
 * server, a form whose rule says "not before today" accepts next week (server time) and refuses
 * yesterday, exactly as the API does. Proves the whole path: the published app's `ruleContext`,
 * the offset the web shell measures, and the form's rule context. Generic app, created here.
 */
import { zonedDate } from '@stagecraft/rules';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedClient } from './api.js';
import { launchChromium, signIn } from './browser.js';
import { type RunningServer, startServer } from './server.js';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const APP = 'clockcheck';
const DAY = 86_400_000;
const MESSAGE = '日期不能早于今天';

const clockApp = {
  schemaVersion: 1,
  id: APP,
  label: L('时钟校验', 'Clock check'),
  entities: [
    {
      id: 'visit',
      label: L('拜访', 'Visit'),
      titleField: 'title',
      fields: [
        { id: 'title', type: 'text', label: L('主题', 'Title'), required: true },
        { id: 'dueOn', type: 'date', label: L('日期', 'Date') },
      ],
    },
  ],
  forms: [
    {
      id: 'visitForm',
      entity: 'visit',
      label: L('拜访表单', 'Visit form'),
      sections: [
        {
          id: 'main',
          items: [
            { id: 'fTitle', field: 'title' },
            { id: 'fDueOn', field: 'dueOn' },
          ],
        },
      ],
    },
  ],
  views: [
    {
      id: 'visits',
      type: 'list',
      entity: 'visit',
      label: L('全部拜访', 'All visits'),
      columns: [
        { id: 'cTitle', field: 'title' },
        { id: 'cDueOn', field: 'dueOn' },
      ],
    },
  ],
  validationRules: [
    {
      id: 'notPast',
      entity: 'visit',
      on: ['create'],
      appliesWhen: { '!!': [{ var: 'dueOn' }] },
      assert: { '>=': [{ var: 'dueOn' }, { today: [] }] },
      message: L(MESSAGE, 'The date cannot be in the past'),
      field: 'dueOn',
    },
  ],
};

let server: RunningServer;
let browser: Browser;
let seed: SeedClient;
let zone = '';

beforeAll(async () => {
  server = await startServer();
  seed = new SeedClient(server.url);
  await seed.login(server.adminEmail, server.adminPassword);
  await seed.call('POST', '/api/apps', clockApp);
  await seed.call('POST', `/api/apps/${APP}/publish`, {});
  zone = (await seed.call<{ ruleContext: { timeZone: string } }>('GET', `/api/apps/${APP}/published`))
    .ruleContext.timeZone;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('rules in the browser on a skewed device clock [pglite]', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    // The device believes it is ten days later than the server (same machine, so same real clock).
    await context.clock.install({ time: Date.now() + 10 * DAY });
    page = await context.newPage();
    await signIn(page, server.url, server.adminEmail, server.adminPassword);
  });
  afterAll(async () => context?.close());

  /** Fills the new-visit form and saves; the server's dates are a whole day or more from its today. */
  async function submit(title: string, dueOn: string): Promise<void> {
    await page.goto(`${server.url}/#/a/${APP}/e/visit/new`);
    await page.waitForSelector('form.sc-form');
    await page.locator('[data-field="title"] input').fill(title);
    await page.locator('[data-field="dueOn"] input').fill(dueOn);
    await page.click('form.sc-form button[type=submit]');
  }

  it('runs on the device clock ten days ahead, as the page sees it', async () => {
    const deviceNow = await page.evaluate(() => Date.now());
    expect(deviceNow - Date.now()).toBeGreaterThan(9 * DAY);
  });

  it('accepts a date next week by the server clock, which the device thinks has passed', async () => {
    const nextWeek = zonedDate(Date.now() + 7 * DAY, zone);
    await submit('下周回访', nextWeek);
    await page.waitForURL(/\/e\/visit\/r\//);
    const stored = await seed.call<{ total: number; records: { dueOn: string }[] }>(
      'POST',
      `/api/apps/${APP}/entities/visit/records/query`,
      { search: '下周回访' },
    );
    expect(stored.records.map((r) => r.dueOn)).toEqual([nextWeek]);
  });

  it('refuses yesterday at the field before sending anything, as the server would', async () => {
    const yesterday = zonedDate(Date.now() - DAY, zone);
    const posts: string[] = [];
    const onRequest = (r: { method(): string; url(): string }) => {
      if (r.method() === 'POST' && r.url().includes('/entities/visit/records')) posts.push(r.url());
    };
    page.on('request', onRequest);
    await submit('昨天的拜访', yesterday);
    await page.waitForSelector(`[data-field="dueOn"] .sc-error >> text=${MESSAGE}`);
    page.off('request', onRequest);
    expect(posts).toEqual([]); // the form refused it itself
    const none = await seed.call<{ total: number }>('POST', `/api/apps/${APP}/entities/visit/records/query`, {
      search: '昨天的拜访',
    });
    expect(none.total).toBe(0);
    const refused = await fetch(`${server.url}/api/apps/${APP}/entities/visit/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: await sessionCookie() },
      body: JSON.stringify({ title: '昨天的拜访', dueOn: yesterday }),
    });
    expect(refused.status).toBe(422);
  });

  async function sessionCookie(): Promise<string> {
    const cookies = await context.cookies();
    return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  }
});
