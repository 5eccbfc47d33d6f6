/**
 * "下次跟进日期不能早于今天" in the browser, on a device whose clock runs ten days ahead of the
 * server: the follow-up form, fed with the rule context the installed pack's published app sends
 * (server clock, app zone, user), accepts next week and refuses yesterday, and the server answers
 * the same payloads the same way. The server's clock stands just past midnight in Shanghai, when
 * the UTC date is still the day before.
 *
 * The server runs as in the other scenario suites (Node environment); the form renders in a jsdom
 * window installed once the server is up, so the renderer's modules are loaded after it.
 */
import { fileURLToPath } from 'node:url';
import type { ServerRuleContext } from '@stagecraft/renderer';
import { App } from '@stagecraft/schema';
import { describeDialects, type OrgFixture } from '@stagecraft/store/testing';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { builtinEnvironments } from 'vitest/environments';
import { buildApp } from '../../../apps/server/src/app.js';
import {
  type Caller,
  caller,
  daysPass,
  envelope,
  FakeClock,
  type FastifyInstance,
  fixtureOn,
  login,
} from '../../../apps/server/test/support.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Installs Vitest's jsdom window as the globals React and Testing Library expect, keeping Node's URL. */
async function browserModules() {
  const { URL: NodeURL } = globalThis;
  const window = await builtinEnvironments.jsdom.setup(globalThis, { jsdom: { url: 'http://localhost/' } });
  globalThis.URL = NodeURL;
  const [renderer, testing, memory, form] = await Promise.all([
    import('@stagecraft/renderer'),
    import('@testing-library/react'),
    import('../../../packages/renderer/src/testing/memory-services.js'),
    import('../../../packages/renderer/src/testing/render-form.js'),
  ]);
  return { ...renderer, ...testing, ...memory, ...form, teardown: () => window.teardown(globalThis) };
}

// One window per file: React and Testing Library bind to the document they were first loaded with,
// so the PGlite and PostgreSQL suites share it, and it goes when both are done.
let browser: ReturnType<typeof browserModules> | undefined;
const browserOnce = () => {
  browser ??= browserModules();
  return browser;
};
afterAll(async () => (await browser)?.teardown());

const APP = 'salesManagement';
const FOLLOW_UPS = `/api/apps/${APP}/entities/followUp/records`;
/** The device's own clock: 1 December, ten days after the server's. */
const DEVICE_NOW = new Date('2026-12-01T09:00:00.000Z');

describeDialects('next follow-up date in the browser form', (ctx) => {
  let server: FastifyInstance;
  let fx: OrgFixture;
  let rep: Caller;
  let published: { definition: unknown; ruleContext: ServerRuleContext };
  let account: { id: string };
  let b: Awaited<ReturnType<typeof browserModules>>;
  // 00:30 on 21 November in Shanghai (the app's zone); still 20 November in UTC
  const clock = new FakeClock(new Date('2026-11-20T16:30:00.000Z'));

  beforeAll(async () => {
    server = await buildApp({ store: ctx.store, clock, templatesRoot: root, ...daysPass() });
    await server.ready();
    fx = await fixtureOn(ctx.store);
    const admin = caller(server, await login(server, fx.users.admin.email));
    const installed = await admin.post('/api/templates/sales-management/install', {});
    if (installed.statusCode !== 201) throw new Error(installed.body);
    rep = caller(server, await login(server, fx.users.east1Rep.email));
    const made = await rep.post(`/api/apps/${APP}/entities/account/records`, {
      accountName: 'Acme 华东',
      phone: '13800000001',
    });
    if (made.statusCode !== 201) throw new Error(made.body);
    account = made.json();
    const res = await rep.get(`/api/apps/${APP}/published`);
    expect(res.statusCode).toBe(200);
    published = res.json();
    b = await browserOnce();
  });
  afterAll(() => server.close());
  afterEach(() => {
    vi.useRealTimers();
    b?.cleanup();
  });

  /** Fills the follow-up form on the skewed device and saves it; returns what the form sent, if anything. */
  async function fillAndSave(nextDate: string): Promise<Record<string, unknown> | null> {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(DEVICE_NOW);
    // the published app was fetched on this device: sent and answered at DEVICE_NOW
    const session = b.createRuleSession(published.ruleContext, {
      sentAt: Date.now(),
      receivedAt: Date.now(),
    });
    const services = new b.MemoryServices();
    services.seed('account', [{ id: account.id, accountName: 'Acme 华东' }]);
    b.renderForm(published.definition as never, { entity: 'followUp', session, services, locale: 'zh-CN' });
    b.fireEvent.change(b.screen.getByLabelText('客户'), { target: { value: 'Acme' } });
    b.fireEvent.click(await b.screen.findByRole('button', { name: 'Acme 华东' }));
    b.fireEvent.change(b.screen.getByLabelText(/跟进方式/), { target: { value: 'phone_call' } });
    b.fireEvent.change(b.screen.getByLabelText(/跟进内容/), {
      target: { value: '客户确认了需求，约下周演示' },
    });
    b.fireEvent.change(b.screen.getByLabelText('下次跟进日期'), { target: { value: nextDate } });
    b.fireEvent.click(b.screen.getByRole('button', { name: '保存' }));
    await b.waitFor(() =>
      expect(
        services.calls.some((c) => c.method === 'createRecord') ||
          b.screen.queryAllByRole('alert').length > 0,
      ).toBe(true),
    );
    const call = services.calls.find((c) => c.method === 'createRecord');
    return call ? (call.args[1] as Record<string, unknown>) : null;
  }

  it('sends the app zone and the server clock, whose today is not the device’s', () => {
    expect(published.ruleContext.timeZone).toBe('Asia/Shanghai');
    expect(published.ruleContext.now).toBe('2026-11-20T16:30:00.000Z');
    // On its own clock the device would refuse next week (28 November is before its 1 December).
    const app = App.parse(published.definition);
    const rules = app.validationRules.filter((r) => r.entity === 'followUp');
    const data = { relatedAccount: account.id, nextFollowUpDate: '2026-11-28' };
    const local = b.localRuleSession('Asia/Shanghai', () => DEVICE_NOW.getTime());
    expect(
      b.checkRules(
        rules,
        b.defaultRuleRuntime,
        data,
        'create',
        'zh-CN',
        b.formRuleContext(local, null, 'zh-CN'),
      ),
    ).toHaveLength(1);
  });

  it('accepts a date next week, and the server saves what the form sent', async () => {
    const sent = await fillAndSave('2026-11-28');
    expect(b.screen.queryByText('下次跟进日期不能早于今天')).toBeNull();
    expect(sent).toMatchObject({ relatedAccount: account.id, nextFollowUpDate: '2026-11-28' });
    vi.useRealTimers();
    const saved = await rep.post(FOLLOW_UPS, sent);
    expect(saved.statusCode, saved.body).toBe(201);
  });

  it('accepts today (21 November in Shanghai, though UTC still says the 20th)', async () => {
    const sent = await fillAndSave('2026-11-21');
    expect(sent).toMatchObject({ nextFollowUpDate: '2026-11-21' });
    vi.useRealTimers();
    expect((await rep.post(FOLLOW_UPS, sent)).statusCode).toBe(201);
  });

  it('refuses yesterday at the field, sends nothing, and the server refuses it too', async () => {
    const sent = await fillAndSave('2026-11-20');
    expect(sent).toBeNull();
    const field = document.querySelector('[data-field="nextFollowUpDate"]');
    expect(field?.querySelector('.sc-error')?.textContent).toBe('下次跟进日期不能早于今天');
    vi.useRealTimers();
    const refused = await rep.post(FOLLOW_UPS, {
      relatedAccount: account.id,
      followUpType: 'phone_call',
      followUpNote: '客户确认了需求，约下周演示',
      nextFollowUpDate: '2026-11-20',
    });
    expect(refused.statusCode).toBe(422);
    expect(envelope(refused).details).toMatchObject([{ path: '/nextFollowUpDate', code: 'RULE_FAILED' }]);
  });
});
