/** Sign-in, sign-out, the signed-in user, API tokens. */
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

/** `POST /api/auth/tokens` */
export const createToken = route({
  method: 'POST',
  path: '/api/auth/tokens',
  tags: ['auth'],
  summary: 'Create an API token for integrations; the token is shown only in this response',
  body: z.object({ name: z.string().min(1).max(100) }).strict(),
  responses: { 201: z.object({ id: z.string(), name: z.string(), token: z.string() }) },
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
