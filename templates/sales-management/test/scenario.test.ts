/**
 * The brief's sales flows through the HTTP API on the installed sales-management pack: tiers and
 * lead scores compute, duplicates are refused, MQL → SQL needs a verified budget and decision
 * maker, a stage skip is refused, evidence is required, and a risk word forces the questionnaire.
 */
import { fileURLToPath } from 'node:url';
import { describeDialects, type OrgFixture } from '@stagecraft/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { PDF, upload } from '../../../apps/server/test/transitions-fixture.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const APP = 'salesManagement';
const records = (entity: string) => `/api/apps/${APP}/entities/${entity}/records`;

describeDialects('sales-management scenarios', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let rep: Caller;
  let repCookie: string;
  const clock = new FakeClock(new Date('2026-09-01T02:00:00.000Z'));

  beforeAll(async () => {
    app = await buildApp({ store: ctx.store, clock, templatesRoot: root, ...daysPass() });
    await app.ready();
    fx = await fixtureOn(ctx.store);
    const admin = caller(app, await login(app, fx.users.admin.email));
    const installed = await admin.post('/api/templates/sales-management/install', {});
    if (installed.statusCode !== 201) throw new Error(installed.body);
    repCookie = await login(app, fx.users.east1Rep.email);
    rep = caller(app, repCookie);
  });
  afterAll(() => app.close());

  const create = async (entity: string, values: object) => {
    const res = await rep.post(records(entity), values);
    if (res.statusCode !== 201) throw new Error(`${entity}: ${res.statusCode} ${res.body}`);
    return res.json() as Record<string, unknown> & { id: string; version: number };
  };
  const attach = async (name: string) => {
    const res = await upload(app, repCookie, { name, type: 'application/pdf', data: PDF });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json().id as string;
  };

  it('computes account tiers from yearly purchases and payment record', async () => {
    const tier = async (
      yearlyPurchases: number,
      paymentRecord: string,
      productLinesBought: number,
      n: number,
    ) =>
      (
        await create('account', {
          accountName: `苏州测试客户${n}`,
          phone: `0512-6000000${n}`,
          yearlyPurchases,
          paymentRecord,
          productLinesBought,
        })
      ).accountTier;
    expect(await tier(1_200_000, 'good', 3, 1)).toBe('A');
    expect(await tier(1_200_000, 'occasional_late', 3, 2)).toBe('B');
    expect(await tier(60_000, 'frequent_late', 1, 3)).toBe('C');
    expect(await tier(60_000, 'bad_debt', 1, 4)).toBe('D');
    expect(await tier(10_000, 'good', 0, 5)).toBe('D');
  });

  it('scores leads and refuses a duplicate phone + name', async () => {
    const lead = {
      leadCompany: '杭州华信电子科技有限公司',
      contactName: '陈思远',
      phone: '13800001111',
      leadSource: 'referral',
      companySize: 's1000_plus',
      industry: 'manufacturing',
      downloadedWhitepaper: true,
      websiteVisits: 12,
    };
    const created = await create('lead', lead);
    expect(created.leadScore).toBe(30 + 25 + 15 + 10 + 0 + 10);
    expect(created.stage).toBe('mql');
    const cold = await create('lead', {
      ...lead,
      contactName: '李娜',
      leadSource: 'cold_call',
      companySize: 's1_50',
      industry: 'retail',
      downloadedWhitepaper: false,
      websiteVisits: 0,
    });
    expect(cold.leadScore).toBe(5 + 5 + 5);
    const duplicate = await rep.post(records('lead'), lead);
    expect(duplicate.statusCode).toBe(409);
    expect(envelope(duplicate).code).toBe('DUPLICATE_RECORD');
  });

  it('moves a lead to SQL only with a verified budget and a confirmed decision maker', async () => {
    const lead = await create('lead', {
      leadCompany: '宁波永晟物流有限公司',
      contactName: '周杰',
      phone: '13900002222',
      leadSource: 'website',
    });
    const url = `${records('lead')}/${lead.id}/transitions`;
    const blocked = await rep.post(url, { to: 'sql', fields: { leadBudgetRange: 'b500k_1m' } });
    expect(blocked.statusCode).toBe(422);
    expect(envelope(blocked).code).toBe('TRANSITION_BLOCKED');
    expect(envelope(blocked).message).toMatch(/verified budget range|已核实的预算范围/);
    expect(envelope(blocked).message).toMatch(/decision maker|决策人/);
    const moved = await rep.post(url, {
      to: 'sql',
      fields: {
        leadBudgetRange: 'b500k_1m',
        budgetRangeVerified: true,
        decisionMakerName: '王总',
        decisionMakerConfirmed: true,
      },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await rep.get(`${records('lead')}/${lead.id}`)).json()).toMatchObject({
      stage: 'sql',
      budgetRangeVerified: true,
      decisionMakerName: '王总',
    });
  });

  describe('opportunity pipeline', () => {
    let dealId: string;
    beforeAll(async () => {
      const account = await create('account', {
        accountName: '无锡博远精密机械有限公司',
        phone: '0510-8000001',
      });
      dealId = (
        await create('opportunity', { dealName: '数字化工厂项目', account: account.id, amount: 800_000 })
      ).id;
    });

    it('starts at 初步接触 and refuses to skip 需求确认', async () => {
      const deal = (await rep.get(`${records('opportunity')}/${dealId}`)).json();
      expect(deal.stage).toBe('initialContact');
      // amount × the initial stage's probability (10 %), computed on create
      expect(deal.weightedAmount).toBe(80_000);
      const skip = await rep.post(`${records('opportunity')}/${dealId}/transitions`, {
        to: 'proposalSubmitted',
      });
      expect(skip.statusCode).toBe(422);
      const refusal = envelope(skip);
      expect([refusal.code, ...refusal.details.map((d) => d.code)]).toContain('TRANSITION_NOT_FOUND');
      expect(refusal.message.length).toBeGreaterThan(10);
    });

    it('needs the pain-point list and the meeting minutes to confirm needs', async () => {
      const url = `${records('opportunity')}/${dealId}/transitions`;
      const bare = await rep.post(url, { to: 'needsConfirmed' });
      expect(bare.statusCode).toBe(422);
      const missing = envelope(bare).details.map((d) => [d.code, d.path]);
      expect(missing).toEqual(
        expect.arrayContaining([
          ['FIELD_REQUIRED', '/fields/confirmedPainPoints'],
          ['EVIDENCE_MISSING', '/evidence/painPointList'],
          ['EVIDENCE_MISSING', '/evidence/meetingMinutes'],
        ]),
      );
      const half = await rep.post(url, {
        to: 'needsConfirmed',
        fields: { confirmedPainPoints: '报表靠手工汇总' },
        evidence: { painPointList: [await attach('pains.pdf')] },
      });
      expect(envelope(half).details.map((d) => d.path)).toEqual(['/evidence/meetingMinutes']);
      const moved = await rep.post(url, {
        to: 'needsConfirmed',
        fields: { confirmedPainPoints: '报表靠手工汇总；库存周转慢' },
        evidence: {
          painPointList: [await attach('pains-2.pdf')],
          meetingMinutes: [await attach('minutes.pdf')],
        },
      });
      expect(moved.statusCode, moved.body).toBe(200);
      const deal = (await rep.get(`${records('opportunity')}/${dealId}`)).json();
      expect(deal).toMatchObject({
        stage: 'needsConfirmed',
        confirmedPainPoints: '报表靠手工汇总；库存周转慢',
        // amount × the new stage's probability (30 %), recomputed by the transition
        weightedAmount: 240_000,
      });
      const history = await rep.get(`${records('opportunity')}/${dealId}/history`);
      expect(history.json().history.map((h: { from: string; to: string }) => [h.from, h.to])).toEqual([
        ['initialContact', 'needsConfirmed'],
      ]);
    });

    it('needs the signed last page of the proposal for 报价谈判', async () => {
      const url = `${records('opportunity')}/${dealId}/transitions`;
      const proposal = await rep.post(url, {
        to: 'proposalSubmitted',
        fields: { solutionSummary: '分两期上线' },
        evidence: { proposalFile: [await attach('proposal.pdf')] },
      });
      expect(proposal.statusCode, proposal.body).toBe(200);
      const blocked = await rep.post(url, { to: 'quoteNegotiation', fields: { amount: 800_000 } });
      expect(envelope(blocked).details.map((d) => [d.code, d.path])).toEqual([
        ['EVIDENCE_MISSING', '/evidence/signedProposalLastPage'],
      ]);
      const moved = await rep.post(url, {
        to: 'quoteNegotiation',
        fields: { amount: 800_000 },
        evidence: { signedProposalLastPage: [await attach('signed-page.pdf')] },
      });
      expect(moved.statusCode, moved.body).toBe(200);
    });
  });

  it('forces the risk questionnaire when a follow-up note carries a risk word', async () => {
    const account = await create('account', { accountName: '佛山天成新材料有限公司', phone: '0757-8000002' });
    const note = {
      relatedAccount: account.id,
      followUpType: 'phone_call',
      followUpNote: '客户说预算冻结，下季度再考虑',
    };
    const refused = await rep.post(records('followUp'), note);
    expect(refused.statusCode).toBe(422);
    expect(
      envelope(refused)
        .details.map((d) => d.path)
        .sort(),
    ).toEqual(['/riskBlocker', '/riskExpectedDate', '/riskSupportNeeded']);
    const zh = await rep({
      method: 'POST',
      url: records('followUp'),
      payload: note,
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(envelope(zh).details.find((d) => d.path === '/riskBlocker')?.message).toContain('风险信号');
    const saved = await rep.post(records('followUp'), {
      ...note,
      riskBlocker: '年度预算冻结',
      riskSupportNeeded: '请经理约见财务总监',
      riskExpectedDate: '2026-10-15',
    });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json().riskFlagged).toBe(true);
    const calm = await rep.post(records('followUp'), { ...note, followUpNote: '演示顺利，客户认可方案' });
    expect([calm.statusCode, calm.json().riskFlagged]).toEqual([201, false]);
  });

  it.each(['再考虑', '预算冻结', '领导没批', '要招标', '比价中'])(
    'asks for the questionnaire for the risk word %s alone, anywhere in the note',
    async (word) => {
      const account = await create('account', { accountName: `风险词客户-${word}`, phone: '0757-8000003' });
      const refused = await rep.post(records('followUp'), {
        relatedAccount: account.id,
        followUpType: 'onsite',
        followUpNote: `今天拜访，对方表示${word}，下周再联系`,
      });
      expect(refused.statusCode, refused.body).toBe(422);
      expect(
        envelope(refused)
          .details.map((d) => d.path)
          .sort(),
      ).toEqual(['/riskBlocker', '/riskExpectedDate', '/riskSupportNeeded']);
    },
  );
});
