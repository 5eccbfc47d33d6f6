/**
 * My sessions: `GET /api/auth/sessions` (where and when each signed-in browser was used, which one is
 * this one), `DELETE /api/auth/sessions/:id` (end one; another user's id is NOT_FOUND, as an unknown
 * one) and `POST /api/auth/logout-everywhere` (end all of them, this one included).
 */
import { API } from '@stagecraft/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SESSION_COOKIE } from '../auth/authenticate.js';
import { deviceOf } from '../auth/device.js';
import { requireActor } from '../auth/request-context.js';
import type { SessionTimeouts } from '../auth/session-policy.js';
import { fail } from '../errors/issues-error.js';
import type { Clock, ServerStore } from '../store-port.js';
import { schemaOf } from './contract-schema.js';

/** What the session routes need. */
export interface SessionRoutesOptions {
  store: ServerStore;
  clock: Clock;
  sessions: SessionTimeouts;
}

/** Session route plugin. */
export const sessionRoutes: FastifyPluginAsyncZod<SessionRoutesOptions> = async (
  app,
  { store, clock, sessions },
) => {
  app.get('/api/auth/sessions', { schema: schemaOf(API.auth.listSessions) }, async (request) => {
    const actor = requireActor(request);
    const list = await store.sessions.list(actor.userId, clock.now(), sessions.idleMs);
    const views = list.map((s) => ({
      ...s,
      device: deviceOf(s.userAgent),
      current: s.id === request.sessionId,
    }));
    // This browser first, then the others by last use (the store's order).
    return { sessions: [...views.filter((s) => s.current), ...views.filter((s) => !s.current)] };
  });

  app.delete('/api/auth/sessions/:id', { schema: schemaOf(API.auth.endSession) }, async (request, reply) => {
    const actor = requireActor(request);
    const ended = await store.sessions.end(actor.userId, request.params.id);
    if (!ended)
      fail('NOT_FOUND', '/id', { en: 'You have no session with this id.', 'zh-CN': '没有这个登录会话。' });
    if (request.params.id === request.sessionId) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.post(
    '/api/auth/logout-everywhere',
    { schema: schemaOf(API.auth.logoutEverywhere) },
    async (request, reply) => {
      const actor = requireActor(request);
      await store.identity.deleteUserSessions(actor.userId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );
};
