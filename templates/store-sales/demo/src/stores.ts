/** Stores with grades and locations, visit plans with routes, and the visits themselves. */

import {
  chinaDate,
  DAY,
  type DemoEntityData,
  type DemoRecord,
  type DemoStageMove,
  type DemoUser,
  hash32,
  iso,
  ownedFileKey,
  Rng,
  rowId,
} from '@stagecraft/demo-kit';
import { type Region, regions } from './org.js';

export interface Ctx {
  seed: number;
  now: number;
  reps: DemoUser[];
  /** Stores per rep. */
  perRep: number;
  visits: number;
}

export function idOf(ctx: Ctx, entity: string, index: number): string {
  return rowId(ctx.seed, entity, index);
}
export const storeCount = (ctx: Ctx) => ctx.reps.length * ctx.perRep;
/** Stores of rep r are r*perRep … r*perRep+perRep-1. */
export const repOfStore = (ctx: Ctx, store: number) => ctx.reps[Math.floor(store / ctx.perRep)]!;
const regionOf = (rep: DemoUser): Region =>
  regions().find((r) => rep.orgUnit?.startsWith(r.key)) ?? regions()[0]!;

const BANNERS = [
  ['hypermarket', ['沃尔玛', '大润发', '永辉超市', '家乐福']],
  ['supermarket', ['华润万家', '联华超市', '物美', '盒马鲜生']],
  ['convenience', ['全家', '罗森', '7-Eleven', '美宜佳', '便利蜂']],
  ['pharmacy', ['老百姓大药房', '益丰大药房', '大参林']],
  ['mom_pop', ['惠民便利店', '好邻居', '佳佳乐超市']],
] as const;
const DISTRICTS = ['中山路', '解放路', '建设路', '人民路', '和平路', '新华路', '长江路', '滨海路'];
const GRADES = [
  ['A', 15],
  ['B', 35],
  ['C', 35],
  ['D', 15],
] as const;

export function storeGrade(ctx: Ctx, store: number): 'A' | 'B' | 'C' | 'D' {
  return Rng.of(ctx.seed, 'store.grade', store).weighted(GRADES);
}

export function stores(ctx: Ctx): DemoEntityData {
  const count = storeCount(ctx);
  function* records(): Iterable<DemoRecord> {
    for (let i = 0; i < count; i++) {
      const rng = Rng.of(ctx.seed, 'retailStore', i);
      const rep = repOfStore(ctx, i);
      const region = regionOf(rep);
      const [channel, banners] = rng.pick(BANNERS);
      const street = rng.pick(DISTRICTS);
      const grade = storeGrade(ctx, i);
      yield {
        id: idOf(ctx, 'retailStore', i),
        owner: rep.key,
        createdAt: iso(ctx.now - rng.int(200, 700) * DAY),
        values: {
          storeName: `${rng.pick(banners)}（${region.city}${street}店）`,
          storeGrade: grade,
          storeChannel: channel,
          storeRegion: region.key,
          storeCity: region.city,
          storeAddress: `${region.city}市${street}${rng.int(1, 899)}号`,
          storeLocation: {
            lat: Math.round((region.lat + (rng.next() - 0.5) * 0.3) * 1e6) / 1e6,
            lng: Math.round((region.lng + (rng.next() - 0.5) * 0.3) * 1e6) / 1e6,
          },
          storeKeeperName: `${rng.pick(['王', '李', '张', '刘', '陈'])}店长`,
          storePhone: `1${rng.pick(['3', '5', '8'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`,
          monthlySalesAmount: Math.round(
            { A: 800_000, B: 300_000, C: 120_000, D: 40_000 }[grade] * (0.6 + rng.next() * 0.8),
          ),
          lastVisitDate: chinaDate(ctx.now - rng.int(0, grade === 'A' ? 6 : 25) * DAY),
        },
      };
    }
  }
  return { entity: 'retailStore', count, records };
}

/** Ten past workdays of plans per rep, each a route of 3–5 of the rep's stores. */
export function visitPlans(ctx: Ctx): DemoEntityData {
  const days = 10;
  const count = ctx.reps.length * days;
  function* records(): Iterable<DemoRecord> {
    for (let i = 0; i < count; i++) {
      const rng = Rng.of(ctx.seed, 'visitPlan', i);
      const r = Math.floor(i / days);
      const rep = ctx.reps[r]!;
      const day = ctx.now - ((i % days) + 1) * DAY;
      const stops = rng.int(3, Math.min(5, ctx.perRep));
      const done = rng.chance(0.9) ? stops : rng.int(0, stops - 1);
      yield {
        id: idOf(ctx, 'visitPlan', i),
        owner: rep.key,
        createdAt: iso(day - DAY),
        values: {
          planTitle: `${rep.name} ${chinaDate(day)} 拜访路线`,
          planDate: chinaDate(day),
          planRep: rep.key,
          routeStops: Array.from({ length: stops }, (_, k) => ({
            stopOrder: k + 1,
            stopStore: idOf(ctx, 'retailStore', r * ctx.perRep + ((k + i) % ctx.perRep)),
            stopTimeSlot: `${String(9 + k * 2).padStart(2, '0')}:00-${String(10 + k * 2).padStart(2, '0')}:30`,
          })),
          planStatus: done === stops ? 'done' : done === 0 ? 'missed' : 'in_progress',
          plannedStopCount: stops,
          completedStopCount: done,
        },
      };
    }
  }
  return { entity: 'visitPlan', count, records };
}

const SKUS = [
  ['SKU1001', '经典原味薯片 70g', 6.5],
  ['SKU1002', '番茄味薯片 70g', 6.5],
  ['SKU2001', '无糖气泡水 480ml', 4.5],
  ['SKU2002', '柠檬茶 500ml', 5],
  ['SKU3001', '全麦面包 400g', 12.9],
  ['SKU3002', '燕麦饼干 200g', 9.9],
  ['SKU4001', '纯牛奶 250ml×12', 45],
  ['SKU4002', '酸奶 200g', 7.8],
] as const;
const STAGES = [
  ['visitCompleted', 80],
  ['checkedIn', 4],
  ['visitPlanned', 11],
  ['visitCancelled', 5],
] as const;

export interface VisitFacts {
  record: DemoRecord;
  moves: DemoStageMove[];
  store: number;
}

export function visitFacts(
  ctx: Ctx,
  i: number,
  photos: { door: string; shelf: string; sku: string; checkIn: string },
): VisitFacts {
  const rng = Rng.of(ctx.seed, 'storeVisit', i);
  const store = rng.int(0, storeCount(ctx) - 1);
  const rep = repOfStore(ctx, store);
  const grade = storeGrade(ctx, store);
  const stage = rng.weighted(STAGES);
  const planned = stage === 'visitPlanned' ? ctx.now + rng.int(1, 7) * DAY : ctx.now - rng.int(1, 180) * DAY;
  const plannedAt = planned - (planned % 3600_000) + rng.int(1, 8) * 3600_000;
  const created = plannedAt - rng.int(1, 3) * DAY;
  const checkIn = plannedAt + rng.int(-20, 40) * 60_000;
  const checkOut = checkIn + rng.int(20, 90) * 60_000;
  const id = idOf(ctx, 'storeVisit', i);
  const moves: DemoStageMove[] = [];
  if (stage === 'checkedIn' || stage === 'visitCompleted')
    moves.push({
      recordId: id,
      transition: 'checkInVisit',
      from: 'visitPlanned',
      to: 'checkedIn',
      at: iso(Math.min(checkIn, ctx.now - 60_000)),
      by: rep.key,
      since: iso(Math.min(created, ctx.now - 60_000)),
    });
  if (stage === 'visitCompleted')
    moves.push({
      recordId: id,
      transition: 'completeVisit',
      from: 'checkedIn',
      to: 'visitCompleted',
      at: iso(Math.min(checkOut, ctx.now)),
      by: rep.key,
    });
  if (stage === 'visitCancelled')
    moves.push({
      recordId: id,
      transition: 'cancelVisit',
      from: 'visitPlanned',
      to: 'visitCancelled',
      at: iso(Math.min(plannedAt, ctx.now)),
      by: rep.key,
      since: iso(Math.min(created, ctx.now - 60_000)),
    });
  const visited = stage === 'checkedIn' || stage === 'visitCompleted';
  const checklist =
    stage === 'visitCompleted'
      ? SKUS.filter((_, k) => (hash32(`${i}:${k}`) & 3) !== 0).map(([skuCode, skuName, price]) => {
          const oos = rng.chance(0.08);
          return {
            skuCode,
            skuName,
            stockQty: oos ? 0 : rng.int(3, 80),
            facingCount: oos ? 0 : rng.int(1, 6),
            shelfPrice: Math.round(price * (0.9 + rng.next() * 0.2) * 10) / 10,
            outOfStock: oos,
          };
        })
      : [];
  const last = moves[moves.length - 1];
  return {
    store,
    moves,
    record: {
      id,
      owner: rep.key,
      createdAt: iso(Math.min(created, ctx.now - 60_000)),
      updatedAt: last?.at ?? iso(Math.min(created, ctx.now - 60_000)),
      stage,
      stageEnteredAt: last?.at ?? iso(Math.min(created, ctx.now - 60_000)),
      values: {
        visitStore: idOf(ctx, 'retailStore', store),
        storeGradeAtVisit: grade,
        plannedVisitAt: iso(plannedAt),
        checkInAt: visited ? iso(Math.min(checkIn, ctx.now - 60_000)) : null,
        checkInPoint: visited ? { lat: 31.2 + rng.next() * 0.1, lng: 121.4 + rng.next() * 0.1 } : null,
        checkInPhoto: visited ? [ownedFileKey(photos.checkIn, rep.key)] : [],
        doorPhoto: stage === 'visitCompleted' ? [ownedFileKey(photos.door, rep.key)] : [],
        shelfPanoramaPhoto: stage === 'visitCompleted' ? [ownedFileKey(photos.shelf, rep.key)] : [],
        keySkuPhoto: stage === 'visitCompleted' ? [ownedFileKey(photos.sku, rep.key)] : [],
        shelfChecklist: checklist,
        visitFindings:
          stage === 'visitCompleted'
            ? rng.pick([
                '陈列整齐，重点单品在黄金位',
                '端架被竞品占用，已与店长沟通',
                '新品未上架，已提交补货',
                '价签缺失两处，已更换',
              ])
            : stage === 'visitCancelled'
              ? '门店临时盘点，改期拜访'
              : null,
        checkOutAt: stage === 'visitCompleted' ? iso(Math.min(checkOut, ctx.now)) : null,
      },
    },
  };
}

export function storeVisits(
  ctx: Ctx,
  photos: { door: string; shelf: string; sku: string; checkIn: string },
): DemoEntityData {
  return {
    entity: 'storeVisit',
    count: ctx.visits,
    *records() {
      for (let i = 0; i < ctx.visits; i++) yield visitFacts(ctx, i, photos).record;
    },
    *stageHistory() {
      for (let i = 0; i < ctx.visits; i++) yield* visitFacts(ctx, i, photos).moves;
    },
  };
}

export { SKUS };
