/** Users and the org tree of the workspace. */
import { Id } from '@stagecraft/schema';
import { z } from 'zod';
import { IdParams } from '../common.js';
import { route } from '../route.js';

/** A user as the API shows it (never the password hash). */
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
  /** Holds a one-time password: must change it before anything else works. */
  mustChangePassword: z.boolean(),
  /** Notifications also reach me by email (when the server has SMTP). */
  emailNotifications: z.boolean(),
});
export type UserView = z.infer<typeof UserView>;

/**
 * A colleague as a member (rep) sees them in the directory: enough to pick and name people, never
 * their email, roles or manager (those go to managers and admins; see docs/security-audit-fields.md).
 */
export const MemberUserView = z
  .object({
    id: z.string(),
    name: z.string(),
    orgUnitId: z.string().nullable(),
    orgUnitName: z.string().nullable(),
    disabled: z.boolean(),
  })
  .strict();
export type MemberUserView = z.infer<typeof MemberUserView>;

/** A user in the full directory of managers and admins: the user view plus the org unit's name. */
export const DirectoryUserView = UserView.extend({ orgUnitName: z.string().nullable() });
export type DirectoryUserView = z.infer<typeof DirectoryUserView>;

/** The directory, full for managers and admins, reduced for everyone else; `view` says which. */
export const UserDirectory = z.discriminatedUnion('view', [
  z.object({ view: z.literal('full'), users: z.array(DirectoryUserView) }),
  z.object({ view: z.literal('member'), users: z.array(MemberUserView) }),
]);
export type UserDirectory = z.infer<typeof UserDirectory>;

/** An org unit with its materialised path. */
export const OrgUnitView = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  path: z.string(),
  level: z.number(),
});

/** Skill tags of a user: short labels the `assign` action matches, no duplicates. */
const SkillTags = z
  .array(z.string().trim().min(1).max(60))
  .max(50)
  .transform((tags) => [...new Set(tags)]);

const Locale = z.enum(['zh-CN', 'en']);
const MaybeId = z.string().min(1).max(100).nullable().optional();

/** `GET /api/users` */
export const listUsers = route({
  method: 'GET',
  path: '/api/users',
  tags: ['users'],
  summary:
    'Users of the workspace: names and org units for members; emails, roles and managers too for managers and admins',
  responses: { 200: UserDirectory },
});

/** `POST /api/users` */
export const createUser = route({
  method: 'POST',
  path: '/api/users',
  tags: ['users'],
  summary:
    'Create a user (admin). Without `password` the server makes a one-time password, returned once as `oneTimePassword`, which the user must change at the first sign-in',
  body: z
    .object({
      email: z.email().max(320),
      /** A password the admin chooses (checked by the password policy); omit it for a one-time one. */
      password: z.string().min(1).max(1024).optional(),
      name: z.string().min(1).max(200),
      roles: z.array(Id).min(1).max(20),
      orgUnitId: MaybeId,
      managerId: MaybeId,
      locale: Locale.optional(),
      skillTags: SkillTags.optional(),
    })
    .strict(),
  responses: { 201: UserView.extend({ oneTimePassword: z.string().optional() }) },
});

/** `PATCH /api/users/:id` */
export const updateUser = route({
  method: 'PATCH',
  path: '/api/users/:id',
  tags: ['users'],
  summary: 'Change a user (admin): name, roles, org unit, manager, language, skill tags, disabled',
  params: IdParams,
  body: z
    .object({
      name: z.string().min(1).max(200).optional(),
      roles: z.array(Id).min(1).max(20).optional(),
      orgUnitId: MaybeId,
      managerId: MaybeId,
      locale: Locale.optional(),
      disabled: z.boolean().optional(),
      skillTags: SkillTags.optional(),
    })
    .strict(),
  responses: { 200: UserView },
});

/** `GET /api/org-units` */
export const listOrgUnits = route({
  method: 'GET',
  path: '/api/org-units',
  tags: ['users'],
  summary: 'The org tree, flat, with materialised paths',
  responses: { 200: z.object({ orgUnits: z.array(OrgUnitView) }) },
});

/** `POST /api/org-units` */
export const createOrgUnit = route({
  method: 'POST',
  path: '/api/org-units',
  tags: ['users'],
  summary: 'Add an org unit under a parent (admin)',
  body: z
    .object({ name: z.string().min(1).max(200), parentId: z.string().min(1).max(100).nullable() })
    .strict(),
  responses: { 201: OrgUnitView },
});

/** `PATCH /api/org-units/:id` */
export const updateOrgUnit = route({
  method: 'PATCH',
  path: '/api/org-units/:id',
  tags: ['users'],
  summary: 'Rename an org unit and/or move it under another parent, its subtree with it (admin)',
  params: IdParams,
  body: z
    .object({
      name: z.string().trim().min(1).max(200).optional(),
      parentId: z.string().min(1).max(100).nullable().optional(),
    })
    .strict(),
  responses: { 200: OrgUnitView },
});

/** `POST /api/users/:id/reset-password` */
export const resetPassword = route({
  method: 'POST',
  path: '/api/users/:id/reset-password',
  tags: ['users'],
  summary:
    "Give a user a new one-time password (admin): shown once, ends the user's sessions, must be changed at the next sign-in",
  params: IdParams,
  responses: { 200: z.object({ oneTimePassword: z.string() }) },
});

/** A role a user can be granted: built in, or declared by a published app (approver roles too). */
export const GrantableRole = z.object({
  id: z.string(),
  label: z.object({ 'zh-CN': z.string(), en: z.string() }),
  builtIn: z.boolean(),
  /** The apps that declare it (empty for a built-in role no app refines). */
  apps: z.array(z.string()),
});
export type GrantableRole = z.infer<typeof GrantableRole>;

/** `GET /api/user-roles` */
export const listGrantableRoles = route({
  method: 'GET',
  path: '/api/user-roles',
  tags: ['users'],
  summary:
    'The roles a user can be granted (admin): admin, manager, member and every role of the published apps; any other role name is refused with ROLE_UNKNOWN',
  responses: { 200: z.object({ roles: z.array(GrantableRole) }) },
});

/** One line of a user import that was refused, with every reason. */
export const RefusedUserLine = z.object({
  line: z.number(),
  email: z.string(),
  issues: z.array(z.object({ code: z.string(), path: z.string(), message: z.string() })),
});

/** `POST /api/users/import` */
export const importUsers = route({
  method: 'POST',
  path: '/api/users/import',
  tags: ['users'],
  summary:
    'Import users from a CSV (multipart field `file`; UTF-8, GBK or UTF-16 detected) with the columns email, name, roles, orgUnit, manager (admin). Each created user gets a one-time password, returned once; refused lines come back with their reasons',
  consumes: ['multipart/form-data'],
  responses: {
    200: z.object({
      encoding: z.string(),
      created: z.array(
        z.object({
          line: z.number(),
          id: z.string(),
          email: z.string(),
          name: z.string(),
          oneTimePassword: z.string(),
        }),
      ),
      refused: z.array(RefusedUserLine),
    }),
  },
});
