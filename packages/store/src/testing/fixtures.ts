import type { Actor, OrgUnit, User, Workspace } from '../contract.js';
import type { Store } from '../store.js';

/** The actor a user acts as. */
export function actorOf(user: User): Actor {
  return { workspaceId: user.workspaceId, userId: user.id, roles: user.roles, orgUnitId: user.orgUnitId };
}

/** A workspace with a company → region → team tree and one user per typical role. */
export interface OrgFixture {
  workspace: Workspace;
  units: Record<'company' | 'east' | 'west' | 'east1' | 'east2' | 'west1', OrgUnit>;
  users: Record<'admin' | 'eastManager' | 'east1Rep' | 'east1Rep2' | 'east2Rep' | 'westRep', User>;
  actors: Record<'admin' | 'eastManager' | 'east1Rep' | 'east1Rep2' | 'east2Rep' | 'westRep', Actor>;
}

/**
 * Creates a fresh workspace with the org tree company → east (east1, east2) / west (west1), an
 * admin at the company, a manager of east, two reps in east1, one in east2 and one in west1.
 * Emails carry the workspace id, so fixtures can be created many times in one database.
 * `passwordHash` is stored as given (the server hashes passwords).
 */
export async function createOrgFixture(
  store: Store,
  options: { name?: string; passwordHash?: string } = {},
): Promise<OrgFixture> {
  const { identity } = store;
  const workspace = await identity.createWorkspace(options.name ?? 'Test company');
  const ws = workspace.id;
  const company = await identity.createOrgUnit(ws, 'Company', null, 'company');
  const east = await identity.createOrgUnit(ws, 'East region', company.id, 'east');
  const west = await identity.createOrgUnit(ws, 'West region', company.id, 'west');
  const east1 = await identity.createOrgUnit(ws, 'East team 1', east.id, 'east1');
  const east2 = await identity.createOrgUnit(ws, 'East team 2', east.id, 'east2');
  const west1 = await identity.createOrgUnit(ws, 'West team 1', west.id, 'west1');
  const make = async (key: string, roles: string[], orgUnitId: string, managerId: string | null) => {
    const result = await identity.createUser({
      workspaceId: ws,
      email: `${key.toLowerCase()}@${ws}.test`,
      name: key,
      roles,
      orgUnitId,
      managerId,
      locale: 'zh-CN',
      passwordHash: options.passwordHash ?? 'not-a-real-hash',
    });
    if (!result.ok) throw new Error(`fixture user ${key}: ${result.issues.map((i) => i.message).join('; ')}`);
    return result.value;
  };
  const admin = await make('admin', ['admin'], company.id, null);
  const eastManager = await make('eastManager', ['manager'], east.id, admin.id);
  const east1Rep = await make('east1Rep', ['member'], east1.id, eastManager.id);
  const east1Rep2 = await make('east1Rep2', ['member'], east1.id, eastManager.id);
  const east2Rep = await make('east2Rep', ['member'], east2.id, eastManager.id);
  const westRep = await make('westRep', ['member'], west1.id, admin.id);
  const users = { admin, eastManager, east1Rep, east1Rep2, east2Rep, westRep };
  return {
    workspace,
    units: { company, east, west, east1, east2, west1 },
    users,
    actors: {
      admin: actorOf(admin),
      eastManager: actorOf(eastManager),
      east1Rep: actorOf(east1Rep),
      east1Rep2: actorOf(east1Rep2),
      east2Rep: actorOf(east2Rep),
      westRep: actorOf(westRep),
    },
  };
}
