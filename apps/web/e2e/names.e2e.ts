/**
 * Names, not ids, in real Chromium: for BOTH template packs (each installed with its demo data by
 * the first start, `DEFAULT_TEMPLATE`), signed in as the demo rep and the demo manager, every list
 * and board view, a record page (details and timeline with audit entries) of every entity and every
 * dashboard (drilled down region → team where a widget drills) is read as the user sees it
 * (`document.body.innerText`) once its names have loaded, and fails on any UUID or any org-unit id.
 * A list or board asks for its names in one `POST …/titles` request, never one per card.
 * Names no template entity: apps, views, entities and dashboards are found through the API.
 * Screenshots: docs/screenshots/journeys/names-*.png.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedClient } from './api.js';
import { launchChromium, signIn } from './browser.js';
import { type RunningServer, startServer } from './server.js';

const shots = new URL('../../../docs/screenshots/journeys/', import.meta.url).pathname;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

interface Login {
  role: string;
  email: string;
  password: string;
}
interface Definition {
  entities: { id: string; titleField?: string; fields: { id: string; type: string }[] }[];
  views: { id: string; entity: string; type: string; cardFields?: string[] }[];
  dashboards?: { id: string; widgets: { id: string; options?: { drill?: boolean } }[] }[];
}

/** The demo logins the first start printed: `role (name): email / password`. */
function parseLogins(banner: string): Login[] {
  return [...banner.matchAll(/^(\w+) \(.+\): (\S+@\S+) \/ (\S+)$/gm)].map((m) => ({
    role: m[1] as string,
    email: m[2] as string,
    password: m[3] as string,
  }));
}

let browser: Browser;
beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Waits until the page has its data and every name behind an id has loaded. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      !document.querySelector('.sc-title-loading, [aria-busy=true]') &&
      ![...document.querySelectorAll('.sc-state')].some((e) => /加载|Loading/i.test(e.textContent ?? '')) &&
      [...document.querySelectorAll('.sc-chart')].every((c) => c.getAttribute('data-ready') === 'true'),
    undefined,
    { timeout: 60_000 },
  );
}

/** Fails on any UUID, or any org-unit id standing as a word, in what the page shows. */
async function expectNoIds(page: Page, where: string, orgIds: readonly string[]): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: what the user sees (rendered text) is the point
  const text = await page.evaluate(() => document.body.innerText);
  expect(UUID.exec(text)?.[0], `a UUID shows on ${where}`).toBeUndefined();
  const words = new Set(text.split(/[\s›·,，:：;；()（）[\]|/→—]+/));
  expect(
    orgIds.filter((id) => words.has(id)),
    `org-unit ids show on ${where}`,
  ).toEqual([]);
  return text;
}

for (const template of ['sales-management', 'store-sales']) {
  describe(`names, not ids: ${template}`, () => {
    let server: RunningServer;
    let admin: SeedClient;
    let appId = '';
    let definition: Definition;
    let orgIds: string[] = [];
    let orgNames: string[] = [];
    let logins: Login[] = [];

    beforeAll(async () => {
      server = await startServer({ env: { DEFAULT_TEMPLATE: template } });
      logins = parseLogins(server.banner);
      admin = new SeedClient(server.url);
      await admin.login(server.adminEmail, server.adminPassword);
      const apps = await admin.call<{ apps: { id: string }[] }>('GET', '/api/apps');
      appId = apps.apps[0]?.id ?? '';
      definition = (await admin.call<{ definition: Definition }>('GET', `/api/apps/${appId}/published`))
        .definition;
      const units = await admin.call<{ orgUnits: { id: string; name: string }[] }>('GET', '/api/org-units');
      orgIds = units.orgUnits.map((u) => u.id);
      orgNames = units.orgUnits.map((u) => u.name);
    });
    afterAll(async () => {
      await server?.stop();
    });

    for (const role of ['member', 'manager']) {
      it(`shows the ${role} names on lists, boards, records and dashboards, never ids`, async () => {
        const login = logins.find((l) => l.role === role);
        expect(login, `the first start prints a ${role} login`).toBeDefined();
        if (!login) return;
        const api = new SeedClient(server.url);
        await api.login(login.email, login.password);
        const context = await browser.newContext({
          viewport: { width: 1400, height: 1000 },
          locale: 'zh-CN',
        });
        const page = await context.newPage();
        const titleRequests: string[] = [];
        const perCard: string[] = [];
        page.on('request', (r) => {
          if (r.url().endsWith(`/api/apps/${appId}/titles`)) titleRequests.push(r.url());
          else if (r.method() === 'GET' && /\/records\/[^/?]+$/.test(new URL(r.url()).pathname))
            perCard.push(r.url());
        });
        await signIn(page, server.url, login.email, login.password);
        const short = template === 'sales-management' ? 'sales' : 'store';

        // Every list and board view.
        for (const view of definition.views) {
          // a fresh page load each time, so no name is already in the title cache
          await page.goto('about:blank');
          titleRequests.length = 0;
          perCard.length = 0;
          await page.goto(`${server.url}/#/a/${appId}/v/${view.id}`);
          await page.waitForSelector('.sc-body-row, .sc-card-item, .sc-state, .sc-board[aria-busy=false]', {
            timeout: 60_000,
          });
          await settled(page);
          const where = `${template} ${role} view ${view.id}`;
          await expectNoIds(page, where, orgIds);
          const items = await page.locator('.sc-body-row, .sc-card-item').count();
          // one title request for the whole page (none when nothing on it holds an id), never one per card
          expect(titleRequests.length, `${where}: title requests`).toBeLessThanOrEqual(1);
          expect(perCard, `${where}: record requests per card`).toEqual([]);
          if (view.type === 'board' && items > 0) {
            const entity = definition.entities.find((e) => e.id === view.entity);
            const lookup = (id: string | undefined) =>
              ['reference', 'user', 'org_unit'].includes(entity?.fields.find((f) => f.id === id)?.type ?? '');
            if (lookup(entity?.titleField) || (view.cardFields ?? []).some(lookup))
              expect(titleRequests.length, `${where}: the board asks for names once`).toBe(1);
            if (role === 'member')
              await page.screenshot({ path: `${shots}names-${short}-board-${role}.png`, fullPage: false });
          }
        }

        // A record page of every entity: details and the timeline with its audit entries.
        let shotRecord = false;
        for (const entity of definition.entities) {
          const list = await api.call<{ records: { id: string }[] }>(
            'GET',
            `/api/apps/${appId}/entities/${entity.id}/records?limit=1&sort=-updatedAt`,
          );
          const id = list.records[0]?.id;
          if (!id) continue;
          await page.goto(`${server.url}/#/a/${appId}/e/${entity.id}/r/${encodeURIComponent(id)}`);
          await page.waitForSelector('.sc-record h1', { timeout: 60_000 });
          await page.waitForSelector('.sc-timeline li', { timeout: 60_000 });
          await settled(page);
          const heading = (await page.locator('.sc-record h1').textContent()) ?? '';
          expect(heading.trim(), `${entity.id} record heading`).not.toBe('');
          await expectNoIds(page, `${template} ${role} record of ${entity.id}`, orgIds);
          const changes = await page.locator('.sc-changes li').count();
          if (!shotRecord && changes > 0) {
            shotRecord = true;
            await page.screenshot({ path: `${shots}names-${short}-record-${role}.png`, fullPage: true });
          }
        }

        // Every dashboard; a drilling widget is drilled region → team, and its breadcrumb names units.
        for (const dashboard of definition.dashboards ?? []) {
          await page.goto(`${server.url}/#/a/${appId}/d/${dashboard.id}`);
          await page.waitForSelector('.sc-widget', { timeout: 60_000 });
          await settled(page);
          await expectNoIds(page, `${template} ${role} dashboard ${dashboard.id}`, orgIds);
          for (const widget of dashboard.widgets.filter((w) => w.options?.drill)) {
            const card = page.locator(`.sc-widget[data-widget="${widget.id}"]`);
            const crumbs = card.locator('h3 .sc-muted');
            for (let depth = 1; depth <= 2; depth++) {
              const drilled = await drillOnce(page, card, depth);
              if (depth === 1) expect(drilled, `${template} ${role}: ${widget.id} drills`).toBe(true);
              if (!drilled) break;
              await settled(page);
              const trail = (await crumbs.textContent()) ?? '';
              const steps = trail
                .replace(/^\s*·\s*/, '')
                .split('›')
                .map((s) => s.trim());
              expect(steps, `${template} ${role} breadcrumb`).toHaveLength(depth);
              for (const step of steps) {
                expect(orgIds, `breadcrumb step "${step}" is an org-unit id`).not.toContain(step);
                expect(orgNames, `breadcrumb step "${step}" names an org unit`).toContain(step);
              }
              await expectNoIds(page, `${template} ${role} drilled ${widget.id}`, orgIds);
            }
            if (role === 'manager')
              await page.screenshot({ path: `${shots}names-${short}-drill-${role}.png`, fullPage: false });
          }
        }
        await context.close();
      });
    }
  });
}

/**
 * Clicks a drilling bar chart until it goes one level deeper: a row of clicks across the plot finds
 * a bar (each hit is seen as the widget's data request, then the breadcrumb's new step). False when
 * no click hits a bar.
 */
async function drillOnce(page: Page, card: ReturnType<Page['locator']>, depth: number): Promise<boolean> {
  const id = await card.getAttribute('data-widget');
  const chart = card.locator('.sc-chart[data-ready=true]');
  if ((await chart.count()) === 0) return false;
  const box = await chart.first().boundingBox();
  if (!box) return false;
  for (const y of [0.7, 0.55, 0.4])
    for (let x = 0.06; x < 0.97; x += 0.02) {
      const asked = page
        .waitForRequest((r) => r.url().includes(`/widgets/${id}/data`), { timeout: 400 })
        .then(() => true)
        .catch(() => false);
      await page.mouse.click(box.x + box.width * x, box.y + box.height * y);
      if (!(await asked)) continue;
      await page.waitForFunction(
        ({ selector, d }) => (document.querySelector(selector)?.textContent ?? '').split('›').length === d,
        { selector: `.sc-widget[data-widget="${id}"] h3 .sc-muted`, d: depth },
        { timeout: 30_000 },
      );
      return true;
    }
  return false;
}
