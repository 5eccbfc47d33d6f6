/**
 * Authentication for every request: a session cookie or an `Authorization: Bearer` API token becomes
 * `request.user` / `request.actor`. Every matched `/api` route not marked `config: { public: true }`
 * answers UNAUTHENTICATED without one. Unmatched routes fall through to the NOT_FOUND handler.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fail } from '../errors/issues-error.js';
import type { Clock, ServerStore } from '../store-port.js';
import { actorOf } from './request-context.js';
import { hashToken } from './tokens.js';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'stagecraft_session';

async function resolveUser(request: FastifyRequest, store: ServerStore, clock: Clock) {
  const auth = request.headers.authorization;
  if (typeof auth === 'string' && /^bearer\s+/i.test(auth)) {
    const token = auth.replace(/^bearer\s+/i, '').trim();
    if (!token || token.length > 512) return null;
    return store.identity.findApiToken(hashToken(token));
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie && cookie.length <= 512) return store.identity.findSession(hashToken(cookie), clock.now());
  return null;
}

/** Adds the authentication hook to the root instance. */
export function installAuthentication(app: FastifyInstance, store: ServerStore, clock: Clock): void {
  app.decorateRequest('user', null);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const isApi =
      request.url.startsWith('/api/') || request.url === '/api' || request.url.startsWith('/api?');
    // Static files of the web app need no user: no session lookup for them.
    if (!isApi) return;
    const user = await resolveUser(request, store, clock);
    if (user && !user.disabled) {
      request.user = user;
      request.actor = actorOf(user);
    }
    const matched = request.routeOptions.url !== undefined;
    if (matched && isApi && !request.routeOptions.config.public && !request.actor) fail('UNAUTHENTICATED');
  });
}
