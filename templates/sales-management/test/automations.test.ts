/**
 * The pack's reminders run by the automation runner on a fake clock: a lead untouched for 24 h
 * notifies its owner and the owner's manager once (a lead with a follow-up, whose first touch the
 * server then records, does not), and a follow-up with a risk signal is escalated to the manager
 * and stamps its account's last contact, three days after which the rep gets a call task.
 */
import { fileURLToPath } from 'node:url';
import { describeDialects, type OrgFixture } from '@stagecraft/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../../apps/server/src/app.js';
import { serverStoreOf } from '../../../apps/server/src/bootstrap/open.js';
import { AutomationRunner } from '../../../apps/server/src/worker/runner.js';
import {
  type Caller,
  caller,
  daysPass,
  FakeClock,
  type FastifyInstance,
  fixtureOn,
  login,
} from '../../../apps/server/test/support.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const records = (entity: string) => `/api/apps/salesManagement/entities/${entity}/records`;
const HOUR = 3_600_000;
type Note = { recordId: string; title: Record<string, string> };

describeDialects('sales-management reminders', (ctx) => {
  // Record times come from the database clock, so the fake clock starts at the real time.
  const clock = new FakeClock(new Date(Math.floor(Date.now() / 1000) * 1000));
  let app: FastifyInstance;
  let runner: AutomationRunner;
  let fx: OrgFixture;
  let rep: Caller;
  let manager: Caller;

  beforeAll(async () => {
    const store = serverStoreOf(ctx.store);
    app = await buildApp({ store, clock, templatesRoot: root, ...daysPass() });
    await app.ready();
    runner = new AutomationRunner({ store, clock });
    fx = await fixtureOn(ctx.store);
    const admin = caller(app, await login(app, fx.users.admin.email));
    const installed = await admin.post('/api/templates/sales-management/install', {});
    if (installed.statusCode !== 201) throw new Error(installed.body);
    rep = caller(app, await login(app, fx.users.east1Rep.email));
    manager = caller(app, await login(app, fx.users.eastManager.email));
  });
  afterAll(() => app.close());

  const inbox = async (who: Caller) =>
    ((await who.get('/api/inbox')).json() as { notifications: Note[] }).notifications ?? [];

  it('reminds owner and manager once about a lead untouched for 24 h', async () => {
    const quiet = (
      await rep.post(records('lead'), {
        leadCompany: '南京鼎盛软件有限公司',
        contactName: '吴敏',
        phone: '13700003333',
        leadSource: 'website',
      })
    ).json();
    const touched = (
      await rep.post(records('lead'), {
        leadCompany: '济南安泰医疗器械有限公司',
        contactName: '郑强',
        phone: '13700004444',
        leadSource: 'exhibition',
      })
    ).json();
    await runner.runUntilIdle();
    clock.advance(2 * HOUR);
    // the first touch is the server time of the first follow-up, never a typed one
    const typed = await rep.patch(
      `${records('lead')}/${touched.id}`,
      { firstTouchAt: clock.now().toISOString() },
      { 'if-match': String(touched.version) },
    );
    expect(typed.statusCode).toBe(403);
    const followUp = async (note: string) => {
      const res = await rep.post(records('followUp'), {
        relatedLead: touched.id,
        followUpType: 'phone_call',
        followUpNote: note,
      });
      expect(res.statusCode, res.body).toBe(201);
      await runner.runUntilIdle();
    };
    await followUp('首次电话沟通，客户有兴趣');
    const firstTouch = clock.now().toISOString();
    clock.advance(HOUR);
    await followUp('发送产品资料');
    expect((await rep.get(`${records('lead')}/${touched.id}`)).json().firstTouchAt).toBe(firstTouch);
    clock.advance(19 * HOUR);
    await runner.runUntilIdle();
    expect((await inbox(rep)).filter((n) => n.recordId === quiet.id)).toEqual([]);
    clock.advance(3 * HOUR);
    await runner.runUntilIdle();
    clock.advance(48 * HOUR);
    await runner.runUntilIdle();
    for (const who of [rep, manager]) {
      const notes = (await inbox(who)).filter((n) => n.recordId === quiet.id || n.recordId === touched.id);
      expect(notes.map((n) => [n.recordId, n.title['zh-CN']])).toEqual([
        [quiet.id, '线索超过 24 小时未跟进：吴敏'],
      ]);
    }
  });

  it('escalates a follow-up with a risk signal to the manager', async () => {
    const account = (
      await rep.post(records('account'), { accountName: '青岛宏图物流有限公司', phone: '0532-8000003' })
    ).json();
    const risky = await rep.post(records('followUp'), {
      relatedAccount: account.id,
      followUpType: 'onsite',
      followUpNote: '客户要招标，流程两个月',
      riskBlocker: '公开招标',
      riskSupportNeeded: '售前准备标书',
      riskExpectedDate: '2027-01-15',
    });
    expect(risky.statusCode, risky.body).toBe(201);
    await runner.runUntilIdle();
    expect((await rep.get(`${records('account')}/${account.id}`)).json().accountLastContactAt).toBe(
      clock.now().toISOString(),
    );
    // three days without another contact: the rep gets a call task
    const callTasks = async () =>
      (
        (await rep.get(`${records('salesTask')}?limit=100`)).json().records as {
          taskAccount: string;
          taskTitle: string;
        }[]
      ).filter((t) => t.taskAccount === account.id);
    clock.advance(71 * HOUR);
    await runner.runUntilIdle();
    expect(await callTasks()).toEqual([]);
    clock.advance(2 * HOUR);
    await runner.runUntilIdle();
    expect((await callTasks()).map((t) => t.taskTitle)).toEqual(['联系客户：青岛宏图物流有限公司']);
    const notes = (await inbox(manager)).filter((n) => n.recordId === risky.json().id);
    expect(notes.map((n) => n.title.en)).toEqual(['A follow-up shows a risk signal: 客户要招标，流程两个月']);
  });
});
