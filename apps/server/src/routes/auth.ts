/**
 * Sign-in and credentials: `POST /api/auth/login` (argon2id, rate limited per IP + email, httpOnly
 * SameSite=Lax session cookie), `POST /api/auth/logout`, `GET /api/auth/me`, `POST /api/auth/tokens`
 * (an API token shown once, used as `Authorization: Bearer …`).
 */
import { API } from '@stagecraft/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SESSION_COOKIE } from '../auth/authenticate.js';
import { LoginLimiter } from '../auth/login-limiter.js';
import { verifyPassword } from '../auth/password.js';
import { requireActor } from '../auth/request-context.js';
import { hashToken, newApiToken, newSessionToken } from '../auth/tokens.js';
import { fail } from '../errors/issues-error.js';
import type { Clock, ServerStore } from '../store-port.js';
import { schemaOf } from './contract-schema.js';
import { userView } from './user-view.js';

/** How long a session lasts. */
export const SESSION_TTL_MS = 14 * 24 * 3600_000;

/** What the auth routes need. */
export interface AuthRoutesOptions {
  store: ServerStore;
  clock: Clock;
  limiter: LoginLimiter;
}

/** Auth route plugin. */
export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (
  app,
  { store, clock, limiter },
) => {
  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: schemaOf(API.auth.login),
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
      schema: schemaOf(API.auth.logout),
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
      schema: schemaOf(API.auth.me),
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
      schema: schemaOf(API.auth.createToken),
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
