/**
 * Cross-site writes in a real browser. The built server runs as `stagecraft start` installs it (the
 * default pack with its demo logins) plus the generic e2e app; the demo rep signs in through the
 * login page. Then, in the rep's own browser, hostile pages
 *
 * - on ANOTHER PORT of the same host (same site: SameSite=Lax sends the rep's cookie along), and
 * - on ANOTHER HOST NAME (`evil.test`, mapped to 127.0.0.1 by Chromium's resolver),
 *
 * each send four kinds of request at four writes: an auto-submitted `text/plain` form, a
 * form-encoded form, a `no-cors` fetch and a multipart (FormData) fetch, at import, record create,
 * transition and attachment upload. Every one is answered 403 and changes nothing: the record count
 * and the target's stage through the admin API, and after the server stopped, its database (the
 * records, the stage history, the attachments the rep stored). The same writes from the app's own
 * page succeed, so the check would notice if the hostile ones got through.
 *
 * First, a list, a dashboard, the designer (with Monaco) and /api/docs (swagger-ui) open with no
 * Content-Security-Policy violation: the app works under its own CSP.
 */

import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openStore } from '@stagecraft/store';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SeedClient } from './api.js';
import { launchChromium, signIn } from './browser.js';
import { E2E_APP_ID, e2eApp } from './fixture-app.js';
import { loginOf, parseLogins, photoFile } from './journey-kit.js';
import { type RunningServer, startServer } from './server.js';

const ENTITY = 'deal';
const HOSTILE_HOST = 'evil.test';
/** The four request kinds a page of another origin can send without a CORS preflight. */
const KINDS = ['text-plain-form', 'urlencoded-form', 'no-cors-fetch', 'multipart-fetch'] as const;
type Kind = (typeof KINDS)[number];
type Target = 'import' | 'create' | 'transition' | 'upload';
const TARGETS: Target[] = ['import', 'create', 'transition', 'upload'];

let server: RunningServer;
let browser: Browser;
let admin: SeedClient;
let attackers: Server;
let attackerPort = 0;
let repId = '';
let targetId = '';
let seeded = 0;
const png = photoFile('proof.png', [200, 80, 40]);

const base = () => `${server.url}/api/apps/${E2E_APP_ID}/entities/${ENTITY}`;
const urlOf = (target: Target) =>
  ({
    import: `${base()}/import`,
    create: `${base()}/records`,
    transition: `${base()}/records/${targetId}/transitions`,
    upload: `${server.url}/api/attachments`,
  })[target];

/** The records of the e2e app the admin sees, with the target's stage. */
async function state(): Promise<{ total: number; names: string[]; stage: unknown }> {
  const list = await admin.call<{ records: { name: string }[]; total: number }>(
    'GET',
    `/api/apps/${E2E_APP_ID}/entities/${ENTITY}/records?limit=500`,
  );
  const target = await admin.call<{ stage: unknown }>(
    'GET',
    `/api/apps/${E2E_APP_ID}/entities/${ENTITY}/records/${targetId}`,
  );
  return { total: list.total, names: list.records.map((r) => r.name), stage: target.stage };
}

beforeAll(async () => {
  server = await startServer({ keepData: true });
  admin = new SeedClient(server.url);
  await admin.login(server.adminEmail, server.adminPassword);
  await admin.call('POST', '/api/apps', e2eApp);
  await admin.call('POST', `/api/apps/${E2E_APP_ID}/publish`, {});
  const rep = loginOf(parseLogins(server.banner), 'member');
  const asRep = new SeedClient(server.url);
  await asRep.login(rep.email, rep.password);
  repId = (await asRep.call<{ user: { id: string } }>('GET', '/api/auth/me')).user.id;
  const target = await asRep.call<{ id: string }>(
    'POST',
    `/api/apps/${E2E_APP_ID}/entities/${ENTITY}/records`,
    {
      name: 'Target deal',
      amount: 1000,
      phone: '13800000000',
    },
  );
  targetId = target.id;
  seeded = 1;
  // One server answers for both hostile origins: 127.0.0.1:<port> and evil.test:<port>.
  attackers = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      '<!doctype html><html><head><title>Win a prize</title></head><body><iframe name="sink"></iframe></body></html>',
    );
  });
  await new Promise<void>((resolve) => attackers.listen(0, '127.0.0.1', resolve));
  attackerPort = (attackers.address() as AddressInfo).port;
  browser = await launchChromium([`--host-resolver-rules=MAP ${HOSTILE_HOST} 127.0.0.1`]);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => attackers?.close(resolve));
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

/**
 * Runs in the hostile page: sends one request of `kind` to `url`, as a page of another origin can.
 * Forms are submitted into the page's iframe; fetches are `no-cors` with the cookie included.
 */
function hostileRequest(args: { kind: Kind; target: Target; url: string; png: number[] }): Promise<unknown> {
  const { kind, target, url } = args;
  const json =
    target === 'transition'
      ? { to: 'qualified' }
      : { name: `forged ${kind}`, amount: 5, phone: '13800000000' };
  const csv = `name,amount,phone\nforged ${kind},5,13800000000\n`;
  const text = target === 'import' ? csv : target === 'upload' ? 'forged file' : JSON.stringify(json);
  const submit = (enctype: string, fields: [string, string][]) => {
    const form = document.createElement('form');
    form.method = 'POST';
    form.action = url;
    form.enctype = enctype;
    form.target = 'sink';
    for (const [name, value] of fields) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
    return Promise.resolve(null);
  };
  if (kind === 'text-plain-form') {
    // text/plain forms send `name=value`: the name carries the body, the value closes it.
    const fields: [string, string][] =
      target === 'import'
        ? [[`${csv}x`, 'y']]
        : target === 'upload'
          ? [['file', text]]
          : [[`${text.slice(0, -1)},"pad":"`, '"}']];
    return submit('text/plain', fields);
  }
  if (kind === 'urlencoded-form') {
    const fields: [string, string][] =
      target === 'import'
        ? [['file', csv]]
        : target === 'upload'
          ? [['file', text]]
          : Object.entries(json).map(([k, v]) => [k, String(v)]);
    return submit('application/x-www-form-urlencoded', fields);
  }
  // A no-cors answer may be withheld from the page (Cross-Origin-Resource-Policy): it was sent anyway.
  const sent = () => null;
  if (kind === 'no-cors-fetch')
    return fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', body: text }).then(
      sent,
      sent,
    );
  const form = new FormData();
  if (target === 'import') form.append('file', new Blob([csv], { type: 'text/csv' }), 'forged.csv');
  else if (target === 'upload')
    form.append('file', new Blob([new Uint8Array(args.png)], { type: 'image/png' }), 'forged.png');
  else for (const [k, v] of Object.entries(json)) form.append(k, String(v));
  return fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', body: form }).then(sent, sent);
}

/**
 * The status of each POST a page sends, as the network saw it. A `no-cors` answer the browser then
 * withholds from the page (Cross-Origin-Resource-Policy) emits no Playwright "response", so the
 * status is read from the DevTools protocol's raw response (`responseReceivedExtraInfo`); form
 * navigations, which may run in another process's frame, come through Playwright's own event. Both
 * may report one request: the first report answers the one request waiting, later ones are dropped
 * (requests go one at a time, and the wait starts before the request is sent).
 */
async function postStatuses(page: Page): Promise<(url: string) => Promise<number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const posts = new Map<string, string>();
  const waiting = new Map<string, (status: number) => void>();
  const settle = (url: string, status: number) => {
    waiting.get(url)?.(status);
    waiting.delete(url);
  };
  // The protocol does not order an ExtraInfo event after its request's requestWillBeSent: a status
  // that arrives first waits here for the request's URL.
  const early = new Map<string, number>();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.request.method !== 'POST') return;
    const status = early.get(e.requestId);
    if (status === undefined) posts.set(e.requestId, e.request.url);
    else {
      early.delete(e.requestId);
      settle(e.request.url, status);
    }
  });
  cdp.on('Network.responseReceivedExtraInfo', (e) => {
    if (e.statusCode === undefined) return;
    const url = posts.get(e.requestId);
    if (url) {
      posts.delete(e.requestId);
      settle(url, e.statusCode);
    } else early.set(e.requestId, e.statusCode);
  });
  page.on('response', (r) => {
    if (r.request().method() === 'POST') settle(r.url(), r.status());
  });
  return (url) => new Promise((resolve) => waiting.set(url, resolve));
}

/** Sends one hostile request from `page` and returns the status the app answered it with. */
async function attack(
  page: Page,
  next: (url: string) => Promise<number>,
  kind: Kind,
  target: Target,
): Promise<number> {
  const url = urlOf(target);
  const answered = next(url);
  await page.evaluate(hostileRequest, { kind, target, url, png: [...png.buffer] });
  // A bound that names the request if its answer is never seen, instead of the suite's timeout.
  let timer: NodeJS.Timeout | undefined;
  const unseen = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer seen to ${kind} → ${target} (${url})`)), 30_000);
  });
  try {
    return await Promise.race([answered, unseen]);
  } finally {
    clearTimeout(timer);
  }
}

it('loads a list, a dashboard, the designer with Monaco and /api/docs under the CSP, with no violation', async () => {
  const { apps } = await admin.call<{ apps: { id: string }[] }>('GET', '/api/apps');
  let dashboard = '';
  for (const a of apps) {
    const found = await admin.call<{ dashboards: { id: string }[] }>('GET', `/api/apps/${a.id}/dashboards`);
    if (found.dashboards[0]) {
      dashboard = `${a.id}/d/${found.dashboards[0].id}`;
      break;
    }
  }
  expect(dashboard, 'the default install has a dashboard').not.toBe('');

  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
  // Runs before the app's scripts through the DevTools protocol (not an inline script).
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  const violations = async (where: string) =>
    [
      ...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)),
      ...problems.splice(0),
    ].map((v) => `${where}: ${v}`);

  await signIn(page, server.url, server.adminEmail, server.adminPassword);
  const found: string[] = [];
  await page.goto(`${server.url}/#/a/${E2E_APP_ID}/v/deals`);
  await page.waitForSelector('.sc-body-row');
  found.push(...(await violations('list')));
  await page.goto(`${server.url}/#/a/${dashboard}`);
  await page.locator('.sc-chart[data-ready=true]').first().waitFor({ timeout: 60_000 });
  found.push(...(await violations('dashboard')));
  await page.goto(`${server.url}/#/a/${E2E_APP_ID}/admin/design`);
  await page.reload();
  await page.waitForSelector('.sc-designer');
  await page.click('[data-tab="json"]');
  await page.waitForSelector('.sc-json-tab .monaco-editor .view-line');
  found.push(...(await violations('designer')));
  await page.goto(`${server.url}/api/docs/`);
  await page.waitForSelector('.swagger-ui .information-container .title');
  await page.waitForSelector('.swagger-ui .opblock');
  found.push(...(await violations('api docs')));
  expect(found).toEqual([]);
  await context.close();
});

it('ignores writes from a page on another port or another host while the rep is signed in', async () => {
  const rep = loginOf(parseLogins(server.banner), 'member');
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await signIn(page, server.url, rep.email, rep.password);
  const startedAt = new Date();
  const before = await state();
  expect(before.total).toBe(seeded);
  expect(before.stage).toBe('lead');

  const answers: string[] = [];
  for (const origin of [`http://127.0.0.1:${attackerPort}`, `http://${HOSTILE_HOST}:${attackerPort}`]) {
    const hostile = await context.newPage();
    const next = await postStatuses(hostile);
    await hostile.goto(`${origin}/`);
    for (const target of TARGETS)
      for (const kind of KINDS)
        answers.push(`${origin} ${kind} → ${target}: ${await attack(hostile, next, kind, target)}`);
    await hostile.close();
  }
  // Every one refused by the cross-site check, before it reached a route.
  expect(answers).toHaveLength(2 * TARGETS.length * KINDS.length);
  expect(answers.filter((a) => !a.endsWith(': 403'))).toEqual([]);
  expect(await state()).toEqual(before);

  // The same writes from the app's own page go through (and text/plain is refused there too).
  const own = await page.evaluate(
    async ({ base, targetId, png }) => {
      const post = (url: string, body: BodyInit, json = false) =>
        fetch(url, {
          method: 'POST',
          credentials: 'same-origin',
          headers: json ? { 'content-type': 'application/json' } : {},
          body,
        });
      const csv = new FormData();
      csv.append(
        'file',
        new Blob(['name,amount,phone\nimported here,7,13800000000\n'], { type: 'text/csv' }),
        'a.csv',
      );
      const file = new FormData();
      file.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'proof.png');
      const plain = await post(`${base}/records`, JSON.stringify({ name: 'plain text', amount: 5 }));
      const created = await post(
        `${base}/records`,
        JSON.stringify({ name: 'created here', amount: 5 }),
        true,
      );
      const imported = await post(`${base}/import`, csv);
      const moved = await post(
        `${base}/records/${targetId}/transitions`,
        JSON.stringify({ to: 'qualified' }),
        true,
      );
      const uploaded = await post('/api/attachments', file);
      return {
        statuses: [plain.status, created.status, imported.status, moved.status, uploaded.status],
        upload: ((await uploaded.json()) as { id: string }).id,
      };
    },
    { base: `/api/apps/${E2E_APP_ID}/entities/${ENTITY}`, targetId, png: [...png.buffer] },
  );
  expect(own.statuses).toEqual([415, 201, 201, 200, 201]);
  const after = await state();
  expect(after.total).toBe(seeded + 2);
  expect(after.stage).toBe('qualified');
  expect(after.names.filter((n) => n.startsWith('forged'))).toEqual([]);
  await context.close();

  // In the database the server wrote: only the app's own writes are there.
  await server.stop();
  const store = await openStore({ dataDir: server.dataDir, migrate: false });
  try {
    const table = (
      await sql<{ name: string }>`
        select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_name like ${`t%\\_${ENTITY}`}`.execute(store.db)
    ).rows.map((r) => r.name);
    expect(table).toHaveLength(1);
    const names = await sql<{
      name: string;
    }>`select name from ${sql.table(table[0] as string)} order by name`.execute(store.db);
    expect(names.rows.map((r) => r.name)).toEqual(['Target deal', 'created here', 'imported here'].sort());
    const moves = await sql<{ to: string }>`
      select to_stage as to from stage_history where record_id = ${targetId} order by id`.execute(store.db);
    expect(moves.rows.map((r) => r.to)).toEqual(['qualified']);
    const files = await sql<{ id: string }>`
      select id from attachments where uploaded_by = ${repId} and created_at >= ${startedAt.toISOString()}`.execute(
      store.db,
    );
    expect(files.rows.map((r) => r.id)).toEqual([own.upload]);
  } finally {
    await store.close();
  }
});
