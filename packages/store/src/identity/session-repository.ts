import type { User } from '../contract.js';
import type { Db } from '../db.js';
import { toUser } from './identity-rows.js';
import { SessionCache } from './session-cache.js';

/** One of a user's sessions as its owner sees it (never the token or its hash). */
export interface SessionInfo {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

/** What a new session records. */
export interface NewSession {
  userId: string;
  tokenHash: string;
  now: Date;
  /** The absolute end of the session. */
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/**
 * How `find` is given a session's token: its hash, or the raw secret with the hash computed only
 * when the lookup goes to the database (a cached hit, keyed by the raw secret, does no hashing).
 */
export type SessionLookup = string | { token: string; hash: () => string };

/**
 * Browser sessions: looked up by the hash of their secret, ended by their public id. A session lives
 * until its absolute `expiresAt` and only while it was seen within the idle timeout the caller passes.
 */
export interface SessionRepository {
  create(input: NewSession): Promise<{ id: string }>;
  /** The enabled user of a live session, with the session's id and when it was last seen. */
  find(
    lookup: SessionLookup,
    now: Date,
    idleMs: number,
  ): Promise<{ user: User; session: { id: string; lastSeenAt: string } } | null>;
  /**
   * Marks a session as seen now unless it was seen less than `everyMs` ago; the condition is in the
   * update, so many requests and processes write at most once per `everyMs`. True when written.
   */
  touch(id: string, now: Date, everyMs: number): Promise<boolean>;
  /** A user's live sessions, most recently seen first. */
  list(userId: string, now: Date, idleMs: number): Promise<SessionInfo[]>;
  /** Ends one of the user's sessions; false when the user has no session with this id. */
  end(userId: string, id: string): Promise<boolean>;
  /** Ends the session of a token (sign out). */
  endByToken(tokenHash: string): Promise<void>;
}

const isoOf = (value: unknown): string => new Date(value as string).toISOString();

/**
 * The session repository over the `sessions` table. `cache` (shared with the identity repository,
 * whose user writes empty it) saves the lookup of a session read in the last moments; by default
 * none.
 */
export function createSessionRepository(
  db: Db,
  newId: () => string,
  cache: SessionCache = new SessionCache(0),
): SessionRepository {
  const idleCutoff = (now: Date, idleMs: number) => new Date(now.getTime() - idleMs).toISOString();
  return {
    async create(input) {
      const id = newId();
      const now = input.now.toISOString();
      await db
        .insertInto('sessions')
        .values({
          id,
          token_hash: input.tokenHash,
          user_id: input.userId,
          created_at: now,
          last_seen_at: now,
          expires_at: input.expiresAt.toISOString(),
          ip: input.ip,
          user_agent: input.userAgent,
        })
        .execute();
      // Pruning: every session past its absolute end (indexed), whoever it belonged to.
      await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
      return { id };
    },

    async find(lookup, now, idleMs) {
      // Raw secrets and hashes never share a cache key: a cookie holding a hash finds nothing.
      const cacheKey = typeof lookup === 'string' ? `h:${lookup}` : `t:${lookup.token}`;
      const hit = cache.get(cacheKey, now, idleMs);
      if (hit) {
        return {
          user: hit.user,
          session: { id: hit.sessionId, lastSeenAt: new Date(hit.lastSeenMs).toISOString() },
        };
      }
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .selectAll('users')
        .select([
          'sessions.id as session_id',
          'sessions.last_seen_at as session_last_seen_at',
          'sessions.expires_at as session_expires_at',
        ])
        .where('sessions.token_hash', '=', typeof lookup === 'string' ? lookup : lookup.hash())
        .where('sessions.expires_at', '>', now.toISOString())
        .where('sessions.last_seen_at', '>', idleCutoff(now, idleMs))
        .where('users.disabled', '=', false)
        .executeTakeFirst();
      if (!row) return null;
      const user = toUser(row);
      const lastSeenAt = isoOf(row.session_last_seen_at);
      cache.set(
        cacheKey,
        {
          user: { ...user, roles: [...user.roles], skillTags: [...user.skillTags] },
          sessionId: row.session_id,
          lastSeenMs: Date.parse(lastSeenAt),
          expiresMs: Date.parse(isoOf(row.session_expires_at)),
        },
        now,
      );
      return { user, session: { id: row.session_id, lastSeenAt } };
    },

    async touch(id, now, everyMs) {
      const result = await db
        .updateTable('sessions')
        .set({ last_seen_at: now.toISOString() })
        .where('id', '=', id)
        .where('last_seen_at', '<=', new Date(now.getTime() - everyMs).toISOString())
        .executeTakeFirst();
      const written = Number(result.numUpdatedRows) > 0;
      cache.touched(id, now, written);
      return written;
    },

    async list(userId, now, idleMs) {
      const rows = await db
        .selectFrom('sessions')
        .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
        .where('user_id', '=', userId)
        .where('expires_at', '>', now.toISOString())
        .where('last_seen_at', '>', idleCutoff(now, idleMs))
        .orderBy('last_seen_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        createdAt: isoOf(r.created_at),
        lastSeenAt: isoOf(r.last_seen_at),
        expiresAt: isoOf(r.expires_at),
        ip: r.ip ?? null,
        userAgent: r.user_agent ?? null,
      }));
    },

    async end(userId, id) {
      const result = await db
        .deleteFrom('sessions')
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .executeTakeFirst();
      cache.clear();
      return Number(result.numDeletedRows) > 0;
    },

    async endByToken(tokenHash) {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
      cache.clear();
    },
  };
}
