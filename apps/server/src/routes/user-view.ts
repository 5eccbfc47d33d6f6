/** The public shape of a user in API responses (never the password hash). */
import type { User } from '@stagecraft/store';
import { z } from 'zod';

/** A user as the API shows it. */
export const UserView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  orgUnitId: z.string().nullable(),
  managerId: z.string().nullable(),
  locale: z.enum(['zh-CN', 'en']),
  disabled: z.boolean(),
  skillTags: z.array(z.string()),
});

/** Picks the public fields of a user. */
export function userView(user: User): z.infer<typeof UserView> {
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
