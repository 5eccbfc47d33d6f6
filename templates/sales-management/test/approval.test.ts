/**
 * Deals over 500,000 need technical, legal and service sign-off in parallel before 签约执行: the
 * guarded transition is refused while the approval is pending, one rejection keeps it locked, and
 * it proceeds once all three branches approved.
 */
import { fileURLToPath } from 'node:url';
import { describeDialects, type OrgFixture } from '@stagecraft/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../../apps/server/src/app.js';
import {
  type Caller,
  caller,
  envelope,
  FakeClock,
  type FastifyInstance,
  fixtureOn,
  login,
  PASSWORD,
  passwordHash,
} from '../../../apps/server/test/support.js';
import { PDF, upload } from '../../../apps/server/test/transitions-fixture.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const records = (entity: string) => `/api/apps/salesManagement/entities/${entity}/records`;

describeDialects('sales-management large-deal sign-off', (ctx) => {
  let app: FastifyInstance;
  let fx: OrgFixture;
  let rep: Caller;
  let repCookie: string;
  const reviewers: Record<string, Caller> = {};

  beforeAll(async () => {
    app = await buildApp({
      store: ctx.store,
      clock: new FakeClock(new Date('2026-09-01T02:00:00.000Z')),
      templatesRoot: root,
    });
    await app.ready();
    fx = await fixtureOn(ctx.store);
    const admin = caller(app, await login(app, fx.users.admin.email));
    const installed = await admin.post('/api/templates/sales-management/install', {});
    if (installed.statusCode !== 201) throw new Error(installed.body);
    for (const role of ['techReviewer', 'legalReviewer', 'serviceReviewer']) {
      const email = `${role.toLowerCase()}@${fx.workspace.id}.test`;
      const user = await ctx.store.identity.createUser({
        workspaceId: fx.workspace.id,
        email,
        name: role,
        roles: ['member', role],
        orgUnitId: fx.units.company.id,
        managerId: null,
        locale: 'zh-CN',
        passwordHash: await passwordHash(),
      });
      if (!user.ok) throw new Error(JSON.stringify(user.issues));
      reviewers[role] = caller(app, await login(app, email, PASSWORD));
    }
    repCookie = await login(app, fx.users.east1Rep.email);
    rep = caller(app, repCookie);
  });
  afterAll(() => app.close());

  const attach = async (name: string) =>
    (await upload(app, repCookie, { name, type: 'application/pdf', data: PDF })).json().id as string;

  let accounts = 0;
  /** A deal of `amount` moved up to 报价谈判 through the real transitions. */
  async function dealInNegotiation(amount: number, name: string): Promise<string> {
    accounts++;
    const account = await rep.post(records('account'), {
      accountName: `${name}有限公司`,
      phone: `021-6000${accounts}`,
    });
    const deal = await rep.post(records('opportunity'), {
      dealName: name,
      account: account.json().id,
      amount,
    });
    const id = deal.json().id as string;
    const url = `${records('opportunity')}/${id}/transitions`;
    const steps = [
      {
        to: 'needsConfirmed',
        fields: { confirmedPainPoints: '审批流程长' },
        evidence: { painPointList: [await attach('p.pdf')], meetingMinutes: [await attach('m.pdf')] },
      },
      {
        to: 'proposalSubmitted',
        fields: { solutionSummary: '一期上线' },
        evidence: { proposalFile: [await attach('s.pdf')] },
      },
      {
        to: 'quoteNegotiation',
        fields: { amount },
        evidence: { signedProposalLastPage: [await attach('l.pdf')] },
      },
    ];
    for (const step of steps) {
      const moved = await rep.post(url, step);
      if (moved.statusCode !== 200) throw new Error(`${step.to}: ${moved.body}`);
    }
    return id;
  }

  it('locks 签约执行 until tech, legal and service all approved', async () => {
    const id = await dealInNegotiation(800_000, '上海联创数据中台项目');
    const url = `${records('opportunity')}/${id}/transitions`;
    const move = { to: 'contractExecution', fields: { expectedCloseDate: '2026-12-31' } };
    const locked = await rep.post(url, move);
    expect(locked.statusCode).toBe(422);
    expect(envelope(locked).details.map((d) => d.code)).toContain('APPROVAL_PENDING');

    const started = await rep.post(`${records('opportunity')}/${id}/approvals`, {
      approval: 'largeDealSignoff',
    });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json().branches.map((b: { id: string }) => b.id)).toEqual([
      'techReview',
      'legalReview',
      'serviceReview',
    ]);
    const instance = started.json().id as string;

    for (const role of ['techReviewer', 'legalReviewer']) {
      const decided = await reviewers[role]!.post(`/api/approvals/${instance}/decision`, {
        decision: 'approve',
        comment: '同意',
      });
      expect(decided.statusCode, decided.body).toBe(200);
      expect((await rep.post(url, move)).statusCode).toBe(422);
    }
    const last = await reviewers.serviceReviewer!.post(`/api/approvals/${instance}/decision`, {
      decision: 'approve',
    });
    expect(last.json().status).toBe('approved');
    const moved = await rep.post(url, move);
    expect(moved.statusCode, moved.body).toBe(200);
  });

  it('stays locked after one rejection, and small deals need no sign-off', async () => {
    const id = await dealInNegotiation(900_000, '广州锦程供应链项目');
    const started = await rep.post(`${records('opportunity')}/${id}/approvals`, {
      approval: 'largeDealSignoff',
    });
    const instance = started.json().id as string;
    await reviewers.techReviewer!.post(`/api/approvals/${instance}/decision`, { decision: 'approve' });
    const rejected = await reviewers.legalReviewer!.post(`/api/approvals/${instance}/decision`, {
      decision: 'reject',
      comment: '合同条款风险',
    });
    expect(rejected.json().status).toBe('rejected');
    const move = { to: 'contractExecution', fields: { expectedCloseDate: '2026-12-31' } };
    expect((await rep.post(`${records('opportunity')}/${id}/transitions`, move)).statusCode).toBe(422);

    const small = await dealInNegotiation(300_000, '杭州启航营销云项目');
    expect((await rep.post(`${records('opportunity')}/${small}/transitions`, move)).statusCode).toBe(200);
  });

  it('shows the approval state before the move: threshold, branches, deciders by name, decisions; scoped', async () => {
    type State = {
      approvals: {
        approvalId: string;
        threshold: Record<string, string> | null;
        applies: boolean;
        status: string;
        guards: { id: string; label: Record<string, string> }[];
        steps: {
          branches: {
            id: string;
            rule: Record<string, string>;
            deciders: { name: string }[];
            status: string;
          }[];
        }[];
      }[];
    };
    const id = await dealInNegotiation(700_000, '苏州云帆数据中台项目');
    const url = `${records('opportunity')}/${id}/approval-state`;
    const before = (await rep.get(url)).json() as State;
    const signoff = before.approvals.find((a) => a.approvalId === 'largeDealSignoff')!;
    expect(signoff.threshold).toEqual({
      'zh-CN': expect.stringContaining('500,000'),
      en: expect.any(String),
    });
    expect(signoff.applies).toBe(true);
    expect(signoff.status).toBe('not_started');
    expect(signoff.guards.map((g) => g.id)).toEqual(['startContract']);
    const branches = signoff.steps[0]!.branches;
    expect(branches.map((b) => [b.id, b.status])).toEqual([
      ['techReview', 'waiting'],
      ['legalReview', 'waiting'],
      ['serviceReview', 'waiting'],
    ]);
    expect(branches[0]!.rule['zh-CN']).toBe('角色：技术评审');
    expect(branches[0]!.deciders.map((d) => d.name)).toEqual(['techReviewer']);

    const started = await rep.post(`${records('opportunity')}/${id}/approvals`, {
      approval: 'largeDealSignoff',
    });
    await reviewers.techReviewer!.post(`/api/approvals/${started.json().id}/decision`, {
      decision: 'approve',
    });
    const during = ((await rep.get(url)).json() as State).approvals[0]!;
    expect(during.status).toBe('pending');
    expect(during.steps[0]!.branches.map((b) => b.status)).toEqual(['approved', 'pending', 'pending']);

    // a small deal: the approval does not apply; another team's rep cannot read the deal at all
    const small = await dealInNegotiation(200_000, '宁波启明营销云项目');
    const smallState = (await rep.get(`${records('opportunity')}/${small}/approval-state`)).json() as State;
    expect(smallState.approvals[0]).toMatchObject({ applies: false, status: 'not_required' });
    const other = caller(app, await login(app, fx.users.westRep.email));
    const hidden = await other.get(url);
    expect(hidden.statusCode).toBe(404);
  });
});
