/** What every generator of this pack shares: seed, clock, the reps, and deterministic ids. */

import { type DemoUser, rowId } from '@stagecraft/demo-kit';

export interface Ctx {
  seed: number;
  /** "Now" in epoch milliseconds. */
  now: number;
  reps: DemoUser[];
  accounts: number;
  opportunities: number;
  /** Opportunities that also get quotes, contracts and follow-ups (the first ones). */
  detailed: number;
}

/** The id of row `index` of `entity`, the same wherever it is referenced. */
export function idOf(ctx: Ctx, entity: string, index: number): string {
  return rowId(ctx.seed, entity, index);
}

/** Region key of a team key such as `east2`. */
export function regionOf(orgUnit: string | null): string {
  return (orgUnit ?? 'east').replace(/\d+$/, '');
}

/** The rep who owns account `index` (accounts are spread evenly over the reps). */
export function accountOwner(ctx: Ctx, index: number): DemoUser {
  return ctx.reps[index % ctx.reps.length]!;
}
