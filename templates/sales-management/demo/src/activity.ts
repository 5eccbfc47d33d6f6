/** Follow-ups (some with risk words and their questionnaire), customer visits and tasks. */

import {
  chinaDate,
  DAY,
  type DemoEntityData,
  type DemoRecord,
  iso,
  ownedFileKey,
  Rng,
} from '@stagecraft/demo-kit';
import { accountOwner, type Ctx, idOf } from './context.js';
import { opportunityFacts } from './pipeline.js';

const NOTES = [
  '电话沟通了项目范围，客户认可分期实施思路',
  '上门拜访采购总监，演示了核心流程，反馈积极',
  '微信同步了报价明细，客户在内部评估',
  '与 IT 负责人确认了接口清单和上线时间表',
  '参加客户周例会，记录了三个新的需求点',
];
const RISKY = [
  ['客户说预算冻结到下季度，需要再考虑', '年度预算冻结', '请区域经理约见财务总监'],
  ['对方领导没批，采购流程暂停', '高层审批未通过', '需要高层拜访和 ROI 测算'],
  ['客户表示要招标，流程至少两个月', '公开招标流程', '售前支持准备标书'],
  ['客户在比价中，竞品报价低 15%', '价格竞争', '申请特价或增加服务包'],
] as const;

export function followUps(ctx: Ctx, count: number, evidenceFile: string): DemoEntityData {
  function* records(): Iterable<DemoRecord> {
    for (let i = 0; i < count; i++) {
      const rng = Rng.of(ctx.seed, 'followUp', i);
      const opp = i % 3 === 2 ? null : opportunityFacts(ctx, rng.int(0, ctx.detailed - 1));
      const account = opp ? opp.account : rng.int(0, ctx.accounts - 1);
      const created = ctx.now - rng.int(1, 180 * 24) * 3600_000;
      const risky = rng.chance(0.12) ? rng.pick(RISKY) : null;
      const structured = rng.chance(0.88);
      const owner = opp ? opp.ownerKey : accountOwner(ctx, account).key;
      yield {
        id: idOf(ctx, 'followUp', i),
        owner,
        createdAt: iso(created),
        values: {
          relatedAccount: idOf(ctx, 'account', account),
          relatedOpportunity: opp ? opp.record.id : null,
          relatedContact: idOf(ctx, 'contact', account * 2 + rng.int(0, 1)),
          followUpType: rng.pick(['phone_call', 'onsite', 'wechat', 'email', 'meeting']),
          followUpNote: risky ? risky[0] : rng.pick(NOTES),
          nextStep: structured
            ? rng.pick(['发送方案', '安排演示', '确认预算', '约见决策人', '提交报价'])
            : null,
          nextFollowUpDate: structured ? chinaDate(created + rng.int(1, 14) * DAY) : null,
          followUpEvidence: structured ? [ownedFileKey(evidenceFile, owner)] : [],
          riskBlocker: risky ? risky[1] : null,
          riskSupportNeeded: risky ? risky[2] : null,
          riskExpectedDate: risky ? chinaDate(created + rng.int(14, 60) * DAY) : null,
        },
      };
    }
  }
  return { entity: 'followUp', count, records };
}

export function customerVisits(ctx: Ctx, count: number, photos: string[]): DemoEntityData {
  function* records(): Iterable<DemoRecord> {
    for (let i = 0; i < count; i++) {
      const rng = Rng.of(ctx.seed, 'customerVisit', i);
      const account = rng.int(0, ctx.accounts - 1);
      const planned = ctx.now - rng.int(-7, 170) * DAY + rng.int(9, 17) * 3600_000;
      const done = planned < ctx.now;
      const owner = accountOwner(ctx, account).key;
      yield {
        id: idOf(ctx, 'customerVisit', i),
        owner,
        createdAt: iso(Math.min(ctx.now, planned - rng.int(1, 5) * DAY)),
        values: {
          visitAccount: idOf(ctx, 'account', account),
          visitPurpose: rng.pick(['discovery', 'demo', 'negotiation', 'relationship', 'service']),
          plannedAt: iso(planned),
          checkInAt: done ? iso(planned + rng.int(-15, 30) * 60_000) : null,
          checkInLocation: done ? { lat: 31.2 + rng.next() * 0.5, lng: 121.3 + rng.next() * 0.5 } : null,
          visitPhotos: done ? [ownedFileKey(rng.pick(photos), owner)] : [],
          attendeeNames: done ? `${rng.int(2, 5)} 人` : null,
          visitSummary: done ? rng.pick(NOTES) : null,
        },
      };
    }
  }
  return { entity: 'customerVisit', count, records };
}

export function salesTasks(ctx: Ctx, count: number): DemoEntityData {
  function* records(): Iterable<DemoRecord> {
    for (let i = 0; i < count; i++) {
      const rng = Rng.of(ctx.seed, 'salesTask', i);
      const account = rng.int(0, ctx.accounts - 1);
      const due = ctx.now + rng.int(-10, 10) * DAY;
      yield {
        id: idOf(ctx, 'salesTask', i),
        owner: accountOwner(ctx, account).key,
        createdAt: iso(Math.min(ctx.now - 3600_000, due - rng.int(1, 5) * DAY)),
        values: {
          taskTitle: rng.pick(['回访客户', '准备方案', '催收回款', '安排演示', '更新商机信息']),
          taskDueAt: iso(due),
          taskDone: due < ctx.now ? rng.chance(0.87) : false,
          taskAccount: idOf(ctx, 'account', account),
          taskReason: rng.pick(['计划动作', '3 天未联系', '阶段停滞']),
        },
      };
    }
  }
  return { entity: 'salesTask', count, records };
}
