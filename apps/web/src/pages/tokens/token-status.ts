import type { ApiTokenView } from './tokens-api.js';

export type { ApiTokenView };

/** Whether a token still works at `now`: revoked wins over expired. */
export function tokenStatus(token: ApiTokenView, now: Date): 'live' | 'expired' | 'revoked' {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= now.getTime()) return 'expired';
  return 'live';
}
