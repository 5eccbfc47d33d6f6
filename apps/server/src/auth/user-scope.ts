/**
 * Which people a caller may see figures of. Record scope limits records in the store; a list of
 * people computed beside those records (a scorecard's reps) must be limited the same way, or it
 * names users, and their zero scores, that the caller may not see.
 */
import { orgSubtree } from '@stagecraft/engine';
import { type App, type RecordScope, resolvePermission } from '@stagecraft/schema';
import type { Actor, OrgUnit, User } from '@stagecraft/store';

const RANK: Record<RecordScope, number> = { own: 0, subtree: 1, all: 2 };

/**
 * The widest record scope the actor's roles give on any of `entities` it may read (the store
 * scopes each entity's records by the same resolution); `own` when it may read none of them.
 */
export function widestScope(
  app: Pick<App, 'roles' | 'entities'>,
  actor: Actor,
  entities: string[],
): RecordScope {
  let widest: RecordScope = 'own';
  for (const entity of entities) {
    const permission = resolvePermission(app, entity, actor.roles);
    if (permission.read && RANK[permission.scope] > RANK[widest]) widest = permission.scope;
  }
  return widest;
}

/**
 * The users within a scope, as the store's record scope reads it: `all` everyone of the workspace;
 * `subtree` the actor and the users of the actor's org unit or below (without an org unit, the
 * actor alone); `own` the actor alone.
 */
export function usersInScope(
  users: readonly User[],
  units: readonly OrgUnit[],
  actor: Actor,
  scope: RecordScope,
): User[] {
  if (scope === 'all') return [...users];
  const below = new Set(scope === 'subtree' && actor.orgUnitId ? orgSubtree(units, actor.orgUnitId) : []);
  return users.filter((u) => u.id === actor.userId || (u.orgUnitId !== null && below.has(u.orgUnitId)));
}
