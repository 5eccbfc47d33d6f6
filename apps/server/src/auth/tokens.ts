/**
 * Session and API tokens: random secrets handed to the caller once; the store keeps only their
 * sha256 hash, so a leaked database does not leak working credentials.
 */
import { createHash, randomBytes } from 'node:crypto';

/** Prefix of API tokens, so they are recognisable in logs and secret scanners. */
export const API_TOKEN_PREFIX = 'sct_';

/** A new random session token (256 bits). */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A new random API token. */
export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** The hash stored for a token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
