import type { Action } from '@stagecraft/schema';
import { conditionHolds } from './condition.js';
import type { DirectoryUser } from './recipients.js';
import type { AutomationContext, AutomationRecord } from './types.js';

type AssignAction = Extract<Action, { type: 'assign' }>;

/** An org unit with its materialised path, so "east" includes the teams below it. */
export interface DirectoryUnit {
  id: string;
  path: string;
}

/**
 * The candidates of an assignment for a record, sorted by id: the pool (role, users, org units,
 * skill tags), narrowed by the first matching rule (by region, industry…). Empty when nobody fits.
 */
export function assignmentPool(
  action: AssignAction,
  record: AutomationRecord,
  users: readonly DirectoryUser[],
  units: readonly DirectoryUnit[],
  context: AutomationContext,
): string[] {
  const rule = (action.rules ?? []).find((r) => {
    const holds = conditionHolds(r.when, record, null, context);
    return holds.ok && holds.value;
  });
  const pool = action.pool;
  const recordUnit = pool.orgUnitField ? record[pool.orgUnitField] : undefined;
  const unitIds =
    rule?.orgUnits ?? pool.orgUnits ?? (typeof recordUnit === 'string' ? [recordUnit] : undefined);
  const skills = rule?.skillTags ?? pool.skillTags;
  const pathOf = new Map(units.map((u) => [u.id, u.path]));
  const within = (userUnit: string | null) => {
    if (!unitIds) return true;
    const path = userUnit ? pathOf.get(userUnit) : undefined;
    return unitIds.some((id) => userUnit === id || (path?.includes(`/${id}/`) ?? false));
  };
  return users
    .filter((u) => !u.disabled)
    .filter((u) => !pool.role || u.roles.includes(pool.role))
    .filter((u) => !pool.users || pool.users.includes(u.id))
    .filter((u) => within(u.orgUnitId))
    .filter((u) => !skills || skills.length === 0 || skills.some((s) => u.skillTags?.includes(s)))
    .map((u) => u.id)
    .sort();
}

/** Round-robin: the candidate after the one assigned last in this pool (the first when none). */
export function pickRoundRobin(candidates: readonly string[], lastAssigned: string | null): string | null {
  if (candidates.length === 0) return null;
  const index = lastAssigned === null ? -1 : candidates.indexOf(lastAssigned);
  if (index === -1 && lastAssigned !== null) {
    const next = candidates.find((c) => c > lastAssigned);
    return next ?? (candidates[0] as string);
  }
  return candidates[(index + 1) % candidates.length] as string;
}

/** Load-balanced: the candidate with the fewest open records; ties go to the smallest id. */
export function pickLoadBalanced(
  candidates: readonly string[],
  openCounts: Readonly<Record<string, number>>,
): string | null {
  let best: string | null = null;
  for (const c of candidates) if (best === null || (openCounts[c] ?? 0) < (openCounts[best] ?? 0)) best = c;
  return best;
}
