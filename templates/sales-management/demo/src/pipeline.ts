/** Opportunities spread over the five-stage pipeline, with six months of stage history. */

import {
  chinaDate,
  DAY,
  type DemoApprovalStart,
  type DemoEntityData,
  type DemoForecastSnapshot,
  type DemoRecord,
  type DemoStageMove,
  iso,
  Rng,
} from '@stagecraft/demo-kit';
import { accountOwner, type Ctx, idOf } from './context.js';

const OPEN = [
  'initialContact',
  'needsConfirmed',
  'proposalSubmitted',
  'quoteNegotiation',
  'contractExecution',
] as const;
const INTO: Record<string, string> = {
  needsConfirmed: 'confirmNeeds',
  proposalSubmitted: 'submitProposal',
  quoteNegotiation: 'startNegotiation',
  contractExecution: 'startContract',
  closedWon: 'markWon',
  closedLost: 'markLost',
};
const FINAL = [
  ['initialContact', 22],
  ['needsConfirmed', 17],
  ['proposalSubmitted', 13],
  ['quoteNegotiation', 10],
  ['contractExecution', 6],
  ['closedWon', 16],
  ['closedLost', 16],
] as const;
const PRODUCTS = [
  'CRM 实施',
  '数字化工厂',
  '供应链协同平台',
  '数据中台',
  '营销云',
  '智能客服',
  '财务共享中心',
  'ERP 升级',
  '设备物联网',
];
const PAINS = [
  '销售过程不透明',
  '库存周转慢',
  '报表靠手工汇总',
  '客户流失无预警',
  '审批流程长',
  '多系统数据不一致',
  '现场服务响应慢',
];

/** One generated opportunity: the record, its stage moves, and facts other generators reuse. */
export interface OpportunityFacts {
  record: DemoRecord;
  moves: DemoStageMove[];
  account: number;
  stage: string;
  amount: number;
  ownerKey: string;
  /** Index in OPEN of the furthest open stage reached. */
  reached: number;
}

export function opportunityFacts(ctx: Ctx, i: number): OpportunityFacts {
  const rng = Rng.of(ctx.seed, 'opportunity', i);
  const account = rng.int(0, ctx.accounts - 1);
  const owner = accountOwner(ctx, account);
  const stage = rng.weighted(FINAL);
  const reached =
    stage === 'closedWon'
      ? 4
      : stage === 'closedLost'
        ? rng.int(0, 3)
        : OPEN.indexOf(stage as (typeof OPEN)[number]);
  const path: string[] = [...OPEN.slice(1, reached + 1)];
  if (stage === 'closedWon' || stage === 'closedLost') path.push(stage);
  const created = ctx.now - rng.int(1, 180) * DAY - rng.int(0, 86_399) * 1000;
  const dwell = path.map(() => rng.int(12, 20 * 24) * 3600_000);
  const available = Math.max(3600_000, ctx.now - created - 3600_000);
  const total = dwell.reduce((s, d) => s + d, 0);
  const factor = total > available ? available / total : 1;
  const id = idOf(ctx, 'opportunity', i);
  const moves: DemoStageMove[] = [];
  let at = created;
  let from = 'initialContact';
  path.forEach((to, k) => {
    const since = at;
    at += Math.max(60_000, Math.floor(dwell[k]! * factor));
    moves.push({
      recordId: id,
      transition: INTO[to]!,
      from,
      to,
      at: iso(at),
      by: owner.key,
      since: iso(since),
    });
    from = to;
  });
  const amount = rng.chance(0.18) ? rng.int(51, 300) * 10_000 : rng.int(5, 50) * 10_000;
  const product = rng.pick(PRODUCTS);
  const record: DemoRecord = {
    id,
    owner: owner.key,
    createdAt: iso(created),
    updatedAt: iso(at),
    stage,
    stageEnteredAt: iso(at),
    values: {
      dealName: `${product}项目-${String(i + 1).padStart(5, '0')}`,
      account: idOf(ctx, 'account', account),
      primaryContact: idOf(ctx, 'contact', account * 2),
      amount,
      // A closed deal closed when it was signed or lost; an open one is expected later.
      expectedCloseDate: ((days) =>
        chinaDate(stage.startsWith('closed') ? at : Math.max(at, ctx.now) + days))(rng.int(10, 120) * DAY),
      buyingCycle: rng.pick(['short', 'medium', 'long']),
      leadSource: rng.pick(['website', 'exhibition', 'referral', 'cold_call', 'wechat', 'partner']),
      confirmedPainPoints: reached >= 1 ? `${rng.pick(PAINS)}；${rng.pick(PAINS)}` : null,
      solutionSummary: reached >= 2 ? `${product}：分阶段上线，首期 ${rng.int(2, 6)} 个月` : null,
      competitorBrands: rng.chance(0.5)
        ? [rng.pick(['kingdee', 'yonyou', 'salesforce', 'fxiaoke', 'in_house'])]
        : [],
      signedDate: stage === 'closedWon' ? chinaDate(at) : null,
      dealLossReason:
        stage === 'closedLost'
          ? rng.pick(['price', 'competitor', 'no_decision', 'budget_cut', 'timing'])
          : null,
      lastActivityAt: iso(Math.min(ctx.now, at + rng.int(0, 10) * DAY)),
    },
  };
  return { record, moves, account, stage, amount, ownerKey: owner.key, reached };
}

export function opportunities(ctx: Ctx): DemoEntityData {
  return {
    entity: 'opportunity',
    count: ctx.opportunities,
    *records() {
      for (let i = 0; i < ctx.opportunities; i++) yield opportunityFacts(ctx, i).record;
    },
    *stageHistory() {
      for (let i = 0; i < ctx.opportunities; i++) yield* opportunityFacts(ctx, i).moves;
    },
  };
}

/**
 * Past snapshots of the pack's forecast `pipelineForecast`, taken on the 1st and 15th of each of
 * the last six months: for each rep and the month being taken, the commit the rep then forecast,
 * which is what later closed in that month (won deals, plus a quarter of the lost ones) off by a
 * seeded factor of 0.7–1.3, so accuracy per rep shows realistic, differing figures.
 */
export function* forecastSnapshots(ctx: Ctx): Generator<DemoForecastSnapshot> {
  const closed = new Map<string, { deals: number; amount: number; weighted: number }>();
  for (let i = 0; i < ctx.opportunities; i++) {
    const facts = opportunityFacts(ctx, i);
    if (facts.stage !== 'closedWon' && facts.stage !== 'closedLost') continue;
    const close = String(facts.record.values.expectedCloseDate);
    const key = `${facts.ownerKey}|${close.slice(0, 7)}-01`;
    const line = closed.get(key) ?? { deals: 0, amount: 0, weighted: 0 };
    line.deals++;
    line.amount += facts.amount;
    line.weighted += facts.stage === 'closedWon' ? facts.amount : facts.amount / 4;
    closed.set(key, line);
  }
  const today = chinaDate(ctx.now);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const rng = new Rng(ctx.seed ^ 0x5eed);
  for (let back = 6; back >= 1; back--) {
    const month = new Date(Date.UTC(y, m - 1 - back, 1)).toISOString().slice(0, 10);
    for (const day of ['01', '15']) {
      const takenOn = `${month.slice(0, 8)}${day}`;
      if (takenOn >= today) continue;
      for (const rep of ctx.reps) {
        const line = closed.get(`${rep.key}|${month}`);
        if (!line) continue;
        const factor = 0.7 + rng.int(0, 60) / 100;
        yield {
          forecast: 'pipelineForecast',
          takenOn,
          period: month,
          owner: rep.key,
          category: 'commit',
          deals: line.deals,
          amount: line.amount,
          weighted: Math.round(line.weighted * factor * 100) / 100,
        };
      }
    }
  }
}

/** Amount above which the pack's `largeDealSignoff` approval applies (its entry criteria). */
const SIGNOFF_THRESHOLD = 500_000;

/**
 * The large-deal sign-offs the pack's automation `largeDealApproval` would have started: one per
 * detailed opportunity over the threshold that sits in 报价谈判, started by its owner when it
 * entered the stage. Deals past 报价谈判 are history and get none.
 */
export function* signoffStarts(ctx: Ctx): Iterable<DemoApprovalStart> {
  for (let i = 0; i < ctx.detailed; i++) {
    const facts = opportunityFacts(ctx, i);
    if (facts.stage !== 'quoteNegotiation' || facts.amount <= SIGNOFF_THRESHOLD) continue;
    yield {
      approval: 'largeDealSignoff',
      recordId: facts.record.id,
      startedBy: facts.ownerKey,
      at: facts.record.stageEnteredAt ?? facts.record.createdAt,
    };
  }
}
