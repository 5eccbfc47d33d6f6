/** The public shapes of a user in API responses (never the password hash). */
import type { UserDirectory, UserView } from '@stagecraft/contract';
import type { Actor, User } from '@stagecraft/store';

/** Picks the public fields of a user. */
export function userView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    orgUnitId: user.orgUnitId,
    managerId: user.managerId,
    locale: user.locale,
    disabled: user.disabled,
    skillTags: user.skillTags,
    mustChangePassword: user.mustChangePassword ?? false,
    emailNotifications: user.emailNotifications ?? true,
  };
}

/** Workspace roles that see colleagues' emails, roles and managers. */
const FULL_DIRECTORY_ROLES: readonly string[] = ['admin', 'manager'];

/** Whether the actor gets the full directory: a manager or an admin of the workspace. */
export function seesFullDirectory(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.some((r) => FULL_DIRECTORY_ROLES.includes(r));
}

/**
 * The directory as `actor` may see it: managers and admins get every public field; anyone else
 * only what picking and naming a colleague needs (id, name, org unit, disabled), so a signed-in rep
 * cannot harvest emails or learn who holds which role.
 */
export function directoryOf(
  actor: Pick<Actor, 'roles'>,
  users: readonly User[],
  unitNames: ReadonlyMap<string, string>,
): UserDirectory {
  const unitName = (u: User) => (u.orgUnitId === null ? null : (unitNames.get(u.orgUnitId) ?? null));
  if (seesFullDirectory(actor))
    return { view: 'full', users: users.map((u) => ({ ...userView(u), orgUnitName: unitName(u) })) };
  return {
    view: 'member',
    users: users.map((u) => ({
      id: u.id,
      name: u.name,
      orgUnitId: u.orgUnitId,
      orgUnitName: unitName(u),
      disabled: u.disabled,
    })),
  };
}
