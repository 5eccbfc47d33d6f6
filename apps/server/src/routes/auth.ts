/**
 * Sign-in and credentials: `POST /api/auth/login` (argon2id, rate limited per IP + email, httpOnly
 * SameSite=Lax session cookie), `POST /api/auth/logout`, `GET /api/auth/me`, `POST /api/auth/tokens`
 * (an API token shown once, used as `Authorization: Bearer …`).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/authenticate.js';
import { LoginLimiter } from '../auth/login-limiter.js';
import { verifyPassword } from '../auth/password.js';
import { requireActor } from '../auth/request-context.js';
import { hashToken, newApiToken, newSessionToken } from '../auth/tokens.js';
import { fail } from '../errors/issues-error.js';
import type { Clock, ServerStore } from '../store-port.js';
import { UserView, userView } from './user-view.js';

/** How long a session lasts. */
export const SESSION_TTL_MS = 14 * 24 * 3600_000;

/** What the auth routes need. */
export interface AuthRoutesOptions {
  store: ServerStore;
  clock: Clock;
  limiter: LoginLimiter;
}

const Credentials = z
  .object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) })
  .strict();

/** Auth route plugin. */
export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (
  app,
  { store, clock, limiter },
) => {
  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: Credentials,
        response: { 200: z.object({ user: UserView }) },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const key = LoginLimiter.key(request.ip, email);
      if (!limiter.allowed(key)) fail('RATE_LIMITED');
      const found = await store.identity.findUserByEmail(email.trim().toLowerCase());
      const ok = await verifyPassword(found?.passwordHash, password);
      if (!found || !ok || found.disabled) {
        limiter.fail(key);
        fail('INVALID_CREDENTIALS');
      }
      limiter.succeed(key);
      const token = newSessionToken();
      const expires = new Date(clock.now().getTime() + SESSION_TTL_MS);
      await store.identity.createSession(found.id, hashToken(token), expires);
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure: request.protocol === 'https',
        expires,
      });
      const { passwordHash: _hash, ...user } = found;
      return { user: userView(user) };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign out; ends the session',
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) await store.identity.deleteSession(hashToken(cookie));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user with roles, org unit and workspace',
        response: {
          200: z.object({
            user: UserView,
            roles: z.array(z.string()),
            orgUnit: z
              .object({ id: z.string(), name: z.string(), path: z.string(), parentId: z.string().nullable() })
              .nullable(),
            workspace: z.object({
              id: z.string(),
              name: z.string().optional(),
              timeZone: z.string().optional(),
            }),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const user = request.user;
      if (!user) fail('UNAUTHENTICATED');
      const units = await store.identity.orgUnits(actor.workspaceId);
      const unit = units.find((u) => u.id === user.orgUnitId) ?? null;
      const workspace = await workspaceOf(store, actor.workspaceId);
      return {
        user: userView(user),
        roles: user.roles,
        orgUnit: unit ? { id: unit.id, name: unit.name, path: unit.path, parentId: unit.parentId } : null,
        workspace,
      };
    },
  );

  app.post(
    '/api/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an API token for integrations; the token is shown only in this response',
        body: z.object({ name: z.string().min(1).max(100) }).strict(),
        response: { 201: z.object({ id: z.string(), name: z.string(), token: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const token = newApiToken();
      const { id } = await store.identity.createApiToken(actor.userId, request.body.name, hashToken(token));
      reply.status(201);
      return { id, name: request.body.name, token };
    },
  );
};

/** The workspace's name and time zone when the store can tell them (an optional store method). */
async function workspaceOf(
  store: ServerStore,
  id: string,
): Promise<{ id: string; name?: string; timeZone?: string }> {
  const identity = store.identity as ServerStore['identity'] & {
    getWorkspace?: (id: string) => Promise<{ name: string; timeZone: string } | null>;
  };
  const ws = identity.getWorkspace ? await identity.getWorkspace(id) : null;
  return ws ? { id, name: ws.name, timeZone: ws.timeZone } : { id };
}
