/** Quotes with line items, contracts for won deals, and their payment plans (回款). */

import {
  chinaDate,
  DAY,
  type DemoEntityData,
  type DemoRecord,
  iso,
  ownedFileKey,
  Rng,
} from '@stagecraft/demo-kit';
import { type Ctx, idOf } from './context.js';
import { type OpportunityFacts, opportunityFacts } from './pipeline.js';

const ITEMS = [
  ['软件许可', 80_000],
  ['实施服务（人天）', 2_500],
  ['年度运维', 30_000],
  ['培训服务', 8_000],
  ['硬件网关', 12_000],
] as const;

function detailedWhere(ctx: Ctx, keep: (o: OpportunityFacts) => boolean): OpportunityFacts[] {
  const out: OpportunityFacts[] = [];
  for (let i = 0; i < ctx.detailed; i++) {
    const o = opportunityFacts(ctx, i);
    if (keep(o)) out.push(o);
  }
  return out;
}

export function quotes(ctx: Ctx): DemoEntityData {
  const opps = detailedWhere(ctx, (o) => o.reached >= 3);
  function* records(): Iterable<DemoRecord> {
    for (const [n, o] of opps.entries()) {
      const rng = Rng.of(ctx.seed, 'quote', n);
      const lines = ITEMS.slice(0, rng.int(2, ITEMS.length)).map(([productName, price]) => ({
        productName,
        quantity: price < 5_000 ? rng.int(20, 200) : rng.int(1, 5),
        unitPrice: price,
        discountRate: rng.pick([0, 5, 10, 15]),
      }));
      const sent = Date.parse(o.moves.find((m) => m.to === 'quoteNegotiation')?.at ?? o.record.createdAt);
      yield {
        id: idOf(ctx, 'quote', n),
        owner: o.ownerKey,
        createdAt: iso(sent),
        values: {
          quoteOpportunity: o.record.id,
          quoteLines: lines,
          validUntil: chinaDate(sent + 30 * DAY),
          quoteStatus:
            o.stage === 'closedWon' || o.stage === 'contractExecution'
              ? 'accepted'
              : o.stage === 'closedLost'
                ? 'rejected'
                : 'sent',
        },
      };
    }
  }
  return { entity: 'quote', count: opps.length, records };
}

function wonDeals(ctx: Ctx): OpportunityFacts[] {
  return detailedWhere(ctx, (o) => o.stage === 'closedWon');
}

export function contracts(ctx: Ctx, scanFile: string): DemoEntityData {
  const won = wonDeals(ctx);
  function* records(): Iterable<DemoRecord> {
    for (const [n, o] of won.entries()) {
      const signed = Date.parse(o.record.stageEnteredAt ?? o.record.createdAt);
      yield {
        id: idOf(ctx, 'contract', n),
        owner: o.ownerKey,
        createdAt: iso(signed),
        values: {
          contractAccount: idOf(ctx, 'account', o.account),
          contractOpportunity: o.record.id,
          contractAmount: o.amount,
          signedDate: chinaDate(signed),
          serviceStartDate: chinaDate(signed + 7 * DAY),
          serviceEndDate: chinaDate(signed + 372 * DAY),
          contractScan: [ownedFileKey(scanFile, o.ownerKey)],
          contractStatus: signed < ctx.now - 60 * DAY ? 'executing' : 'signed',
        },
      };
    }
  }
  return { entity: 'contract', count: won.length, records };
}

/** Two installments per contract: 60 % at signing, 40 % on acceptance. */
export function payments(ctx: Ctx): DemoEntityData {
  const won = wonDeals(ctx);
  function* records(): Iterable<DemoRecord> {
    for (const [n, o] of won.entries()) {
      const rng = Rng.of(ctx.seed, 'payment', n);
      const signed = Date.parse(o.record.stageEnteredAt ?? o.record.createdAt);
      for (const [k, share, after] of [
        [1, 0.6, 15],
        [2, 0.4, 90],
      ] as const) {
        const planned = signed + after * DAY;
        const received =
          planned < ctx.now && rng.chance(0.8) ? Math.min(ctx.now, planned + rng.int(-5, 20) * DAY) : null;
        yield {
          id: idOf(ctx, 'payment', n * 2 + k - 1),
          owner: o.ownerKey,
          createdAt: iso(signed),
          values: {
            paymentContract: idOf(ctx, 'contract', n),
            installmentNo: k,
            paymentAmount: Math.round(o.amount * share),
            plannedPaymentDate: chinaDate(planned),
            receivedDate: received === null ? null : chinaDate(received),
            paymentMethod: rng.pick(['bank_transfer', 'acceptance_bill']),
            invoiceIssued: received !== null || rng.chance(0.3),
          },
        };
      }
    }
  }
  return { entity: 'payment', count: won.length * 2, records };
}
