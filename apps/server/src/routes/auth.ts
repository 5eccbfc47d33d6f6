/**
 * Sign-in and credentials: `POST /api/auth/login` (argon2id; limits per account, per IP and against
 * spraying kept in the database, see docs/security.md; httpOnly SameSite=Lax session cookie),
 * `POST /api/auth/logout`, `GET /api/auth/me`, API tokens: create (scope and expiry; the secret is
 * shown once, used as `Authorization: Bearer …`), list and revoke (`GET`/`DELETE /api/auth/tokens`).
 */
import { API } from '@stagecraft/contract';
import type { SignInLimits } from '@stagecraft/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SESSION_COOKIE } from '../auth/authenticate.js';
import { verifyPassword } from '../auth/password.js';
import { requireActor } from '../auth/request-context.js';
import type { SessionTimeouts } from '../auth/session-policy.js';
import { hashToken, newApiToken, newSessionToken } from '../auth/tokens.js';
import { fail } from '../errors/issues-error.js';
import type { Clock, ServerStore } from '../store-port.js';
import { schemaOf } from './contract-schema.js';
import { userView } from './user-view.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the auth routes need. */
export interface AuthRoutesOptions {
  store: ServerStore;
  clock: Clock;
  signInLimits: SignInLimits;
  sessions: SessionTimeouts;
}

/**
 * The key sign-in limits count an account under: a hash of the lower-cased email, whether or not
 * such a user exists (so answers do not tell), and so typed emails are not stored.
 */
export function accountKey(email: string): string {
  return hashToken(`account:${email.trim().toLowerCase()}`);
}

/** The user agent as the sessions list shows it: control characters dropped, at most 500 characters. */
function storableUserAgent(header: string | undefined): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const clean = (header ?? '').replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 500);
  return clean || null;
}

/** Auth route plugin. */
export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (
  app,
  { store, clock, signInLimits, sessions },
) => {
  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: schemaOf(API.auth.login),
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const account = accountKey(email);
      const now = clock.now();
      // A blocked attempt is refused before the password is looked at, so guessing learns nothing.
      const blockedUntil = await store.signIns.blockedUntil(request.ip, account, now);
      if (blockedUntil) {
        const seconds = Math.max(1, Math.ceil((blockedUntil.getTime() - now.getTime()) / 1000));
        reply.header('retry-after', String(seconds));
        fail('RATE_LIMITED');
      }
      const found = await store.identity.findUserByEmail(email.trim().toLowerCase());
      const ok = await verifyPassword(found?.passwordHash, password);
      if (!found || !ok || found.disabled) {
        await store.signIns.recordFailure(request.ip, account, now, signInLimits);
        fail('INVALID_CREDENTIALS');
      }
      await store.signIns.recordSuccess(account);
      const token = newSessionToken();
      const expires = new Date(now.getTime() + sessions.maxMs);
      const userAgent = request.headers['user-agent'];
      await store.sessions.create({
        userId: found.id,
        tokenHash: hashToken(token),
        now,
        expiresAt: expires,
        ip: request.ip || null,
        userAgent: storableUserAgent(userAgent),
      });
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
      if (cookie) await store.sessions.endByToken(hashToken(cookie));
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
      const { name, scope = 'read-write', app: appId, expiresInDays } = request.body;
      if (scope === 'app' && !appId)
        fail('VALIDATION_FAILED', '/app', {
          en: 'Pick the app this token is limited to.',
          'zh-CN': '请选择该令牌限定的应用。',
        });
      if (scope !== 'app' && appId)
        fail('VALIDATION_FAILED', '/app', {
          en: 'Only an app-scoped token names an app.',
          'zh-CN': '只有限定应用的令牌才需要指定应用。',
        });
      if (appId && !(await store.apps.list(actor)).some((a) => a.id === appId)) fail('APP_NOT_FOUND', '/app');
      const now = clock.now();
      const expiresAt = expiresInDays ? new Date(now.getTime() + expiresInDays * DAY_MS) : null;
      const token = newApiToken();
      const { id } = await store.identity.createApiToken(actor.userId, name, hashToken(token), {
        scope,
        ...(appId ? { appId } : {}),
        expiresAt,
        now,
      });
      reply.status(201);
      return {
        id,
        name,
        scope,
        appId: appId ?? null,
        expiresAt: expiresAt?.toISOString() ?? null,
        createdAt: now.toISOString(),
        lastUsedAt: null,
        revokedAt: null,
        token,
      };
    },
  );

  app.get('/api/auth/tokens', { schema: schemaOf(API.auth.listTokens) }, async (request) => {
    const actor = requireActor(request);
    return { tokens: await store.identity.apiTokens(actor.userId) };
  });

  app.delete('/api/auth/tokens/:id', { schema: schemaOf(API.auth.revokeToken) }, async (request) => {
    const actor = requireActor(request);
    if (!(await store.identity.revokeApiToken(actor.userId, request.params.id, clock.now())))
      fail('NOT_FOUND', '/id', { en: 'No such live token.', 'zh-CN': '没有该有效令牌。' });
    return { ok: true as const };
  });
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
