/** Sign-in, sign-out, the signed-in user, API tokens. */
import { z } from 'zod';
import { Ok } from '../common.js';
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

/** `POST /api/auth/tokens` */
export const createToken = route({
  method: 'POST',
  path: '/api/auth/tokens',
  tags: ['auth'],
  summary: 'Create an API token for integrations; the token is shown only in this response',
  body: z.object({ name: z.string().min(1).max(100) }).strict(),
  responses: { 201: z.object({ id: z.string(), name: z.string(), token: z.string() }) },
});
