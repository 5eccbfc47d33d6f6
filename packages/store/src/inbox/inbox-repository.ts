/**
 * The in-app inbox: one notification per user and per originating job (the unique key makes a
 * retried or reclaimed job deliver nothing twice). Written inside the job's transaction.
 */
import type { Db, Trx } from '../db.js';

type Text = Record<string, string>;

/** One inbox entry. */
export interface Notification {
  id: number;
  userId: string;
  kind: string;
  appId: string | null;
  entityId: string | null;
  recordId: string | null;
  title: Text;
  message: Text | null;
  createdAt: string;
  readAt: string | null;
}

/** What to deliver; `key` identifies the origin (job key), the user is added to it. */
export interface NotificationInput {
  key: string;
  kind: string;
  appId?: string | null;
  entityId?: string | null;
  recordId?: string | null;
  title: Text;
  message?: Text | null;
}

export interface InboxRepository {
  /** Delivers to each user once; returns the users that got it now. */
  deliver(
    trx: Db | Trx,
    workspaceId: string,
    users: string[],
    input: NotificationInput,
    now: Date,
  ): Promise<string[]>;
  list(
    workspaceId: string,
    userId: string,
    options?: { unreadOnly?: boolean; limit?: number },
  ): Promise<Notification[]>;
  unreadCount(workspaceId: string, userId: string): Promise<number>;
  /** Marks the user's notifications read (all when `ids` is omitted); returns how many changed. */
  markRead(workspaceId: string, userId: string, now: Date, ids?: number[]): Promise<number>;
}

const toNotification = (r: Record<string, unknown>): Notification => ({
  id: Number(r.id),
  userId: String(r.user_id),
  kind: String(r.kind),
  appId: (r.app_id as string | null) ?? null,
  entityId: (r.entity_id as string | null) ?? null,
  recordId: (r.record_id as string | null) ?? null,
  title: r.title as Text,
  message: (r.message as Text | null) ?? null,
  createdAt: String(r.created_at),
  readAt: (r.read_at as string | null) ?? null,
});

/** Builds the repository. */
export function createInboxRepository(db: Db): InboxRepository {
  return {
    async deliver(target, workspaceId, users, input, now) {
      if (users.length === 0) return [];
      const rows = await target
        .insertInto('notifications')
        .values(
          users.map((userId) => ({
            workspace_id: workspaceId,
            user_id: userId,
            key: `${input.key}:${userId}`,
            kind: input.kind,
            app_id: input.appId ?? null,
            entity_id: input.entityId ?? null,
            record_id: input.recordId ?? null,
            title: JSON.stringify(input.title),
            message: input.message ? JSON.stringify(input.message) : null,
            created_at: now.toISOString(),
          })),
        )
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('user_id')
        .execute();
      return rows.map((r) => String(r.user_id));
    },

    async list(workspaceId, userId, options = {}) {
      let q = db
        .selectFrom('notifications')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId);
      if (options.unreadOnly) q = q.where('read_at', 'is', null);
      return (
        await q
          .orderBy('id', 'desc')
          .limit(options.limit ?? 100)
          .execute()
      ).map(toNotification);
    },

    async unreadCount(workspaceId, userId) {
      const row = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async markRead(workspaceId, userId, now, ids) {
      if (ids && ids.length === 0) return 0;
      let q = db
        .updateTable('notifications')
        .set({ read_at: now.toISOString() })
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .where('read_at', 'is', null);
      if (ids) q = q.where('id', 'in', ids);
      const result = await q.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
