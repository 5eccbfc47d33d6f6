/**
 * Formulas and rules that read the stage see the initial stage on create (a weighted amount is the
 * amount × the first stage's probability, not null), while `previous` stays empty (`changed` is
 * false); a transition recomputes them with the new stage. Through the HTTP API on both dialects.
 */
import { describeDialects } from '@stagecraft/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { serverStoreOf } from '../src/bootstrap/open.js';
import { type Caller, caller, checkedResponses, envelope, FakeClock, fixtureOn, login } from './support.js';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const DEALS = '/api/apps/stagecalc/entities/deal/records';
const NOTES = '/api/apps/stagecalc/entities/note/records';

/** The probability of the record's stage, as a formula reads it. */
const probability = {
  if: [
    { '==': [{ var: 'stage' }, 'early'] },
    0.1,
    { '==': [{ var: 'stage' }, 'late'] },
    0.6,
    { '==': [{ var: 'stage' }, 'done'] },
    1,
    null,
  ],
};

/** A generic app: a deal entity on a three-stage machine and a note entity without one. */
function stageFormulaApp(): Record<string, unknown> {
  return {
    schemaVersion: 2,
    id: 'stagecalc',
    label: L('阶段公式', 'Stage formulas'),
    entities: [
      {
        id: 'deal',
        label: L('交易', 'Deal'),
        titleField: 'title',
        fields: [
          { id: 'title', type: 'text', label: L('名称', 'Title'), required: true },
          { id: 'amount', type: 'currency', label: L('金额', 'Amount') },
          {
            id: 'weighted',
            type: 'formula',
            label: L('加权金额', 'Weighted amount'),
            resultType: 'currency',
            expression: { '*': [{ var: 'amount' }, probability] },
          },
          {
            id: 'stageCopy',
            type: 'formula',
            label: L('当前阶段', 'Current stage'),
            resultType: 'text',
            expression: { var: 'stage' },
          },
          {
            id: 'amountChanged',
            type: 'formula',
            label: L('金额已改', 'Amount changed'),
            resultType: 'boolean',
            expression: { changed: 'amount' },
          },
        ],
      },
      {
        id: 'note',
        label: L('备注', 'Note'),
        titleField: 'title',
        fields: [
          { id: 'title', type: 'text', label: L('名称', 'Title'), required: true },
          {
            id: 'stageCopy',
            type: 'formula',
            label: L('阶段', 'Stage'),
            resultType: 'text',
            expression: { var: 'stage' },
          },
        ],
      },
    ],
    validationRules: [
      {
        id: 'earlyCap',
        entity: 'deal',
        appliesWhen: { '==': [{ var: 'stage' }, 'early'] },
        assert: { '<=': [{ var: 'amount' }, 1_000_000] },
        message: L('早期交易金额不超过一百万', 'An early deal is at most 1,000,000'),
        field: 'amount',
      },
    ],
    stageMachines: [
      {
        id: 'flow',
        entity: 'deal',
        label: L('流程', 'Flow'),
        initialStage: 'early',
        stages: [
          {
            id: 'early',
            label: L('早期', 'Early'),
            category: 'open',
            probability: 10,
            forecastCategory: 'pipeline',
          },
          {
            id: 'late',
            label: L('后期', 'Late'),
            category: 'open',
            probability: 60,
            forecastCategory: 'commit',
          },
          {
            id: 'done',
            label: L('完成', 'Done'),
            category: 'won',
            probability: 100,
            forecastCategory: 'closed',
          },
        ],
        transitions: [
          { id: 'advance', label: L('推进', 'Advance'), from: ['early'], to: 'late' },
          { id: 'finish', label: L('完成', 'Finish'), from: ['late'], to: 'done' },
        ],
      },
    ],
  };
}

describeDialects('formulas reading the stage', (ctx) => {
  const clock = new FakeClock(new Date('2026-05-04T02:00:00.000Z'));
  let app: FastifyInstance;
  let rep: Caller;

  beforeAll(async () => {
    app = await buildApp({ store: serverStoreOf(ctx.store), clock, ...checkedResponses() });
    await app.ready();
    const fx = await fixtureOn(ctx.store, 'Stage formula workspace');
    const admin = caller(app, await login(app, fx.users.admin.email));
    rep = caller(app, await login(app, fx.users.east1Rep.email));
    const created = await admin.post('/api/apps', stageFormulaApp());
    expect(created.statusCode, created.body).toBe(201);
    const published = await admin.post('/api/apps/stagecalc/publish');
    expect(published.statusCode, published.body).toBe(201);
  });
  afterAll(() => app.close());

  it('computes a formula over the stage with the initial stage on create, and stores it', async () => {
    const created = await rep.post(DEALS, { title: 'Pump retrofit', amount: 250_000 });
    expect(created.statusCode, created.body).toBe(201);
    const deal = created.json() as Record<string, unknown> & { id: string };
    expect(deal).toMatchObject({
      stage: 'early',
      stageEnteredAt: '2026-05-04T02:00:00.000Z',
      weighted: 25_000,
      stageCopy: 'early',
      // previous stays empty on create: nothing "changed"
      amountChanged: false,
    });
    const read = (await rep.get(`${DEALS}/${deal.id}`)).json();
    expect(read).toMatchObject({ stage: 'early', weighted: 25_000, stageCopy: 'early' });
  });

  it('applies a validation rule that reads the stage on create', async () => {
    const refused = await rep({
      method: 'POST',
      url: DEALS,
      payload: { title: 'Too big too early', amount: 2_000_000 },
      headers: { 'accept-language': 'en' },
    });
    expect(refused.statusCode).toBe(422);
    expect(envelope(refused).details).toEqual([
      expect.objectContaining({
        code: 'RULE_FAILED',
        path: '/amount',
        message: 'An early deal is at most 1,000,000',
      }),
    ]);
  });

  it('recomputes with the new stage after a transition and on later edits', async () => {
    const deal = (await rep.post(DEALS, { title: 'Line upgrade', amount: 400_000 })).json() as {
      id: string;
    };
    const moved = await rep.post(`${DEALS}/${deal.id}/transitions`, { to: 'late' });
    expect(moved.statusCode, moved.body).toBe(200);
    const late = (await rep.get(`${DEALS}/${deal.id}`)).json() as { version: number };
    expect(late).toMatchObject({ stage: 'late', weighted: 240_000, stageCopy: 'late' });
    const edited = await rep.patch(`${DEALS}/${deal.id}`, { amount: 500_000, version: late.version });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ weighted: 300_000, amountChanged: true });
  });

  it('leaves an entity without a stage machine without a stage', async () => {
    const created = await rep.post(NOTES, { title: 'Call back' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ stage: null, stageCopy: null });
  });
});
