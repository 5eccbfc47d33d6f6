/**
 * API tokens: created with a scope and an optional expiry, found by the hash of their secret,
 * listed (revoked ones too, so an admin sees what was cut off and when) and revoked. A revoked
 * token never works again, whatever later happens to its user: `revoked_at` is only ever set.
 */
import type { Kysely } from 'kysely';
import type { ApiTokenGrant, ApiTokenInput, ApiTokenView, User } from '../contract.js';
import { toUser } from './identity-rows.js';

// biome-ignore lint/suspicious/noExplicitAny: rows come untyped from dynamic SQL
type Row = Record<string, any>;

const isoOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : new Date(value as string).toISOString();

function toGrant(row: Row): ApiTokenGrant {
  return {
    id: row.token_id ?? row.id,
    scope: row.scope === 'read-only' || row.scope === 'app' ? row.scope : 'read-write',
    appId: row.app_id ?? null,
    expiresAt: isoOrNull(row.expires_at),
  };
}

function toView(row: Row): ApiTokenView {
  return {
    ...toGrant(row),
    name: row.name,
    createdAt: isoOrNull(row.created_at) ?? '',
    lastUsedAt: isoOrNull(row.last_used_at),
    revokedAt: isoOrNull(row.revoked_at),
  };
}

/** The token operations of the identity repository. */
export function apiTokenOperations(
  // biome-ignore lint/suspicious/noExplicitAny: system tables are addressed by name
  db: Kysely<any>,
  newId: () => string,
) {
  return {
    async createApiToken(userId: string, name: string, tokenHash: string, input: ApiTokenInput = {}) {
      const id = newId();
      await db
        .insertInto('api_tokens')
        .values({
          id,
          user_id: userId,
          name,
          token_hash: tokenHash,
          scope: input.scope ?? 'read-write',
          app_id: input.scope === 'app' ? (input.appId ?? null) : null,
          expires_at: input.expiresAt ? input.expiresAt.toISOString() : null,
          ...(input.now ? { created_at: input.now.toISOString() } : {}),
        })
        .execute();
      return { id };
    },

    /**
     * The enabled user behind an unrevoked token, with what the token allows. An expired token comes
     * back too (the caller answers TOKEN_EXPIRED), but its last use is not recorded.
     */
    async findApiToken(tokenHash: string, now: Date): Promise<{ user: User; token: ApiTokenGrant } | null> {
      const row = await db
        .selectFrom('api_tokens')
        .innerJoin('users', 'users.id', 'api_tokens.user_id')
        .selectAll('users')
        .select([
          'api_tokens.id as token_id',
          'api_tokens.scope',
          'api_tokens.app_id',
          'api_tokens.expires_at',
        ])
        .where('api_tokens.token_hash', '=', tokenHash)
        .where('api_tokens.revoked_at', 'is', null)
        .where('users.disabled', '=', false)
        .executeTakeFirst();
      if (!row) return null;
      const token = toGrant(row);
      if (!token.expiresAt || Date.parse(token.expiresAt) > now.getTime())
        await db
          .updateTable('api_tokens')
          .set({ last_used_at: now.toISOString() })
          .where('id', '=', token.id)
          .execute();
      return { user: toUser(row), token };
    },

    /** A user's tokens, newest first, revoked ones included. */
    async apiTokens(userId: string): Promise<ApiTokenView[]> {
      const rows = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toView);
    },

    /** Revokes one of the user's tokens; false when it has none such or it was revoked already. */
    async revokeApiToken(userId: string, id: string, now: Date): Promise<boolean> {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: now.toISOString() })
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
