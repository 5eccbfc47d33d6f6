/**
 * Authentication for every request: a session cookie or an `Authorization: Bearer` API token becomes
 * `request.user` / `request.actor`. Every matched `/api` route not marked `config: { public: true }`
 * answers UNAUTHENTICATED without one. A request made with a token is also held to the token's
 * expiry and scope (`token-scope.ts`). Unmatched routes fall through to the NOT_FOUND handler.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fail } from '../errors/issues-error.js';
import type { Clock, ServerStore } from '../store-port.js';
import { actorOf } from './request-context.js';
import type { SessionTimeouts } from './session-policy.js';
import { tokenExpired, tokenRefusal } from './token-scope.js';
import { hashToken } from './tokens.js';

/**
 * What a user holding a one-time password may still call: change it, read `me`, sign out. Every
 * other route answers PASSWORD_CHANGE_REQUIRED until the password is changed.
 */
const ONE_TIME_PASSWORD_ROUTES: ReadonlySet<string> = new Set([
  '/api/auth/password',
  '/api/auth/me',
  '/api/auth/logout',
  '/api/auth/logout-everywhere',
]);

/** Name of the session cookie. */
export const SESSION_COOKIE = 'stagecraft_session';

async function resolveUser(
  request: FastifyRequest,
  store: ServerStore,
  clock: Clock,
  timeouts: SessionTimeouts,
) {
  const auth = request.headers.authorization;
  if (typeof auth === 'string' && /^bearer\s+/i.test(auth)) {
    const token = auth.replace(/^bearer\s+/i, '').trim();
    if (!token || token.length > 512) return null;
    const found = await store.identity.findApiToken(hashToken(token), clock.now());
    if (!found) return null;
    request.apiToken = found.token;
    return found.user;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie || cookie.length > 512) return null;
  const now = clock.now();
  // Keyed by the raw cookie in the store's short cache: a hit costs no SHA-256.
  const found = await store.sessions.find(
    { token: cookie, hash: () => hashToken(cookie) },
    now,
    timeouts.idleMs,
  );
  if (!found) return null;
  request.sessionId = found.session.id;
  // Last seen is written at most once per touchEveryMs (the store re-checks in the update itself).
  if (now.getTime() - Date.parse(found.session.lastSeenAt) >= timeouts.touchEveryMs)
    await store.sessions.touch(found.session.id, now, timeouts.touchEveryMs);
  return found.user;
}

/** Adds the authentication hook to the root instance. */
export function installAuthentication(
  app: FastifyInstance,
  store: ServerStore,
  clock: Clock,
  timeouts: SessionTimeouts,
): void {
  app.decorateRequest('user', null);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('apiToken', null);
  app.addHook('onRequest', async (request) => {
    const isApi =
      request.url.startsWith('/api/') || request.url === '/api' || request.url.startsWith('/api?');
    // Static files of the web app need no user: no session lookup for them.
    if (!isApi) return;
    const user = await resolveUser(request, store, clock, timeouts);
    if (user && !user.disabled) {
      request.user = user;
      request.actor = actorOf(user);
    }
    const routePath = request.routeOptions.url;
    if (routePath === undefined || request.routeOptions.config.public) return;
    const token = request.apiToken;
    if (token && request.actor) {
      if (tokenExpired(token, clock.now())) fail('TOKEN_EXPIRED');
      const refusal = tokenRefusal(token, {
        method: request.method,
        routePath,
        params: (request.params ?? {}) as Record<string, unknown>,
      });
      if (refusal) fail(refusal);
    }
    if (!request.actor) fail('UNAUTHENTICATED');
    if (request.user?.mustChangePassword && !ONE_TIME_PASSWORD_ROUTES.has(routePath))
      fail('PASSWORD_CHANGE_REQUIRED');
  });
}
