/** The public shape of a user in API responses (never the password hash). */
import type { UserView } from '@stagecraft/contract';
import type { User } from '@stagecraft/store';

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
  };
}
