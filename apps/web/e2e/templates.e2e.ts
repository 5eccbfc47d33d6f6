/**
 * Issue 7 in a real browser against the built server started on an empty data folder, so it installs
 * the default template pack with its demo data and prints the demo logins. Names no template: the
 * installed pack, its app, its pipeline entity (the one whose stage machine has the most stages) and
 * that entity's list view are found through the API. A rep's list holds exactly the admin's rows
 * owned by the rep; a manager's holds exactly the rows of the manager's org subtree and none of
 * another team's. The gallery page lists every pack and installs one as the admin.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedClient } from './api.js';
import { launchChromium, signIn } from './browser.js';
import { type RunningServer, startServer } from './server.js';

const shots = new URL('../../../docs/screenshots/', import.meta.url).pathname;

interface Row {
  id: string;
  owner: string | null;
  orgUnit: string | null;
}
interface User {
  id: string;
  email: string;
  name: string;
  orgUnitId: string | null;
}
interface Template {
  id: string;
  version: string;
  app: string;
  installedVersion: string | null;
  label: Record<string, string>;
}
interface Definition {
  stageMachines: { entity: string; stages: unknown[] }[];
  views: { id: string; entity: string; type: string; columns?: { field: string }[] }[];
}
interface Login {
  role: string;
  email: string;
  password: string;
}

let server: RunningServer;
let browser: Browser;
let admin: SeedClient;
let templates: Template[];
let target: { app: string; entity: string; view: string; ownerColumn: number };
let allRows: Row[];
let users: User[];
let logins: Login[];

/** Every row of the entity the client may see, page by page through the API. */
async function listAll(client: SeedClient): Promise<Row[]> {
  const out: Row[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await client.call<{ records: Row[]; total: number }>(
      'GET',
      `/api/apps/${target.app}/entities/${target.entity}/records?limit=500&offset=${offset}`,
    );
    out.push(...page.records);
    if (page.records.length < 500 || out.length >= page.total) return out;
  }
}

/** The demo logins the first start printed: `role (name): email / password`. */
function parseLogins(banner: string): Login[] {
  return [...banner.matchAll(/^(\w+) \(.+\): (\S+@\S+) \/ (\S+)$/gm)].map((m) => ({
    role: m[1] as string,
    email: m[2] as string,
    password: m[3] as string,
  }));
}

/**
 * Reads every row of the list page as the browser shows it: scrolls the virtual list to its end
 * on each page and follows Next, collecting record ids with the text of the owner cell.
 */
async function rowsShown(page: Page): Promise<Map<string, string>> {
  const rows = new Map<string, string>();
  for (;;) {
    await page.waitForSelector('.sc-body-row');
    const scroller = page.locator('.sc-scroll');
    await scroller.evaluate((el) => {
      el.scrollTop = 0;
    });
    for (;;) {
      const seen = await page.$$eval(
        '.sc-body-row',
        (els, col) =>
          els.map((el) => [
            el.getAttribute('data-record-id') ?? '',
            el.querySelectorAll('[role=cell]:not(.sc-select-cell)')[col]?.textContent?.trim() ?? '',
          ]),
        target.ownerColumn,
      );
      for (const [id, owner] of seen) rows.set(id as string, owner as string);
      const end = await scroller.evaluate((el) => {
        if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return true;
        el.scrollTop += el.clientHeight * 0.8;
        return false;
      });
      if (end) break;
      // the virtualizer renders the rows of the new scroll position on the next frames
      await page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
    }
    const next = page.locator('.sc-pager button').last();
    if (await next.isDisabled()) return rows;
    const first = await page.locator('.sc-body-row').first().getAttribute('data-record-id');
    await next.click();
    await page.waitForFunction(
      (before) => document.querySelector('.sc-body-row')?.getAttribute('data-record-id') !== before,
      first,
    );
  }
}

/** Opens the pipeline list as a user and returns the rows shown and the total the page states. */
async function openList(email: string, password: string, shot?: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await signIn(page, server.url, email, password);
  await page.goto(`${server.url}/#/a/${target.app}/v/${target.view}`);
  await page.waitForSelector('.sc-body-row').catch(async (e: unknown) => {
    // say where the page ended up and what it showed, so a failure in CI can be read from its log
    const text = (await page.textContent('body'))?.slice(0, 500);
    throw new Error(`no list rows at ${page.url()}: ${String(e)}\n${text}`);
  });
  const total = Number(await page.locator('.sc-table').getAttribute('aria-rowcount'));
  if (shot) {
    // references and people show their names once looked up (a raw id until then)
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.sc-body-row [role=cell]')].every(
        (c) =>
          !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(c.textContent?.trim() ?? ''),
      ),
    );
    await page.screenshot({ path: `${shots}${shot}` });
  }
  const rows = await rowsShown(page);
  await context.close();
  return { total, rows };
}

const ids = (rows: Row[]) => rows.map((r) => r.id).sort();

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer();
  admin = new SeedClient(server.url);
  await admin.login(server.adminEmail, server.adminPassword);
  templates = (await admin.call<{ templates: Template[] }>('GET', '/api/templates')).templates;
  const installed = templates.filter((t) => t.installedVersion !== null);
  expect(installed).toHaveLength(1);
  const app = (installed[0] as Template).app;
  const { definition } = await admin.call<{ definition: Definition }>('GET', `/api/apps/${app}/published`);
  const machine = [...definition.stageMachines].sort((a, b) => b.stages.length - a.stages.length)[0];
  if (!machine) throw new Error('the default template has no stage machine');
  const view = definition.views.find(
    (v) => v.entity === machine.entity && v.type === 'list' && v.columns?.some((c) => c.field === 'owner'),
  );
  if (!view?.columns) throw new Error(`no list view with an owner column for ${machine.entity}`);
  target = {
    app,
    entity: machine.entity,
    view: view.id,
    ownerColumn: view.columns.findIndex((c) => c.field === 'owner'),
  };
  allRows = await listAll(admin);
  users = (await admin.call<{ users: User[] }>('GET', '/api/users')).users;
  logins = parseLogins(server.banner);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('default template with demo data', () => {
  it('prints a rep and a manager login at first start, and the pipeline has rows of many owners', () => {
    expect(logins.map((l) => l.role)).toEqual(expect.arrayContaining(['manager', 'member']));
    expect(allRows.length).toBeGreaterThan(100);
    expect(new Set(allRows.map((r) => r.owner)).size).toBeGreaterThan(5);
  });

  it('shows a rep exactly their own records (the admin’s rows filtered by owner)', async () => {
    const login = logins.find((l) => l.role === 'member') as Login;
    const rep = users.find((u) => u.email === login.email) as User;
    const own = allRows.filter((r) => r.owner === rep.id);
    expect(own.length).toBeGreaterThan(0);
    expect(own.length).toBeLessThan(allRows.length);

    const repClient = new SeedClient(server.url);
    await repClient.login(login.email, login.password);
    expect(ids(await listAll(repClient))).toEqual(ids(own));

    const { total, rows } = await openList(login.email, login.password, 'rep-opportunities.png');
    expect(total).toBe(own.length);
    expect([...rows.keys()].sort()).toEqual(ids(own));
    expect(new Set(rows.values())).toEqual(new Set([rep.name]));
  });

  it('shows a manager their team’s records and no other team’s', async () => {
    const login = logins.find((l) => l.role === 'manager') as Login;
    const manager = users.find((u) => u.email === login.email) as User;
    const units = (await admin.call<{ orgUnits: { id: string; path: string }[] }>('GET', '/api/org-units'))
      .orgUnits;
    const home = units.find((u) => u.id === manager.orgUnitId);
    if (!home) throw new Error('the manager has no org unit');
    const subtree = new Set(units.filter((u) => u.path.startsWith(home.path)).map((u) => u.id));
    const team = allRows.filter((r) => r.orgUnit !== null && subtree.has(r.orgUnit));
    const others = allRows.filter((r) => r.orgUnit === null || !subtree.has(r.orgUnit));
    expect(team.length).toBeGreaterThan(0);
    expect(others.length).toBeGreaterThan(0);
    // the team is more than the manager: several of its members own rows
    expect(new Set(team.map((r) => r.owner)).size).toBeGreaterThan(1);

    const { total, rows } = await openList(login.email, login.password);
    expect(total).toBe(team.length);
    expect([...rows.keys()].sort()).toEqual(ids(team));
    const otherIds = new Set(others.map((r) => r.id));
    expect([...rows.keys()].filter((id) => otherIds.has(id))).toEqual([]);
    const teamNames = new Set(
      users.filter((u) => u.orgUnitId !== null && subtree.has(u.orgUnitId)).map((u) => u.name),
    );
    expect([...rows.values()].filter((name) => !teamNames.has(name))).toEqual([]);
  });
});

describe('template gallery', () => {
  it('lists every pack and installs one as the admin, reporting the outcome', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, server.url, server.adminEmail, server.adminPassword);
    await page.click('a[href="#/templates"]');
    await page.waitForSelector('.tpl-card');
    expect(await page.locator('.tpl-card').count()).toBe(templates.length);
    for (const t of templates) {
      const card = page.locator(`[data-template="${t.id}"]`);
      await expect(card.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(t.label.en);
      await expect(
        card
          .locator('.tpl-preview')
          .evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth)),
      ).resolves.toBeGreaterThan(0);
      if (t.installedVersion)
        await expect(card.locator('.tpl-status').textContent()).resolves.toBe(
          `Installed: version ${t.installedVersion}`,
        );
    }

    const other = templates.find((t) => t.installedVersion === null);
    if (!other) throw new Error('every pack is installed already');
    const card = page.locator(`[data-template="${other.id}"]`);
    await expect(card.locator('.tpl-status').textContent()).resolves.toBe('Not installed');
    await card.getByRole('checkbox', { name: 'With demo data' }).uncheck();
    await card.getByRole('button', { name: 'Install', exact: true }).click();
    const status = card.locator('[role=status][data-status=installed]');
    await status.waitFor({ timeout: 60_000 });
    expect(await status.textContent()).toContain(`Installed version ${other.version}`);
    await page.locator(`[data-template="${other.id}"][data-state=current]`).waitFor();
    await expect(card.locator('.tpl-status').textContent()).resolves.toBe(
      `Installed: version ${other.version}`,
    );
    const after = (await admin.call<{ templates: Template[] }>('GET', '/api/templates')).templates;
    expect(after.find((t) => t.id === other.id)?.installedVersion).toBe(other.version);
    await page.screenshot({ path: `${shots}templates-gallery.png`, fullPage: true });

    // installing the same version again changes nothing, and says so
    await card.getByRole('button', { name: 'Install again' }).click();
    await card.locator('[role=status][data-status=unchanged]').waitFor();
    expect(await card.locator('[role=status]').textContent()).toBe(
      `Already at version ${other.version}: nothing changed.`,
    );
    await context.close();
  });

  it('shows a rep no gallery link and no install buttons', async () => {
    const login = logins.find((l) => l.role === 'member') as Login;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, server.url, login.email, login.password);
    expect(await page.locator('a[href="#/templates"]').count()).toBe(0);
    await page.goto(`${server.url}/#/templates`);
    await page.waitForSelector('.tpl-card');
    expect(await page.locator('.tpl-card button').count()).toBe(0);
    await context.close();
  });
});
