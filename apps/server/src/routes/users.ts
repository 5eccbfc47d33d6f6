/**
 * People and the org tree of the signed-in user's workspace: lists for pickers (any user; emails,
 * roles and managers only for managers and admins); for admins, creating and changing users
 * (`POST /api/users` checks the password policy, or makes a one-time password when none is given;
 * roles must be grantable, see `use-cases/grantable-roles.ts`), the grantable roles, and adding,
 * renaming and moving org units.
 */
import { API } from '@stagecraft/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { hashPassword } from '../auth/password.js';
import { checkPassword } from '../auth/password-policy.js';
import { requireActor, requireAdmin } from '../auth/request-context.js';
import { generatePassword } from '../bootstrap/first-run.js';
import { fail, IssuesError, unwrap } from '../errors/issues-error.js';
import { grantableRoles, unknownRoles } from '../use-cases/grantable-roles.js';
import { schemaOf } from './contract-schema.js';
import { directoryOf, userView } from './user-view.js';

/** Users and org-units route plugin. */
export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, published } = app.stagecraft;

  app.get(
    '/api/users',
    {
      schema: schemaOf(API.users.listUsers),
    },
    async (request) => {
      const actor = requireActor(request);
      const [users, units] = await Promise.all([
        store.identity.users(actor.workspaceId),
        store.identity.orgUnits(actor.workspaceId),
      ]);
      const unitNames = new Map(units.map((u) => [u.id, u.name]));
      return directoryOf(actor, users, unitNames);
    },
  );

  app.post(
    '/api/users',
    {
      schema: schemaOf(API.users.createUser),
    },
    async (request, reply) => {
      const actor = requireAdmin(request);
      const body = request.body;
      const email = body.email.trim().toLowerCase();
      const issues = [
        ...unknownRoles(body.roles, await grantableRoles(store, published, actor), '/roles'),
        ...(body.password === undefined ? [] : checkPassword(body.password, email, '/password')),
      ];
      if (issues.length) throw new IssuesError(issues);
      if (body.orgUnitId) {
        const units = await store.identity.orgUnits(actor.workspaceId);
        if (!units.some((u) => u.id === body.orgUnitId)) fail('REFERENCE_UNKNOWN', '/orgUnitId');
      }
      if (body.managerId && !(await store.identity.getUser(actor.workspaceId, body.managerId)))
        fail('REFERENCE_UNKNOWN', '/managerId');
      // No password given: a one-time one, shown once in this answer, changed at the first sign-in.
      const oneTimePassword = body.password === undefined ? generatePassword() : undefined;
      const user = unwrap(
        await store.identity.createUser({
          workspaceId: actor.workspaceId,
          email,
          name: body.name,
          roles: body.roles,
          orgUnitId: body.orgUnitId ?? null,
          managerId: body.managerId ?? null,
          locale: body.locale ?? 'zh-CN',
          skillTags: body.skillTags ?? [],
          passwordHash: await hashPassword(body.password ?? (oneTimePassword as string)),
          mustChangePassword: oneTimePassword !== undefined,
        }),
      );
      reply.status(201);
      return oneTimePassword ? { ...userView(user), oneTimePassword } : userView(user);
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: schemaOf(API.users.updateUser),
    },
    async (request) => {
      const actor = requireAdmin(request);
      const { id } = request.params;
      if (request.body.managerId === id)
        fail('VALIDATION_FAILED', '/managerId', {
          en: 'A user cannot manage themselves.',
          'zh-CN': '用户不能成为自己的上级。',
        });
      if (request.body.roles) {
        const issues = unknownRoles(
          request.body.roles,
          await grantableRoles(store, published, actor),
          '/roles',
        );
        if (issues.length) throw new IssuesError(issues);
      }
      if (request.body.disabled && id === actor.userId)
        fail('VALIDATION_FAILED', '/disabled', {
          en: 'You cannot disable yourself.',
          'zh-CN': '不能停用自己的账号。',
        });
      const user = unwrap(await store.identity.updateUser(actor.workspaceId, id, request.body));
      if (request.body.disabled) await store.identity.deleteUserSessions(user.id);
      return userView(user);
    },
  );

  app.get(
    '/api/org-units',
    {
      schema: schemaOf(API.users.listOrgUnits),
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
      schema: schemaOf(API.users.createOrgUnit),
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

  app.patch('/api/org-units/:id', { schema: schemaOf(API.users.updateOrgUnit) }, async (request) => {
    const actor = requireAdmin(request);
    const unit = unwrap(
      await store.identity.updateOrgUnit(actor.workspaceId, request.params.id, request.body),
    );
    return { id: unit.id, parentId: unit.parentId, name: unit.name, path: unit.path, level: unit.level };
  });

  app.get('/api/user-roles', { schema: schemaOf(API.users.listGrantableRoles) }, async (request) => {
    const actor = requireAdmin(request);
    return { roles: await grantableRoles(store, published, actor) };
  });
};
