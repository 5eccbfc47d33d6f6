/**
 * People and the org tree of the signed-in user's workspace: lists for pickers (any user), creation
 * for admins (`POST /api/users` hashes the password with argon2id; `POST /api/org-units`).
 */
import { Id } from '@stagecraft/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hashPassword } from '../auth/password.js';
import { requireActor, requireAdmin } from '../auth/request-context.js';
import { fail, unwrap } from '../errors/issues-error.js';
import { UserView, userView } from './user-view.js';

const OrgUnitView = z.object({
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

/** Users and org-units route plugin. */
export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store } = app.stagecraft;

  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Users of the workspace',
        response: { 200: z.object({ users: z.array(UserView) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const users = await store.identity.users(actor.workspaceId);
      return { users: users.map(userView) };
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user (admin)',
        body: z
          .object({
            email: z.email().max(320),
            password: z.string().min(8).max(1024),
            name: z.string().min(1).max(200),
            roles: z.array(Id).min(1).max(20),
            orgUnitId: z.string().min(1).max(100).nullable().optional(),
            managerId: z.string().min(1).max(100).nullable().optional(),
            locale: z.enum(['zh-CN', 'en']).optional(),
            skillTags: SkillTags.optional(),
          })
          .strict(),
        response: { 201: UserView },
      },
    },
    async (request, reply) => {
      const actor = requireAdmin(request);
      const body = request.body;
      if (body.orgUnitId) {
        const units = await store.identity.orgUnits(actor.workspaceId);
        if (!units.some((u) => u.id === body.orgUnitId)) fail('REFERENCE_UNKNOWN', '/orgUnitId');
      }
      if (body.managerId && !(await store.identity.getUser(actor.workspaceId, body.managerId)))
        fail('REFERENCE_UNKNOWN', '/managerId');
      const user = unwrap(
        await store.identity.createUser({
          workspaceId: actor.workspaceId,
          email: body.email.trim().toLowerCase(),
          name: body.name,
          roles: body.roles,
          orgUnitId: body.orgUnitId ?? null,
          managerId: body.managerId ?? null,
          locale: body.locale ?? 'zh-CN',
          skillTags: body.skillTags ?? [],
          passwordHash: await hashPassword(body.password),
        }),
      );
      reply.status(201);
      return userView(user);
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change a user (admin): name, roles, org unit, manager, language, skill tags, disabled',
        params: z.object({ id: z.string().min(1).max(100) }),
        body: z
          .object({
            name: z.string().min(1).max(200).optional(),
            roles: z.array(Id).min(1).max(20).optional(),
            orgUnitId: z.string().min(1).max(100).nullable().optional(),
            managerId: z.string().min(1).max(100).nullable().optional(),
            locale: z.enum(['zh-CN', 'en']).optional(),
            disabled: z.boolean().optional(),
            skillTags: SkillTags.optional(),
          })
          .strict(),
        response: { 200: UserView },
      },
    },
    async (request) => {
      const actor = requireAdmin(request);
      const { id } = request.params;
      if (request.body.managerId === id)
        fail('VALIDATION_FAILED', '/managerId', {
          en: 'A user cannot manage themselves.',
          'zh-CN': '用户不能成为自己的上级。',
        });
      const user = unwrap(await store.identity.updateUser(actor.workspaceId, id, request.body));
      if (request.body.disabled) await store.identity.deleteUserSessions(user.id);
      return userView(user);
    },
  );

  app.get(
    '/api/org-units',
    {
      schema: {
        tags: ['users'],
        summary: 'The org tree, flat, with materialised paths',
        response: { 200: z.object({ orgUnits: z.array(OrgUnitView) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const units = await store.identity.orgUnits(actor.workspaceId);
      return {
        orgUnits: units.map((u) => ({
          id: u.id,
          parentId: u.parentId,
          name: u.name,
          path: u.path,
          level: u.level,
        })),
      };
    },
  );

  app.post(
    '/api/org-units',
    {
      schema: {
        tags: ['users'],
        summary: 'Add an org unit under a parent (admin)',
        body: z
          .object({ name: z.string().min(1).max(200), parentId: z.string().min(1).max(100).nullable() })
          .strict(),
        response: { 201: OrgUnitView },
      },
    },
    async (request, reply) => {
      const actor = requireAdmin(request);
      const { name, parentId } = request.body;
      if (parentId) {
        const units = await store.identity.orgUnits(actor.workspaceId);
        if (!units.some((u) => u.id === parentId)) fail('REFERENCE_UNKNOWN', '/parentId');
      }
      const unit = await store.identity.createOrgUnit(actor.workspaceId, name, parentId);
      reply.status(201);
      return { id: unit.id, parentId: unit.parentId, name: unit.name, path: unit.path, level: unit.level };
    },
  );
};
