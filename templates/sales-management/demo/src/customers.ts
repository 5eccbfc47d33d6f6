/** Accounts, their contacts, and leads moving through MQL → SQL → customer. */

import {
  chinaDate,
  DAY,
  type DemoEntityData,
  type DemoRecord,
  type DemoStageMove,
  iso,
  Rng,
} from '@stagecraft/demo-kit';
import { accountOwner, type Ctx, idOf, regionOf } from './context.js';
import { companyName, jobTitle, mobile, personName } from './names.js';

const INDUSTRIES = [
  'manufacturing',
  'retail',
  'it_services',
  'healthcare',
  'education',
  'finance',
  'logistics',
  'energy',
] as const;
const PAYMENT = [
  ['good', 6],
  ['occasional_late', 2.5],
  ['frequent_late', 1],
  ['bad_debt', 0.5],
] as const;

export function accountIndustry(ctx: Ctx, index: number): string {
  return Rng.of(ctx.seed, 'account.industry', index).pick(INDUSTRIES);
}

export function accounts(ctx: Ctx): DemoEntityData {
  function* records(): Iterable<DemoRecord> {
    for (let i = 0; i < ctx.accounts; i++) {
      const rng = Rng.of(ctx.seed, 'account', i);
      const owner = accountOwner(ctx, i);
      const industry = accountIndustry(ctx, i);
      const { name, city } = companyName(rng, industry);
      const createdAt = ctx.now - rng.int(150, 400) * DAY;
      const big = rng.chance(0.2);
      const yearly = big ? rng.int(100, 600) * 10_000 : rng.int(0, 90) * 5_000;
      const tags = [
        big ? 'key_account' : null,
        rng.chance(0.15) ? 'state_owned' : null,
        rng.chance(0.1) ? 'listed' : null,
        rng.chance(0.08) ? 'at_risk' : null,
      ].filter(Boolean);
      yield {
        id: idOf(ctx, 'account', i),
        owner: owner.key,
        createdAt: iso(createdAt),
        values: {
          accountName: name,
          phone: `0${rng.int(10, 999)}-${rng.int(5_000_000, 8_999_999)}`,
          industry,
          salesRegion: regionOf(owner.orgUnit),
          accountAddress: `${city}市${rng.pick(['高新区', '经开区', '工业园区', '滨江区', '浦东新区', '南山区'])}${rng.pick(['科技路', '创业大道', '人民路', '工业大道'])}${rng.int(1, 999)}号`,
          website: `https://www.example-${i}.cn`,
          accountTags: tags,
          yearlyPurchases: yearly,
          productLinesBought: big ? rng.int(1, 5) : rng.int(0, 2),
          paymentRecord: rng.weighted(PAYMENT),
          accountLastContactAt: iso(ctx.now - rng.int(0, 20) * DAY - rng.int(0, 86_000) * 1000),
        },
      };
    }
  }
  return { entity: 'account', count: ctx.accounts, records };
}

const DECISION_ROLES = [
  'decision_maker',
  'economic_buyer',
  'influencer',
  'champion',
  'end_user',
  'gatekeeper',
] as const;

/** Two contacts per account: the first is its decision maker. */
export function contacts(ctx: Ctx): DemoEntityData {
  const count = ctx.accounts * 2;
  function* records(): Iterable<DemoRecord> {
    for (let i = 0; i < count; i++) {
      const rng = Rng.of(ctx.seed, 'contact', i);
      const account = Math.floor(i / 2);
      const name = personName(rng);
      yield {
        id: idOf(ctx, 'contact', i),
        owner: accountOwner(ctx, account).key,
        createdAt: iso(ctx.now - rng.int(100, 300) * DAY),
        values: {
          contactName: name,
          account: idOf(ctx, 'account', account),
          jobTitle: jobTitle(rng),
          mobile: mobile(rng),
          email: `contact${i}@example-${account}.cn`,
          wechatId: `wx_${(i * 7919).toString(36)}`,
          decisionRole: i % 2 === 0 ? 'decision_maker' : rng.pick(DECISION_ROLES.slice(1)),
          relationshipStrength: rng.pick(['cold', 'neutral', 'warm', 'strong']),
        },
      };
    }
  }
  return { entity: 'contact', count, records };
}

const LEAD_STAGES = [
  ['mql', 40],
  ['sql', 25],
  ['customer', 15],
  ['disqualified', 20],
] as const;
const SOURCES = [
  ['website', 3],
  ['exhibition', 2],
  ['referral', 1.5],
  ['cold_call', 1.5],
  ['wechat', 2],
  ['partner', 1],
] as const;

export function leads(ctx: Ctx, count: number): DemoEntityData {
  function lead(i: number): { record: DemoRecord; moves: DemoStageMove[] } {
    const rng = Rng.of(ctx.seed, 'lead', i);
    const owner = ctx.reps[rng.int(0, ctx.reps.length - 1)]!;
    const industry = rng.pick(INDUSTRIES);
    const { name: company } = companyName(rng, industry);
    const stage = rng.weighted(LEAD_STAGES);
    const created = ctx.now - rng.int(2 * 3600, 180 * 86_400) * 1000;
    const touched = stage !== 'mql' || rng.chance(0.75);
    const firstTouch = touched
      ? Math.min(ctx.now, created + rng.int(1, stage === 'mql' ? 40 : 20) * 3600_000)
      : null;
    const qualified = stage === 'sql' || stage === 'customer';
    const moves: DemoStageMove[] = [];
    let at = created;
    let current: string = 'mql';
    const step = (to: string, transition: string) => {
      const since = at;
      at = Math.min(ctx.now - 3600_000, at + rng.int(1, 20) * DAY);
      moves.push({
        recordId: idOf(ctx, 'lead', i),
        transition,
        from: current,
        to,
        at: iso(at),
        by: owner.key,
        since: iso(since),
      });
      current = to;
    };
    if (qualified) step('sql', 'qualifyLead');
    if (stage === 'customer') step('customer', 'convertLead');
    if (stage === 'disqualified') step('disqualified', 'disqualifyLead');
    const record: DemoRecord = {
      id: idOf(ctx, 'lead', i),
      owner: owner.key,
      createdAt: iso(created),
      updatedAt: iso(Math.max(at, firstTouch ?? created)),
      stage,
      stageEnteredAt: iso(at),
      values: {
        leadCompany: company,
        contactName: personName(rng),
        phone: mobile(rng),
        email: `lead${i}@example-lead.cn`,
        jobTitle: jobTitle(rng),
        leadSource: rng.weighted(SOURCES),
        industry,
        companySize: rng.pick(['s1_50', 's51_200', 's201_1000', 's1000_plus']),
        salesRegion: regionOf(owner.orgUnit),
        websiteVisits: rng.int(0, 25),
        downloadedWhitepaper: rng.chance(0.35),
        attendedEvent: rng.chance(0.25),
        firstTouchAt: firstTouch === null ? null : iso(firstTouch),
        leadBudgetRange: qualified
          ? rng.pick(['b100k_500k', 'b500k_1m', 'gt1m'])
          : rng.chance(0.3)
            ? 'lt100k'
            : null,
        budgetRangeVerified: qualified,
        decisionMakerName: qualified ? personName(rng) : null,
        decisionMakerConfirmed: qualified,
        convertedAccount: stage === 'customer' ? idOf(ctx, 'account', rng.int(0, ctx.accounts - 1)) : null,
        disqualifyReason:
          stage === 'disqualified'
            ? rng.pick(['no_budget', 'no_need', 'competitor', 'invalid_contact'])
            : null,
      },
    };
    return { record, moves };
  }
  return {
    entity: 'lead',
    count,
    *records() {
      for (let i = 0; i < count; i++) yield lead(i).record;
    },
    *stageHistory() {
      for (let i = 0; i < count; i++) yield* lead(i).moves;
    },
  };
}

export { chinaDate };
