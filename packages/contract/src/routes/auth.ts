/** Sign-in, sign-out, the signed-in user, API tokens. */
import { Id } from '@stagecraft/schema';
import { z } from 'zod';
import { IdParams, Ok } from '../common.js';
import { route } from '../route.js';
import { UserView } from './users.js';

/** `POST /api/auth/login` */
export const login = route({
  method: 'POST',
  path: '/api/auth/login',
  public: true,
  tags: ['auth'],
  summary: 'Sign in with email and password; sets the session cookie',
  body: z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) }).strict(),
  responses: { 200: z.object({ user: UserView }) },
});

/** `POST /api/auth/logout` */
export const logout = route({
  method: 'POST',
  path: '/api/auth/logout',
  public: true,
  tags: ['auth'],
  summary: 'Sign out; ends the session',
  responses: { 200: Ok },
});

/** The signed-in user with roles, org unit and workspace. */
export const Me = z.object({
  user: UserView,
  roles: z.array(z.string()),
  orgUnit: z
    .object({ id: z.string(), name: z.string(), path: z.string(), parentId: z.string().nullable() })
    .nullable(),
  workspace: z.object({ id: z.string(), name: z.string().optional(), timeZone: z.string().optional() }),
});
export type Me = z.infer<typeof Me>;

/** `GET /api/auth/me` */
export const me = route({
  method: 'GET',
  path: '/api/auth/me',
  tags: ['auth'],
  summary: 'The signed-in user with roles, org unit and workspace',
  responses: { 200: Me },
});

/** What an API token may reach: only reads, reads and writes, or one app (reads and writes in it). */
export const TokenScope = z.enum(['read-only', 'read-write', 'app']);
export type TokenScope = z.infer<typeof TokenScope>;

/** One of my API tokens as the list shows it; the secret itself is never shown again. */
export const ApiTokenView = z.object({
  id: z.string(),
  name: z.string(),
  scope: TokenScope,
  /** The app an `app` token is limited to, else null. */
  appId: z.string().nullable(),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenView = z.infer<typeof ApiTokenView>;
/** `POST /api/auth/password` */
export const changePassword = route({
  method: 'POST',
  path: '/api/auth/password',
  tags: ['auth'],
  summary:
    'Change my password (current + new, checked by the password policy); ends my other sessions and clears a one-time password',
  body: z
    .object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) })
    .strict(),
  responses: { 200: z.object({ user: UserView }) },
});

/** `PATCH /api/auth/preferences` */
export const updatePreferences = route({
  method: 'PATCH',
  path: '/api/auth/preferences',
  tags: ['auth'],
  summary: 'Set my own preferences: whether notifications also reach me by email',
  body: z.object({ emailNotifications: z.boolean() }).strict(),
  responses: { 200: z.object({ user: UserView }) },
});

/** `POST /api/auth/tokens` */
export const createToken = route({
  method: 'POST',
  path: '/api/auth/tokens',
  tags: ['auth'],
  summary:
    'Create an API token for integrations (signed in, not with a token); the secret is shown only in this response',
  body: z
    .object({
      name: z.string().trim().min(1).max(100),
      /** Defaults to read-write. */
      scope: TokenScope.optional(),
      /** Required with scope `app`, refused otherwise. */
      app: Id.optional(),
      /** Days until it expires (1 to 3650); omitted or null: never. */
      expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
    })
    .strict(),
  responses: { 201: ApiTokenView.extend({ token: z.string() }) },
});

/** `GET /api/auth/tokens` */
export const listTokens = route({
  method: 'GET',
  path: '/api/auth/tokens',
  tags: ['auth'],
  summary: 'My API tokens, newest first, revoked ones included (signed in, not with a token)',
  responses: { 200: z.object({ tokens: z.array(ApiTokenView) }) },
});

/** `DELETE /api/auth/tokens/:id` */
export const revokeToken = route({
  method: 'DELETE',
  path: '/api/auth/tokens/:id',
  tags: ['auth'],
  summary: 'Revoke one of my API tokens for good (404 when I have no live token with this id)',
  params: IdParams,
  responses: { 200: Ok },
});

/** One of my sessions: where and when it was used; `current` is the one making this request. */
export const SessionView = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  /** Browser and system read from the user agent, e.g. `Chrome · Android`; null when unknown. */
  device: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type SessionView = z.infer<typeof SessionView>;

/** `GET /api/auth/sessions` */
export const listSessions = route({
  method: 'GET',
  path: '/api/auth/sessions',
  tags: ['auth'],
  summary: 'My live sessions (signed-in browsers), most recently used first',
  responses: { 200: z.object({ sessions: z.array(SessionView) }) },
});

/** `DELETE /api/auth/sessions/:id` */
export const endSession = route({
  method: 'DELETE',
  path: '/api/auth/sessions/:id',
  tags: ['auth'],
  summary: 'End one of my sessions (404 when I have no session with this id)',
  params: IdParams,
  responses: { 200: Ok },
});

/** `POST /api/auth/logout-everywhere` */
export const logoutEverywhere = route({
  method: 'POST',
  path: '/api/auth/logout-everywhere',
  tags: ['auth'],
  summary: 'Sign out everywhere: ends all of my sessions, this one included',
  responses: { 200: Ok },
});
