/** Competitor and promotion checks, store orders, shifts and field tasks. */

import {
  chinaDate,
  DAY,
  type DemoEntityData,
  type DemoRecord,
  iso,
  ownedFileKey,
  Rng,
} from '@stagecraft/demo-kit';
import { type Ctx, idOf, repOfStore, SKUS, storeCount } from './stores.js';

function simple(
  ctx: Ctx,
  entity: string,
  count: number,
  row: (rng: Rng, i: number, store: number) => { createdAt: number; values: Record<string, unknown> },
): DemoEntityData {
  function* records(): Iterable<DemoRecord> {
    for (let i = 0; i < count; i++) {
      const rng = Rng.of(ctx.seed, entity, i);
      const store = rng.int(0, storeCount(ctx) - 1);
      const { createdAt, values } = row(rng, i, store);
      yield {
        id: idOf(ctx, entity, i),
        owner: repOfStore(ctx, store).key,
        createdAt: iso(createdAt),
        values,
      };
    }
  }
  return { entity, count, records };
}

const BRANDS = [
  ['乐事', 7.2],
  ['可比克', 5.9],
  ['元气森林', 5.5],
  ['康师傅', 4.5],
  ['桃李', 11.5],
  ['伊利', 48],
] as const;

export function competitorChecks(ctx: Ctx, count: number, photo: string): DemoEntityData {
  // Photos are the store's rep's own copy (the rep owns the check): see ownedFiles in index.ts.
  return simple(ctx, 'competitorCheck', count, (rng, _i, store) => {
    const [brand, price] = rng.pick(BRANDS);
    const ours = Math.round(price * (0.9 + rng.next() * 0.25) * 10) / 10;
    const promo = rng.pick(['none', 'none', 'discount', 'bundle', 'coupon', 'tasting']);
    return {
      createdAt: ctx.now - rng.int(1, 180 * 24) * 3600_000,
      values: {
        checkedStore: idOf(ctx, 'retailStore', store),
        competitorBrand: brand,
        competitorSku: `${brand} 主力单品`,
        competitorPrice: Math.round(price * (0.85 + rng.next() * 0.3) * 10) / 10,
        ourComparablePrice: ours,
        competitorPromoType: promo,
        competitorPromoDetail:
          promo === 'none' ? null : rng.pick(['第二件半价', '买二送一', '满 30 减 5', '周末试吃']),
        competitorShelfPosition: rng.pick([
          'eye_level',
          'top_shelf',
          'bottom_shelf',
          'end_cap',
          'floor_stack',
        ]),
        competitorPhoto: [ownedFileKey(photo, repOfStore(ctx, store).key)],
      },
    };
  });
}

export function promotionChecks(ctx: Ctx, count: number, photo: string): DemoEntityData {
  return simple(ctx, 'promotionCheck', count, (rng, _i, store) => {
    const flags = [rng.chance(0.9), rng.chance(0.85), rng.chance(0.8), rng.chance(0.6)];
    return {
      createdAt: ctx.now - rng.int(1, 180 * 24) * 3600_000,
      values: {
        promoStore: idOf(ctx, 'retailStore', store),
        promotionName: rng.pick(['国庆零食节', '夏日饮品季', '开学季早餐', '双十一囤货']),
        posmPlaced: flags[0],
        promoPriceCorrect: flags[1],
        promoStockReady: flags[2],
        promoterPresent: flags[3],
        promoPhoto: [ownedFileKey(photo, repOfStore(ctx, store).key)],
        promoIssues: flags.slice(0, 3).every(Boolean)
          ? null
          : rng.pick(['堆头物料未到', '促销价签未更新', '促销库存不足']),
      },
    };
  });
}

export function storeOrders(ctx: Ctx, count: number): DemoEntityData {
  return simple(ctx, 'storeOrder', count, (rng, _i, store) => {
    const created = ctx.now - rng.int(1, 180 * 24) * 3600_000;
    const lines = SKUS.filter(() => rng.chance(0.5)).map(([skuCode, skuName, price]) => ({
      skuCode,
      skuName,
      orderQty: rng.int(6, 120),
      unitPrice: Math.round(price * 0.7 * 100) / 100,
    }));
    return {
      createdAt: created,
      values: {
        orderLines:
          lines.length > 0
            ? lines
            : [{ skuCode: 'SKU1001', skuName: '经典原味薯片 70g', orderQty: 24, unitPrice: 4.55 }],
        orderStore: idOf(ctx, 'retailStore', store),
        deliveryDate: chinaDate(created + rng.int(1, 4) * DAY),
        orderStatus:
          created < ctx.now - 5 * DAY
            ? rng.pick(['delivered', 'delivered', 'delivered', 'cancelled'])
            : rng.pick(['submitted', 'confirmed']),
      },
    };
  });
}

/** Two weeks of shifts for every rep: mornings, evenings and a day off per week. */
export function shifts(ctx: Ctx): DemoEntityData {
  const days = 14;
  const count = ctx.reps.length * days;
  function* records(): Iterable<DemoRecord> {
    for (let i = 0; i < count; i++) {
      const r = Math.floor(i / days);
      const d = i % days;
      const rep = ctx.reps[r]!;
      const kind = d % 7 === r % 7 ? 'day_off' : (d + r) % 2 === 0 ? 'morning' : 'evening';
      const day = ctx.now + (d - 7) * DAY;
      yield {
        id: idOf(ctx, 'shiftSchedule', i),
        owner: rep.key,
        createdAt: iso(ctx.now - 10 * DAY),
        values: {
          shiftRep: rep.key,
          shiftStore: idOf(ctx, 'retailStore', r * ctx.perRep + (d % ctx.perRep)),
          shiftDate: chinaDate(day),
          shiftKind: kind,
          shiftStartTime: kind === 'morning' ? '08:00' : kind === 'evening' ? '14:00' : null,
          shiftEndTime: kind === 'morning' ? '16:00' : kind === 'evening' ? '22:00' : null,
        },
      };
    }
  }
  return { entity: 'shiftSchedule', count, records };
}

export function fieldTasks(ctx: Ctx, count: number): DemoEntityData {
  return simple(ctx, 'fieldTask', count, (rng, _i, store) => {
    const due = ctx.now + rng.int(-7, 7) * DAY;
    return {
      createdAt: Math.min(ctx.now - 3600_000, due - 2 * DAY),
      values: {
        fieldTaskTitle: rng.pick(['跟进补货', '更换价签', '安排拜访', '回收促销物料']),
        fieldTaskStore: idOf(ctx, 'retailStore', store),
        fieldTaskDueAt: iso(due),
        fieldTaskDone: due < ctx.now ? rng.chance(0.85) : false,
        fieldTaskReason: rng.pick(['缺货预警', 'A 类门店 7 天未拜访', '督导指派']),
      },
    };
  });
}
