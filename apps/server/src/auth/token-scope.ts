/**
 * What an API token may reach, checked for every request made with one, before any handler runs:
 * - no token may manage tokens or sessions (a leaked token cannot mint a successor or lock its owner
 *   out): TOKEN_NOT_ALLOWED;
 * - a read-only token may only read: GET, and POSTs the contract marks `readsOnly` (queries whose
 *   filter travels in the body): TOKEN_READ_ONLY;
 * - an app token may only reach routes of its app (`/api/apps/:app/…` with that app) and
 *   `GET /api/auth/me`: TOKEN_OUT_OF_SCOPE.
 * The token's user's own permissions still apply on top; a token never widens them.
 */
import { findRoute } from '@stagecraft/contract';
import type { ErrorCode } from '@stagecraft/schema';
import type { ApiTokenGrant } from '@stagecraft/store';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Account routes no token may call, by route path prefix. */
const ACCOUNT_ROUTES = ['/api/auth/tokens', '/api/auth/sessions', '/api/auth/logout-everywhere'];

/** The request a token is checked against: method, the matched route's path, and its raw params. */
export interface TokenRequest {
  method: string;
  routePath: string;
  params: Record<string, unknown>;
}

/** Why a token may not make this request, or null when it may. */
export function tokenRefusal(grant: ApiTokenGrant, request: TokenRequest): ErrorCode | null {
  const { method, routePath, params } = request;
  if (ACCOUNT_ROUTES.some((p) => routePath === p || routePath.startsWith(`${p}/`)))
    return 'TOKEN_NOT_ALLOWED';
  if (grant.scope === 'read-only' && !READ_METHODS.has(method) && !findRoute(method, routePath)?.readsOnly)
    return 'TOKEN_READ_ONLY';
  if (grant.scope === 'app') {
    if (method === 'GET' && routePath === '/api/auth/me') return null;
    if (!routePath.startsWith('/api/apps/:app') || params.app !== grant.appId) return 'TOKEN_OUT_OF_SCOPE';
  }
  return null;
}

/** True when the token's expiry has passed at `now`. */
export function tokenExpired(grant: ApiTokenGrant, now: Date): boolean {
  return grant.expiresAt !== null && Date.parse(grant.expiresAt) <= now.getTime();
}
