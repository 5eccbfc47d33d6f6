/**
 * Passwords: `POST /api/auth/password` (change my own: the current one, then a new one the policy
 * accepts; my other sessions end, this one stays, and a one-time password is cleared) and
 * `POST /api/users/:id/reset-password` (an admin gives a user a one-time password, shown once; the
 * user's sessions end and the next sign-in must change it). `PATCH /api/auth/preferences` sets
 * whether my notifications also come by email.
 */
import { API } from '@stagecraft/contract';
import { issue } from '@stagecraft/schema';
import type { SignInLimits } from '@stagecraft/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { checkPassword } from '../auth/password-policy.js';
import { requireActor, requireAdmin } from '../auth/request-context.js';
import { generatePassword } from '../bootstrap/first-run.js';
import { fail, IssuesError, unwrap } from '../errors/issues-error.js';
import type { Clock, ServerStore } from '../store-port.js';
import { accountKey } from './auth.js';
import { schemaOf } from './contract-schema.js';
import { userView } from './user-view.js';

/** What the password routes need. */
export interface PasswordRoutesOptions {
  store: ServerStore;
  clock: Clock;
  signInLimits: SignInLimits;
}

/** Password route plugin. */
export const passwordRoutes: FastifyPluginAsyncZod<PasswordRoutesOptions> = async (
  app,
  { store, clock, signInLimits },
) => {
  app.post('/api/auth/password', { schema: schemaOf(API.auth.changePassword) }, async (request, reply) => {
    requireActor(request);
    const user = request.user;
    if (!user) fail('UNAUTHENTICATED');
    // API tokens cannot change the password: it takes the person who knows the current one.
    if (!request.sessionId) fail('FORBIDDEN');
    const { currentPassword, newPassword } = request.body;
    const account = accountKey(user.email);
    const now = clock.now();
    // Wrong current passwords count like failed sign-ins, so a left-open session cannot guess it.
    const blockedUntil = await store.signIns.blockedUntil(request.ip, account, now);
    if (blockedUntil) {
      const seconds = Math.max(1, Math.ceil((blockedUntil.getTime() - now.getTime()) / 1000));
      reply.header('retry-after', String(seconds));
      fail('RATE_LIMITED');
    }
    const stored = await store.identity.findUserByEmail(user.email);
    if (!stored || !(await verifyPassword(stored.passwordHash, currentPassword))) {
      await store.signIns.recordFailure(request.ip, account, now, signInLimits);
      fail('PASSWORD_INCORRECT', '/currentPassword');
    }
    await store.signIns.recordSuccess(account);
    const issues = checkPassword(newPassword, user.email, '/newPassword');
    if (newPassword === currentPassword)
      issues.push(
        issue('VALIDATION_FAILED', '/newPassword', {
          en: 'The new password must differ from the current one.',
          'zh-CN': '新密码不能与当前密码相同。',
        }),
      );
    if (issues.length) throw new IssuesError(issues);
    const updated = unwrap(
      await store.identity.updateUser(user.workspaceId, user.id, {
        passwordHash: await hashPassword(newPassword),
        mustChangePassword: false,
      }),
    );
    await store.identity.deleteOtherSessions(user.id, request.sessionId);
    return { user: userView(updated) };
  });

  // My own preferences (sessions and tokens alike: it changes nothing but how I am notified).
  app.patch('/api/auth/preferences', { schema: schemaOf(API.auth.updatePreferences) }, async (request) => {
    const actor = requireActor(request);
    const user = unwrap(
      await store.identity.updateUser(actor.workspaceId, actor.userId, {
        emailNotifications: request.body.emailNotifications,
      }),
    );
    return { user: userView(user) };
  });

  app.post(
    '/api/users/:id/reset-password',
    { schema: schemaOf(API.users.resetPassword) },
    async (request) => {
      const actor = requireAdmin(request);
      const target = await store.identity.getUser(actor.workspaceId, request.params.id);
      if (!target) fail('NOT_FOUND', '/id', { en: 'No such user.', 'zh-CN': '用户不存在。' });
      const oneTimePassword = generatePassword();
      unwrap(
        await store.identity.updateUser(actor.workspaceId, target.id, {
          passwordHash: await hashPassword(oneTimePassword),
          mustChangePassword: true,
        }),
      );
      await store.identity.deleteUserSessions(target.id);
      return { oneTimePassword };
    },
  );
};
