/** The workspace's people as the engine's resolvers see them: shared by the worker and the routes. */
import type { DirectoryUnit, DirectoryUser } from '@stagecraft/engine';
import type { ServerStore } from '../store-port.js';

/** The workspace's users and org units as the engine's resolvers take them. */
export async function directoryOf(
  store: { identity: Pick<ServerStore['identity'], 'users' | 'orgUnits'> },
  workspaceId: string,
): Promise<{ users: DirectoryUser[]; units: DirectoryUnit[] }> {
  const [users, units] = await Promise.all([
    store.identity.users(workspaceId),
    store.identity.orgUnits(workspaceId),
  ]);
  return {
    users: users.map((u) => ({
      id: u.id,
      roles: u.roles,
      managerId: u.managerId,
      orgUnitId: u.orgUnitId,
      disabled: u.disabled,
      skillTags: u.skillTags,
    })),
    units: units.map((u) => ({ id: u.id, path: u.path })),
  };
}
