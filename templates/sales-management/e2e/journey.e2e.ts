/**
 * Journeys on the sales-management pack exactly as `stagecraft start` installs it (the default
 * template with its demo data), signed in with the demo logins the first start printed, at desktop
 * size and on a phone. Every step is screenshotted under docs/screenshots/journeys/ and checked
 * with axe (no serious or critical WCAG 2 A/AA violation).
 *
 * - the rep logs a follow-up with a PDF and next week's follow-up date, meets the risk
 *   questionnaire a risk word forces, and moves a deal forward with the evidence it needs;
 * - the manager drills the cockpit region → team → rep by name and opens a team member's file;
 * - the admin takes a deal over 500,000 through the tech, legal and service sign-off with the demo
 *   approvers, seeing 进入签约执行 blocked (and why) until all three approved.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedClient } from '../../../apps/web/e2e/api.js';
import { launchChromium } from '../../../apps/web/e2e/browser.js';
import {
  dateFromToday,
  type Login,
  loginOf,
  openAs,
  parseLogins,
  pdfFile,
  saveNew,
  step,
  type ViewportName,
  waitForNames,
} from '../../../apps/web/e2e/journey-kit.js';
import { type RunningServer, startServer } from '../../../apps/web/e2e/server.js';

interface Rec extends Record<string, unknown> {
  id: string;
  owner: string | null;
  stage?: string | null;
}
interface WidgetData {
  dimensions: { id: string }[];
  rows: Record<string, unknown>[];
  labels: Record<string, Record<string, string | Record<string, string>>>;
}
interface User {
  id: string;
  email: string;
  name: string;
  orgUnitId: string | null;
}

let server: RunningServer;
let browser: Browser;
let admin: SeedClient;
let app: string;
let logins: Login[];
let users: User[];

const records = (client: SeedClient, entity: string, query = '') =>
  client
    .call<{ records: Rec[]; total: number }>(
      'GET',
      `/api/apps/${app}/entities/${entity}/records?limit=500${query}`,
    )
    .then((r) => r.records);
const recordUrl = (entity: string, id: string) => `${server.url}/#/a/${app}/e/${entity}/r/${id}`;

beforeAll(async () => {
  server = await startServer();
  admin = new SeedClient(server.url);
  await admin.login(server.adminEmail, server.adminPassword);
  const { templates } = await admin.call<{ templates: { app: string; installedVersion: string | null }[] }>(
    'GET',
    '/api/templates',
  );
  const installed = templates.filter((t) => t.installedVersion !== null);
  expect(installed).toHaveLength(1);
  app = (installed[0] as { app: string }).app;
  logins = parseLogins(server.banner);
  users = (await admin.call<{ users: User[] }>('GET', '/api/users')).users;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('prints the rep, the manager and the three sign-off approvers as demo logins', () => {
  expect(logins.map((l) => l.role).sort()).toEqual(
    ['legalReviewer', 'manager', 'member', 'serviceReviewer', 'techReviewer'].sort(),
  );
  for (const l of logins) expect(users.find((u) => u.email === l.email)?.name).toBe(l.name);
});

/** Picks `text` in the search picker of a form field (reference or user). */
async function pick(page: Page, scope: string, text: string): Promise<void> {
  const input = page.locator(`${scope} .sc-picker input`);
  await input.fill(text);
  await page.locator(`${scope} .sc-choices`).getByRole('button', { name: text, exact: true }).click();
  await page.locator(`${scope} .sc-picked-label`, { hasText: text }).waitFor();
}

/** Waits for the record page of `entity` to show `stage` as the current step of its path. */
async function currentStage(page: Page, label: string): Promise<void> {
  await page.locator('.sc-path [aria-current=step]', { hasText: label }).waitFor();
}

describe.each(['desktop', 'phone'] as ViewportName[])('sales-management journeys (%s)', (size) => {
  it('rep: logs a follow-up with a PDF and next week’s date, meeting the risk questionnaire first', async () => {
    const rep = loginOf(logins, 'member');
    const repClient = new SeedClient(server.url);
    await repClient.login(rep.email, rep.password);
    const page = await openAs(browser, server.url, rep, size);
    const J = 'sales-rep';
    let n = 0;

    // The follow-up list, then a new follow-up from it.
    await page.goto(`${server.url}/#/a/${app}/v/followUpList`);
    await page.waitForSelector('.sc-body-row');
    await step(page, J, size, ++n, 'follow-up-list');
    await page.goto(`${server.url}/#/a/${app}/e/followUp/new/followUpForm`);
    const form = page.locator('form.sc-form');
    await form.waitFor();
    await step(page, J, size, ++n, 'follow-up-form');

    const [account] = await records(repClient, 'account');
    if (!account) throw new Error('the rep sees no account');
    await pick(page, '[data-field=relatedAccount]', String(account.accountName));
    await page.locator('[data-field=followUpType] select').selectOption({ index: 1 });
    const note = `客户表示预算冻结，下季度再评估（${size}）`;
    await page.locator('[data-field=followUpNote] textarea').fill(note);
    await page.locator('[data-field=nextStep] input').fill('约采购负责人当面沟通预算');
    const nextWeek = dateFromToday(7);
    await page.locator('[data-field=nextFollowUpDate] input').fill(nextWeek);
    const pdf = pdfFile(`meeting-notes-${size}.pdf`, `Follow-up minutes ${size}`);
    await page.locator('[data-field=followUpEvidence] input[type=file]').setInputFiles(pdf);
    await page.locator('[data-field=followUpEvidence] .sc-file-name', { hasText: pdf.name }).waitFor();

    // The risk word brings the questionnaire in; saving without it is refused, nothing is created.
    const questionnaire = page.locator('[data-field=riskBlocker]');
    await questionnaire.waitFor();
    const before = (await records(repClient, 'followUp')).length;
    await form.locator('button[type=submit]').click();
    await page.locator('[data-field=riskBlocker] .sc-error').waitFor();
    await step(page, J, size, ++n, 'risk-questionnaire-required');
    expect(page.url()).toContain('/new/');
    expect((await records(repClient, 'followUp')).length).toBe(before);

    await page.locator('[data-field=riskBlocker] textarea').fill('客户财务预算冻结到下季度');
    await page.locator('[data-field=riskSupportNeeded] textarea').fill('需要区域经理拜访客户财务总监');
    await page.locator('[data-field=riskExpectedDate] input').fill(dateFromToday(30));
    const followUpId = await saveNew(page, 'followUp');
    await page.locator('.sc-record-side a', { hasText: pdf.name }).waitFor();
    await step(page, J, size, ++n, 'follow-up-saved');

    const saved = await repClient.call<Rec>(
      'GET',
      `/api/apps/${app}/entities/followUp/records/${followUpId}`,
    );
    expect(saved).toMatchObject({
      followUpNote: note,
      nextFollowUpDate: nextWeek,
      riskBlocker: '客户财务预算冻结到下季度',
      followUpEvidence: [{ name: pdf.name, mime: 'application/pdf', size: pdf.buffer.length }],
    });
    const fileHref = await page.locator('.sc-record-side a', { hasText: pdf.name }).getAttribute('href');
    const file = await page.request.get(new URL(fileHref as string, server.url).toString());
    expect(file.status()).toBe(200);
    expect(Buffer.from(await file.body()).equals(pdf.buffer)).toBe(true);

    await page.context().close();
  });

  it('rep: moves a deal forward on the pipeline with the evidence it needs', async () => {
    const rep = loginOf(logins, 'member');
    const repClient = new SeedClient(server.url);
    await repClient.login(rep.email, rep.password);
    const page = await openAs(browser, server.url, rep, size);
    const J = 'sales-rep-deal';
    let n = 0;

    // The pipeline board: the rep's deals; open one in 初步接触 and confirm its needs.
    await page.goto(`${server.url}/#/a/${app}/v/pipelineBoard`);
    const column = page.locator('section[data-stage=initialContact]');
    await column.locator('.sc-card-item').first().waitFor();
    await waitForNames(page, '.sc-card-item dd');
    await step(page, J, size, ++n, 'pipeline-board');
    await column.locator('.sc-card-item .sc-card-title').first().click();
    await page.waitForURL(/\/e\/opportunity\/r\//);
    const dealId = page.url().split('/r/')[1] as string;
    await currentStage(page, '初步接触');
    const confirm = page.locator('[data-transition=confirmNeeds] button');
    await confirm.waitFor();
    await step(page, J, size, ++n, 'deal-record');
    await confirm.click();
    const dialog = page.locator('[role=dialog]');
    await dialog.waitFor();
    await dialog.locator('textarea').fill('1. 多门店库存不同步\n2. 月底对账靠人工');
    // Without the evidence the move is refused and says which files are missing.
    await dialog.locator('button[type=submit]').click();
    await dialog.locator('.sc-field-invalid .sc-error').first().waitFor();
    await step(page, J, size, ++n, 'evidence-required');
    await dialog
      .locator('#tr-confirmNeeds-ev-painPointList')
      .setInputFiles(pdfFile(`pain-points-${size}.pdf`, 'Pain points'));
    await dialog
      .locator('#tr-confirmNeeds-ev-meetingMinutes')
      .setInputFiles(pdfFile(`minutes-${size}.pdf`, 'Meeting minutes'));
    await dialog.locator('.sc-file-name', { hasText: `minutes-${size}.pdf` }).waitFor();
    await dialog.locator('.sc-file-name', { hasText: `pain-points-${size}.pdf` }).waitFor();
    await step(page, J, size, ++n, 'evidence-attached');
    await dialog.locator('button[type=submit]').click();
    await dialog.waitFor({ state: 'detached' });
    await currentStage(page, '需求确认');
    await page.locator('.sc-record-side a', { hasText: `pain-points-${size}.pdf` }).waitFor();
    await step(page, J, size, ++n, 'deal-moved');
    const moved = await repClient.call<Rec>('GET', `/api/apps/${app}/entities/opportunity/records/${dealId}`);
    expect(moved.stage).toBe('needsConfirmed');
    await page.context().close();
  });

  it('manager: drills the cockpit region → team → rep, the breadcrumb naming each', async () => {
    const manager = loginOf(logins, 'manager');
    const rep = loginOf(logins, 'member');
    const page = await openAs(browser, server.url, manager, size);
    const J = 'sales-manager';
    let n = 0;

    await page.goto(`${server.url}/#/a/${app}/d/salesCockpit`);
    const widget = page.locator('[data-widget=amountByOrg]');
    await widget.locator('.sc-chart[data-ready=true]').waitFor({ timeout: 60_000 });
    await widget.scrollIntoViewIfNeeded();
    await step(page, J, size, ++n, 'cockpit');

    // the data of each drill level as the page receives it (the chart draws it as bars, in row order)
    const levels: WidgetData[] = [];
    page.on('response', (r) => {
      if (r.ok() && /\/widgets\/amountByOrg\/data/.test(r.url()))
        void r.json().then((d: WidgetData) => levels.push(d));
    });
    const crumbs = widget.locator('h3 .sc-muted');
    // Region, then team: the bar of the manager's own region and team (the only ones in scope).
    await clickBar(page, widget, 0);
    await crumbs.waitFor();
    await step(page, J, size, ++n, 'drilled-to-region');
    await expect.poll(() => crumbs.textContent()).toMatch(/^· 华东大区$/);
    await clickBar(page, widget, 0);
    await expect.poll(() => crumbs.textContent()).toMatch(/›/);
    await expect.poll(() => crumbs.textContent()).toMatch(/^· 华东大区 › 华东一组$/);
    await step(page, J, size, ++n, 'drilled-to-team');

    // The rep level names people; the bar of the rep who logged in above opens their deals.
    await expect.poll(() => levels.length).toBe(2);
    const reps = levels[1] as WidgetData;
    const dim = reps.dimensions[0]?.id as string;
    const order = [...new Set(reps.rows.map((r) => String(r[dim])))];
    const repUser = users.find((u) => u.email === rep.email) as User;
    const at = order.indexOf(repUser.id);
    expect(at).toBeGreaterThanOrEqual(0);
    for (const id of order) {
      const label = reps.labels[dim]?.[id];
      expect(typeof label === 'string' ? label : label?.['zh-CN']).toBe(users.find((u) => u.id === id)?.name);
    }
    const drill = page.locator('.sc-drill-records');
    // The rep's bar, found again on each try: a click that lands while the chart still redraws
    // (narrow phone charts animate longest) opens nothing, and the next try clicks the settled bar.
    await expect
      .poll(
        async () => {
          const repBars = await settledBars(widget);
          expect(repBars).toHaveLength(order.length);
          const bar = repBars[at] as { x: number; y: number };
          await page.mouse.click(bar.x, bar.y);
          return drill.locator('li').count();
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBeGreaterThan(0);
    await drill.scrollIntoViewIfNeeded();
    await step(page, J, size, ++n, 'drilled-to-rep');
    // the deals listed are that rep's
    const href = (await drill.locator('li a').first().getAttribute('href')) ?? '';
    const listed = await admin.call<Rec>(
      'GET',
      `/api/apps/${app}/entities/opportunity/records/${href.split('/r/')[1]}`,
    );
    expect(listed.owner).toBe(repUser.id);
    await page.context().close();
  });

  it('manager: opens a team member’s follow-up and its evidence file', async () => {
    const manager = loginOf(logins, 'manager');
    const rep = loginOf(logins, 'member');
    const managerUser = users.find((u) => u.email === manager.email) as User;
    const page = await openAs(browser, server.url, manager, size);
    const J = 'sales-manager-file';
    let n = 0;

    // A team member's follow-up with its evidence photo: the file opens for the manager.
    const repUser = users.find((u) => u.email === rep.email) as User;
    const withFile = (
      await records(
        admin,
        'followUp',
        `&filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'owner' }, repUser.id] }))}`,
      )
    ).find((r) => Array.isArray(r.followUpEvidence) && r.followUpEvidence.length > 0);
    if (!withFile) throw new Error('the rep has no follow-up with evidence');
    expect(repUser.id).not.toBe(managerUser.id);
    await page.goto(recordUrl('followUp', withFile.id));
    const link = page.locator('.sc-record-side .sc-file-list a').first();
    await link.waitFor();
    await step(page, J, size, ++n, 'member-follow-up');
    const href = await link.getAttribute('href');
    const res = await page.request.get(new URL(href as string, server.url).toString());
    expect(res.status()).toBe(200);
    const expected = (withFile.followUpEvidence as { size: number; mime: string }[])[0];
    expect(res.headers()['content-type']).toContain(expected?.mime as string);
    expect((await res.body()).length).toBe(expected?.size);
    await page.context().close();
  });

  it('admin: takes a deal over 500,000 through the tech, legal and service sign-off to 签约执行', async () => {
    const J = 'sales-admin';
    let n = 0;
    const page = await openAs(
      browser,
      server.url,
      { email: server.adminEmail, password: server.adminPassword },
      size,
    );
    // A deal at 方案提交 not touched by another journey: the admin quotes it at 680,000.
    const candidates = (await records(admin, 'opportunity')).filter((r) => r.stage === 'proposalSubmitted');
    const deal = candidates[size === 'desktop' ? 0 : 1];
    if (!deal) throw new Error('no deal at proposalSubmitted in the demo data');
    await page.goto(recordUrl('opportunity', deal.id));
    await currentStage(page, '方案提交');
    await step(page, J, size, ++n, 'deal-at-proposal');
    await page.locator('[data-transition=startNegotiation] button').click();
    const dialog = page.locator('[role=dialog]');
    await dialog.waitFor();
    await dialog.locator('#tr-startNegotiation-amount').fill('680000');
    await dialog
      .locator('#tr-startNegotiation-ev-signedProposalLastPage')
      .setInputFiles(pdfFile('signed-last-page.pdf', 'Signed'));
    await dialog.locator('.sc-file-name', { hasText: 'signed-last-page.pdf' }).waitFor();
    await step(page, J, size, ++n, 'quote-680000');
    await dialog.locator('button[type=submit]').click();
    await dialog.waitFor({ state: 'detached' });
    await currentStage(page, '报价谈判');

    // The sign-off starts (the automation, run by the worker); 进入签约执行 is not offered meanwhile.
    await expect
      .poll(
        async () =>
          (
            await admin.call<{ approvals: { status: string }[] }>(
              'GET',
              `/api/apps/${app}/entities/opportunity/records/${deal.id}/approvals`,
            )
          ).approvals.map((a) => a.status),
        { timeout: 30_000 },
      )
      .toEqual(['pending']);
    await page.reload();
    const contract = page.locator('[data-transition=startContract]');
    await contract.locator('.sc-reasons').waitFor();
    expect(await contract.locator('button').isDisabled()).toBe(true);
    expect(await contract.locator('.sc-reasons').textContent()).toMatch(/审批/);
    await step(page, J, size, ++n, 'contract-blocked-by-approval');

    // Each reviewer signs off from their approvals page.
    for (const role of ['techReviewer', 'legalReviewer', 'serviceReviewer']) {
      const reviewer = await openAs(browser, server.url, loginOf(logins, role), size);
      await reviewer.goto(`${server.url}/#/approvals`);
      const item = reviewer.locator('.inbox-item', {
        has: reviewer.locator(`a[href$="/r/${deal.id}"]`),
      });
      await item.waitFor();
      await item.locator('input').fill(`${role} ok`);
      await step(reviewer, J, size, ++n, `${role}-approves`);
      await item.locator('button.sc-button-primary').click();
      await item.waitFor({ state: 'detached' });
      await reviewer.context().close();
    }
    const approvals = await admin.call<{ approvals: { status: string }[] }>(
      'GET',
      `/api/apps/${app}/entities/opportunity/records/${deal.id}/approvals`,
    );
    expect(approvals.approvals.map((a) => a.status)).toEqual(['approved']);

    await page.reload();
    const run = page.locator('[data-transition=startContract] button:not([disabled])');
    await run.waitFor();
    await step(page, J, size, ++n, 'contract-available');
    await run.click();
    await dialog.waitFor();
    await dialog.locator('#tr-startContract-expectedCloseDate').fill(dateFromToday(14));
    await dialog.locator('button[type=submit]').click();
    await dialog.waitFor({ state: 'detached' });
    await currentStage(page, '签约执行');
    await step(page, J, size, ++n, 'contract-execution');
    const after = await admin.call<Rec>('GET', `/api/apps/${app}/entities/opportunity/records/${deal.id}`);
    expect(after).toMatchObject({ stage: 'contractExecution', amount: 680000 });
    await page.context().close();
  });
});

/** Centres of the bars of a widget's bar chart, read from its canvas (the series' fill colour). */
async function barsOf(widget: Locator): Promise<{ x: number; y: number }[]> {
  const canvas = widget.locator('canvas').first();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('chart not visible');
  const bars = await canvas.evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d');
    if (!ctx) return [];
    const { width, height } = c;
    const img = ctx.getImageData(0, 0, width, height).data;
    const scale = c.width / c.getBoundingClientRect().width;
    // the bar colour: the first colour of echarts' default palette
    const palette = [
      [80, 112, 221], // echarts 6
      [84, 112, 198], // echarts 5
    ];
    const isBar = (i: number) =>
      palette.some(
        ([r, g, b]) =>
          Math.abs((img[i] as number) - (r as number)) < 14 &&
          Math.abs((img[i + 1] as number) - (g as number)) < 14 &&
          Math.abs((img[i + 2] as number) - (b as number)) < 14,
      );
    // columns holding bar pixels, and the lowest bar pixel of each (the bars stand on the axis)
    const bottom: number[] = [];
    for (let x = 0; x < width; x++) {
      bottom[x] = -1;
      for (let y = height - 1; y >= 0; y--)
        if (isBar((y * width + x) * 4)) {
          bottom[x] = y;
          break;
        }
    }
    const runs: { x: number; y: number }[] = [];
    for (let x = 0; x < width; ) {
      if ((bottom[x] as number) < 0) {
        x++;
        continue;
      }
      const start = x;
      while (x < width && (bottom[x] as number) >= 0) x++;
      if (x - start >= 3 * scale) {
        const mid = Math.floor((start + x) / 2);
        runs.push({ x: mid / scale, y: ((bottom[mid] as number) - 2 * scale) / scale });
      }
    }
    return runs;
  });
  return bars.map((b) => ({ x: box.x + b.x, y: box.y + b.y }));
}

/** Clicks bar `i` (left to right) of the widget's chart. */
async function clickBar(page: Page, widget: Locator, i: number): Promise<void> {
  const bar = (await settledBars(widget))[i];
  if (!bar) throw new Error(`bar ${i} not found`);
  await page.mouse.click(bar.x, bar.y);
  // the widget reloads its data for the next level and redraws
  await widget.locator('.sc-chart[data-ready=true]').waitFor();
}

/** The bars of the widget's chart once its drawing settled (the same count twice in a row). */
async function settledBars(widget: Locator): Promise<{ x: number; y: number }[]> {
  // off the chart, so no bar is drawn in its highlight colour
  await widget.page().mouse.move(1, 1);
  let before = -1;
  let bars: { x: number; y: number }[] = [];
  await expect
    .poll(async () => {
      bars = await barsOf(widget);
      const same = bars.length > 0 && bars.length === before;
      before = bars.length;
      return same;
    })
    .toBe(true);
  return bars;
}
