import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedClient } from './api.js';
import { dragTo, launchChromium, signIn } from './browser.js';
import { type RunningServer, startServer } from './server.js';

/**
 * The designer in Chromium: an admin builds an entity by dragging palette types onto the form,
 * adds a condition with the visual builder, builds a stage machine with a guard, publishes and
 * meets both in the runtime; undo/redo; a broken rule in the JSON tab; the publish diff with the
 * data impact of removing a field, rollback; and two admins saving the same draft.
 */
const shots = new URL('../../../docs/screenshots/', import.meta.url).pathname;
const APP = 'studio';
const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });

let server: RunningServer;
let browser: Browser;
let seed: SeedClient;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer();
  seed = new SeedClient(server.url);
  await seed.login(server.adminEmail, server.adminPassword);
  await seed.call('POST', '/api/apps', {
    schemaVersion: 2,
    id: APP,
    label: L('工作室', 'Studio'),
    entities: [
      {
        id: 'note',
        label: L('笔记', 'Note'),
        titleField: 'title',
        fields: [{ id: 'title', type: 'text', label: L('标题', 'Title') }],
      },
    ],
    views: [
      {
        id: 'notes',
        type: 'list',
        entity: 'note',
        label: L('笔记', 'Notes'),
        columns: [{ id: 'title', field: 'title' }],
      },
    ],
  });
  await seed.call('POST', `/api/apps/${APP}/publish`, {});
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const designerUrl = () => `${server.url}/#/a/${APP}/admin/design`;

async function openDesigner(page: Page): Promise<void> {
  await page.goto(designerUrl());
  await page.reload();
  await page.waitForSelector('.sc-designer');
}

/** Selects a form item on the canvas (retried: a click can land while a sort animation settles). */
async function selectItem(page: Page, id: string): Promise<void> {
  await expect
    .poll(async () => {
      await page.click(`.sc-canvas-item[data-item="${id}"] .sc-canvas-field`);
      return page.locator(`.sc-canvas-item.selected[data-item="${id}"]`).count();
    })
    .toBe(1);
}

/** What dnd-kit's live region last announced (empty before any move). */
const announced = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[id^="DndLiveRegion"]')].map((r) => r.textContent ?? '').join(' '),
  );

/**
 * Moves a picked-up item (keyboard drag) until dnd-kit announces it is over `target`. dnd-kit's
 * KeyboardSensor starts listening for arrow keys in a timeout after the pick-up, so on a busy
 * machine the first arrow key can arrive before it listens and be lost: press again until the
 * announcement names the target, and step back if a late announcement shows the item went `past` it.
 */
async function keyboardMoveOver(
  page: Page,
  target: string,
  { toward, past }: { toward: 'ArrowUp' | 'ArrowDown'; past: string },
): Promise<void> {
  const back = toward === 'ArrowUp' ? 'ArrowDown' : 'ArrowUp';
  await expect
    .poll(
      async () => {
        const text = await announced(page);
        if (text.includes(`over droppable area ${target}`)) return true;
        await page.keyboard.press(text.includes(`over droppable area ${past}`) ? back : toward);
        await page.waitForTimeout(300);
        return (await announced(page)).includes(`over droppable area ${target}`);
      },
      { timeout: 30_000, interval: 200 },
    )
    .toBe(true);
}

async function waitSaved(page: Page): Promise<void> {
  await page.waitForSelector('.sc-save-status[data-state="saved"]');
}

const canvasFields = (page: Page) =>
  page.locator('.sc-canvas-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-item')));

async function publish(page: Page): Promise<void> {
  await page.click('[data-tab="publish"]');
  await page.click('.sc-publish > button.sc-primary');
  await page.waitForSelector('.sc-dialog .sc-dialog-actions button.sc-primary:not([disabled])');
}

async function confirmPublish(page: Page): Promise<number> {
  await page.click('.sc-dialog .sc-dialog-actions button.sc-primary');
  const banner = page.locator('.sc-banner-ok');
  await banner.waitFor();
  return Number((await banner.textContent())?.match(/\d+/)?.[0]);
}

describe('designer in Chromium [pglite]', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
    await context.addInitScript(() => localStorage.setItem('stagecraft:locale', 'en'));
    page = await context.newPage();
    await signIn(page, server.url, server.adminEmail, server.adminPassword);
  });
  afterAll(async () => context?.close());

  it('creates an entity by dragging field types onto its form, marks one required, adds a visibility rule', async () => {
    await openDesigner(page);
    await page.fill('input[aria-label="Add entity"]', 'Ticket');
    await page.press('input[aria-label="Add entity"]', 'Enter');
    await page.waitForSelector('.sc-canvas-section[data-section="main"]');
    expect(await canvasFields(page)).toEqual(['name']);

    await dragTo(
      page,
      '.sc-palette-item[data-type="single_select"]',
      '.sc-canvas-section[data-section="main"]',
    );
    await page.waitForSelector('.sc-canvas-item[data-item="singleSelect1"]');
    await dragTo(page, '.sc-palette-item[data-type="number"]', '.sc-canvas-section[data-section="main"]');
    await page.waitForSelector('.sc-canvas-item[data-item="number1"]');
    await dragTo(page, '.sc-palette-item[data-type="text"]', '.sc-canvas-section[data-section="main"]');
    await page.waitForSelector('.sc-canvas-item[data-item="text1"]');
    // Keyboard: focus a palette type and press Enter to add it at the end.
    await page.focus('.sc-palette-item[data-type="date"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.sc-canvas-item[data-item="date1"]');
    expect(await canvasFields(page)).toEqual(['name', 'singleSelect1', 'number1', 'text1', 'date1']);

    // Reorder by drag: the date goes before the number.
    await dragTo(
      page,
      '.sc-canvas-item[data-item="date1"] .sc-drag-handle',
      '.sc-canvas-item[data-item="number1"]',
    );
    await page.waitForFunction(
      () => document.querySelectorAll('.sc-canvas-item')[2]?.getAttribute('data-item') === 'date1',
    );

    await selectItem(page, 'number1');
    await page.check('.sc-properties label.sc-check input[type=checkbox]');
    await page.waitForSelector('.sc-canvas-item[data-item="number1"] .sc-required');

    await selectItem(page, 'text1');
    const visible = page.locator('.sc-rule[data-rule="visibleWhen"]');
    await visible.locator('.sc-rule-actions button').first().click();
    await visible.locator('select[aria-label="visibleWhen Field"]').selectOption('singleSelect1');
    await visible.locator('select[aria-label="visibleWhen Value"]').selectOption('opt2');
    await page.waitForSelector('.sc-canvas-item[data-item="text1"] .sc-badge');

    // The live preview is the runtime's form: the text field appears once the sample picks option 2.
    await page.waitForSelector('.sc-preview [data-field="number1"]');
    expect(await page.locator('.sc-preview [data-field="text1"]').count()).toBe(0);
    await page.fill('.sc-sample textarea', '{"singleSelect1": "opt2"}');
    await page.waitForSelector('.sc-preview [data-field="text1"]');
    await waitSaved(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${shots}designer-form.png`, fullPage: true });
  });

  it('undoes and redoes an edit with Ctrl+Z and Ctrl+Shift+Z', async () => {
    await selectItem(page, 'text1');
    const label = page.locator('.sc-properties label', { hasText: 'Label (English)' }).locator('input');
    await label.fill('Details');
    await label.press('Enter');
    const shown = page.locator('.sc-canvas-item[data-item="text1"] strong');
    await expect.poll(() => shown.textContent()).toBe('Details');
    await page.click('.sc-designer-bar h2');
    await page.keyboard.press('Control+z');
    await expect.poll(() => shown.textContent()).toBe('Text 1');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => shown.textContent()).toBe('Details');
    await waitSaved(page);
  });

  it('publishes, and the runtime enforces the required field and the visibility condition', async () => {
    await publish(page);
    expect(await page.locator('.sc-dialog [data-diff="added:ticket.number1"]').count()).toBe(1);
    expect(await page.locator('.sc-dialog .sc-impact-create_table').textContent()).toContain('ticket');
    const version = await confirmPublish(page);
    expect(version).toBe(2);

    await page.goto(`${server.url}/#/a/${APP}/e/ticket/new`);
    await page.reload();
    await page.waitForSelector('form.sc-form');
    expect(await page.locator('[data-field="text1"]').count()).toBe(0);
    await page.locator('[data-field="name"] input').fill('First ticket');
    await page.click('form.sc-form button[type=submit]');
    await page.waitForSelector('[data-field="number1"] .sc-error');
    await page.locator('[data-field="singleSelect1"] select').selectOption('opt2');
    await page.waitForSelector('[data-field="text1"]');
    await page.locator('[data-field="number1"] input').fill('7');
    await page.locator('[data-field="text1"] input').fill('visible now');
    await page.click('form.sc-form button[type=submit]');
    await page.waitForURL(/\/e\/ticket\/r\//);
  });

  it('builds a three-stage machine with a guard; the record page refuses the move with its explanation', async () => {
    await openDesigner(page);
    await page.click('[data-tab="stages"]');
    await page.selectOption('select[aria-label="Entity"]', 'ticket');
    await page.click('.sc-stage-designer .sc-toolbar-row button');
    await page.waitForSelector('.sc-stage-row[data-stage="stage1"]');
    await page.click('.sc-stage-grid section > button.sc-button');
    await page.click('.sc-stage-grid section > button.sc-button');
    await page.waitForSelector('.sc-stage-row[data-stage="stage3"]');
    // Keyboard drag: pick stage 3 up with Space, move it up, drop, then put it back.
    await page.focus('.sc-stage-row[data-stage="stage3"] .sc-drag-handle');
    await page.keyboard.press('Space');
    await page.waitForSelector('.sc-stage-row[data-stage="stage3"] .sc-drag-handle[aria-pressed="true"]');
    await keyboardMoveOver(page, 'stage:stage2', { toward: 'ArrowUp', past: 'stage:stage1' });
    await page.keyboard.press('Space');
    await page.waitForFunction(
      () => document.querySelectorAll('.sc-stage-row')[1]?.getAttribute('data-stage') === 'stage3',
    );
    await page.click('.sc-designer-bar h2');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(
      () => document.querySelectorAll('.sc-stage-row')[2]?.getAttribute('data-stage') === 'stage3',
    );

    await page.click('.scd-transitions > button.sc-button');
    const tr = page.locator('.scd-transition[data-transition="to_stage21"]');
    await tr.waitFor();
    await tr.locator('[data-criteria="to_stage21-entry"] > button.sc-button').click();
    const rule = tr.locator('[data-criteria="to_stage21-entry"] .sc-rule').first();
    await rule.locator('.sc-rule-actions button').first().click();
    const name = 'to_stage21-entry-rule1';
    await rule.locator(`select[aria-label="${name} Field"]`).selectOption('number1');
    await rule.locator(`select[aria-label="${name} Operator"]`).selectOption('>=');
    await rule.locator(`input[aria-label="${name} Value"]`).fill('100');
    const message = tr.locator('input[aria-label="to_stage21-entry Message"]');
    await message.fill('Number 1 must reach 100 first');
    await message.press('Enter');
    await page.click('.sc-stage-row[data-stage="stage2"] button.sc-link');
    await waitSaved(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${shots}designer-stages.png`, fullPage: true });

    await publish(page);
    expect(await confirmPublish(page)).toBe(3);

    const rec = await seed.call<{ id: string; stage: string }>(
      'POST',
      `/api/apps/${APP}/entities/ticket/records`,
      {
        name: 'Guarded ticket',
        number1: 5,
      },
    );
    expect(rec.stage).toBe('stage1');
    await page.goto(`${server.url}/#/a/${APP}/e/ticket/r/${encodeURIComponent(rec.id)}`);
    await page.reload();
    const option = page.locator('[data-transition="to_stage21"]');
    await option.locator('.sc-reasons').waitFor();
    expect(await option.locator('button').isDisabled()).toBe(true);
    expect(await option.locator('.sc-reasons').textContent()).toContain('Number 1 must reach 100 first');
  });

  it('shows a broken rule in the JSON tab with a marker at its exact path', async () => {
    await page.setViewportSize({ width: 1440, height: 1500 });
    await openDesigner(page);
    await page.click('[data-tab="json"]');
    const docs = await page
      .locator('select[aria-label="Document"] option')
      .evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent ?? '']));
    const formKey = docs.find(([, label]) => label === 'forms / ticketForm')?.[0] as string;
    await page.selectOption('select[aria-label="Document"]', formKey);
    await page.waitForSelector('.sc-json-tab .monaco-editor .view-line');
    const draft = await seed.call<{
      definition: { forms: { id: string; sections: { items: { id: string }[] }[] }[] };
    }>('GET', `/api/apps/${APP}/draft`);
    const form = draft.definition.forms.find((f) => f.id === 'ticketForm');
    const text = JSON.stringify(form, null, 2);
    const line = text.slice(0, text.indexOf('"var": "singleSelect1"')).split('\n').length;
    // Break the visibility rule: make it read a field that does not exist.
    await page.locator('.sc-json-tab .view-line span', { hasText: '"singleSelect1"' }).last().dblclick();
    await page.keyboard.type('noSuchField');
    // Monaco draws the marker (message: the issue and its JSON path) on the line of the broken `var`.
    await page.locator('.sc-json-tab .squiggly-error').first().waitFor();
    const squiggleTops = await page
      .locator('.sc-json-tab .squiggly-error')
      .evaluateAll((els) => els.map((e) => Number.parseFloat((e.parentElement as HTMLElement).style.top)));
    const varLine = page.locator('.sc-json-tab .view-line', { hasText: 'noSuchField' });
    const varTop = await varLine.evaluate((e) => Number.parseFloat((e as HTMLElement).style.top));
    expect(squiggleTops).toContain(varTop);
    const lineHeight = await page
      .locator('.sc-json-tab .view-line')
      .evaluateAll((els) =>
        Math.min(...els.map((e) => Number.parseFloat((e as HTMLElement).style.top)).filter((t) => t > 0)),
      );
    expect(Math.round(varTop / lineHeight) + 1).toBe(line);
    await page.screenshot({ path: `${shots}designer-json.png` });
    await page.setViewportSize({ width: 1440, height: 1000 });
  });

  it('shows the data impact of removing a field before publishing, and rollback brings the values back', async () => {
    for (const n of [1, 2, 3])
      await seed.call('POST', `/api/apps/${APP}/entities/ticket/records`, {
        name: `Ticket ${n}`,
        number1: n,
        singleSelect1: 'opt2',
        text1: `detail ${n}`,
      });
    const kept = await seed.call<{ records: { id: string; text1?: string }[] }>(
      'GET',
      `/api/apps/${APP}/entities/ticket/records?limit=50`,
    );
    const withText = kept.records.filter((r) => r.text1);
    expect(withText.length).toBe(4);

    await openDesigner(page);
    await page.click('[data-tab="form"]');
    await page.selectOption('select[aria-label="Entity"]', 'ticket');
    await selectItem(page, 'text1');
    await page.click('.sc-prop-actions button.sc-danger');
    await page.waitForFunction(() => !document.querySelector('.sc-canvas-item[data-item="text1"]'));
    await publish(page);
    const impact = page.locator('.sc-dialog .sc-impact-archive_column');
    expect(await impact.textContent()).toBe(
      'field ticket.text1 removed: 4 values will be archived (restorable)',
    );
    expect(await page.locator('.sc-dialog [data-diff="removed:ticket.text1"]').count()).toBe(1);
    await page.screenshot({ path: `${shots}designer-publish.png` });
    expect(await confirmPublish(page)).toBe(4);
    const after = await seed.call<{ text1?: string }>(
      'GET',
      `/api/apps/${APP}/entities/ticket/records/${withText[0]?.id}`,
    );
    expect(after.text1).toBeUndefined();

    // Compare two versions: the removed field shows with its JSON path.
    await page.selectOption('.sc-compare select >> nth=0', '3');
    await page.selectOption('.sc-compare select >> nth=1', '4');
    await page.click('.sc-compare button');
    await page.waitForSelector('.sc-version-diff [data-diff="removed:fields:text1"]');

    // Rollback shows its data impact and waits for confirmation; its message says what happened.
    await page.click('.sc-versions li[data-version="3"] button');
    await page.waitForSelector('.sc-dialog .sc-impact-restore_column');
    expect(await seed.call<{ versions: unknown[] }>('GET', `/api/apps/${APP}/versions`)).toMatchObject({
      versions: { length: 4 },
    });
    await page.screenshot({ path: `${shots}designer-rollback-confirm.png` });
    await page.click('.sc-dialog .sc-primary');
    await page.waitForSelector('.sc-banner-ok >> text=republished as version 5');
    expect(await page.locator('.sc-banner-ok').textContent()).toContain(
      'Restored ticket.text1 from the archive.',
    );
    const restored = await seed.call<{ text1?: string }>(
      'GET',
      `/api/apps/${APP}/entities/ticket/records/${withText[0]?.id}`,
    );
    expect(restored.text1).toBe(withText[0]?.text1);
    await page.screenshot({ path: `${shots}designer-versions.png` });
  });

  it('edits a validation rule and a view (screens for the guide)', async () => {
    await openDesigner(page);
    await page.click('[data-tab="rules"]');
    await page.selectOption('select[aria-label="Entity"]', 'ticket');
    await page.click('.sc-rules-designer .sc-toolbar-row button');
    const rule = page.locator('.sc-vrule').first();
    await rule.waitFor();
    const id = (await rule.getAttribute('data-vrule')) as string;
    await rule.locator(`[data-rule="${id}-assert"] .sc-rule-actions button`).first().click();
    await rule.locator(`select[aria-label="${id}-assert Field"]`).selectOption('number1');
    await rule.locator(`select[aria-label="${id}-assert Operator"]`).selectOption('<=');
    await rule.locator(`input[aria-label="${id}-assert Value"]`).fill('1000');
    await rule.locator('summary', { hasText: 'Test on a sample record' }).first().click();
    await rule.locator('.sc-rule-test textarea').first().fill('{"number1": 5000}');
    await rule.locator('.sc-rule-result.fail').first().waitFor();
    await waitSaved(page);
    await page.screenshot({ path: `${shots}designer-rules.png` });

    await page.click('[data-tab="views"]');
    await page.selectOption('select[aria-label="Views"]', 'notes');
    await page.waitForSelector('.sc-view-body');
    await page.screenshot({ path: `${shots}designer-views.png` });
    const draft = await seed.call<{ definition: { validationRules: { entity: string; assert: unknown }[] } }>(
      'GET',
      `/api/apps/${APP}/draft`,
    );
    expect(draft.definition.validationRules.find((r) => r.entity === 'ticket')?.assert).toEqual({
      '<=': [{ var: 'number1' }, 1000],
    });
  });
});

describe('two admins on one draft [pglite]', () => {
  it('tells the second admin of the conflict and loses neither change', async () => {
    const a = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
    const b = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
    for (const c of [a, b]) await c.addInitScript(() => localStorage.setItem('stagecraft:locale', 'en'));
    try {
      const pa = await a.newPage();
      const pb = await b.newPage();
      await signIn(pa, server.url, server.adminEmail, server.adminPassword);
      await signIn(pb, server.url, server.adminEmail, server.adminPassword);
      await openDesigner(pa);
      await openDesigner(pb);
      for (const p of [pa, pb]) await p.selectOption('select[aria-label="Entity"]', 'ticket');

      const rename = async (p: Page, item: string, text: string) => {
        await selectItem(p, item);
        const input = p.locator('.sc-properties label', { hasText: 'Label (English)' }).locator('input');
        await input.fill(text);
        await input.press('Enter');
      };
      await rename(pa, 'number1', 'Score');
      await waitSaved(pa);
      await rename(pb, 'singleSelect1', 'Kind');
      const banner = pb.locator('[data-testid="draft-conflict"]');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('Another admin saved this draft meanwhile');
      expect(await pb.locator('.sc-canvas-item[data-item="singleSelect1"] strong').textContent()).toBe(
        'Kind',
      );
      await banner.locator('button', { hasText: 'Compare' }).click();
      await pb.waitForSelector('.sc-compare [data-diff="changed:ticket.singleSelect1"]');
      await pb.screenshot({ path: `${shots}designer-conflict.png` });
      await banner.locator('button', { hasText: 'Reload and reapply my edits' }).click();
      await waitSaved(pb);

      const draft = await seed.call<{
        definition: { entities: { id: string; fields: { id: string; label: { en?: string } }[] }[] };
      }>('GET', `/api/apps/${APP}/draft`);
      const fields = draft.definition.entities.find((e) => e.id === 'ticket')?.fields ?? [];
      expect(fields.find((f) => f.id === 'number1')?.label.en).toBe('Score');
      expect(fields.find((f) => f.id === 'singleSelect1')?.label.en).toBe('Kind');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
