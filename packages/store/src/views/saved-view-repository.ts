/**
 * Saved views in `saved_views`. A user lists their own views of a list and the views others
 * shared; only the owner or an admin changes or deletes one. Whether the caller may read the
 * view's entity at all is the caller's check (the server looks at the entity's permission first).
 */
import { issue } from '@stagecraft/schema';
import { sql } from 'kysely';
import type { Actor, Result } from '../contract.js';
import type { Db } from '../db.js';

/** One saved view as the API shows it. */
export interface SavedViewRow {
  id: string;
  view: string;
  name: string;
  shared: boolean;
  owner: string;
  /** The list state: filter, sort, search (JSON the client wrote). */
  state: unknown;
  updatedAt: string;
}

/** Saved views of lists. */
export interface SavedViewRepository {
  list(actor: Actor, appId: string, viewId: string): Promise<SavedViewRow[]>;
  create(
    actor: Actor,
    appId: string,
    viewId: string,
    input: { name: string; shared: boolean; state: unknown; now: string },
  ): Promise<Result<SavedViewRow>>;
  update(
    actor: Actor,
    appId: string,
    id: string,
    input: { name?: string; shared?: boolean; state?: unknown; now: string },
  ): Promise<Result<SavedViewRow>>;
  remove(actor: Actor, appId: string, id: string): Promise<Result<{ id: string }>>;
}

interface Row {
  id: string;
  view_id: string;
  name: string;
  shared: boolean;
  owner_id: string;
  state: unknown;
  updated_at: Date | string;
}

const toView = (r: Row): SavedViewRow => ({
  id: r.id,
  view: r.view_id,
  name: r.name,
  shared: r.shared,
  owner: r.owner_id,
  state: typeof r.state === 'string' ? JSON.parse(r.state) : r.state,
  updatedAt: new Date(r.updated_at).toISOString(),
});

const taken = () => ({
  ok: false as const,
  issues: [issue('SAVED_VIEW_EXISTS', '/name')],
});

/** The repository over `db`. */
export function createSavedViewRepository(db: Db, newId: () => string): SavedViewRepository {
  const mine = async (actor: Actor, appId: string, id: string): Promise<Result<Row>> => {
    const row = (await db
      .selectFrom('saved_views')
      .selectAll()
      .where('workspace_id', '=', actor.workspaceId)
      .where('app_id', '=', appId)
      .where('id', '=', id)
      .executeTakeFirst()) as (Row & { owner_id: string }) | undefined;
    // a view the caller may not even see is not found; one they see but do not own is forbidden
    if (!row || (!row.shared && row.owner_id !== actor.userId && !actor.roles.includes('admin')))
      return { ok: false, issues: [issue('NOT_FOUND', '/id')] };
    if (row.owner_id !== actor.userId && !actor.roles.includes('admin'))
      return { ok: false, issues: [issue('FORBIDDEN', '/id')] };
    return { ok: true, value: row };
  };
  const unique = (e: unknown) => /unique|duplicate/i.test(String((e as Error)?.message));

  return {
    async list(actor, appId, viewId) {
      const rows = (await db
        .selectFrom('saved_views')
        .selectAll()
        .where('workspace_id', '=', actor.workspaceId)
        .where('app_id', '=', appId)
        .where('view_id', '=', viewId)
        .where((eb) => eb.or([eb('owner_id', '=', actor.userId), eb('shared', '=', true)]))
        .orderBy('name')
        .execute()) as Row[];
      return rows.map(toView);
    },
    async create(actor, appId, viewId, input) {
      try {
        const row = (await db
          .insertInto('saved_views')
          .values({
            id: newId(),
            workspace_id: actor.workspaceId,
            app_id: appId,
            view_id: viewId,
            owner_id: actor.userId,
            name: input.name,
            shared: input.shared,
            state: sql`${JSON.stringify(input.state ?? {})}::jsonb`,
            created_at: input.now,
            updated_at: input.now,
          })
          .returningAll()
          .executeTakeFirstOrThrow()) as Row;
        return { ok: true, value: toView(row) };
      } catch (e) {
        if (unique(e)) return taken();
        throw e;
      }
    },
    async update(actor, appId, id, input) {
      const found = await mine(actor, appId, id);
      if (!found.ok) return found;
      try {
        const row = (await db
          .updateTable('saved_views')
          .set({
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.shared !== undefined ? { shared: input.shared } : {}),
            ...(input.state !== undefined ? { state: sql`${JSON.stringify(input.state)}::jsonb` } : {}),
            updated_at: input.now,
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow()) as Row;
        return { ok: true, value: toView(row) };
      } catch (e) {
        if (unique(e)) return taken();
        throw e;
      }
    },
    async remove(actor, appId, id) {
      const found = await mine(actor, appId, id);
      if (!found.ok) return found;
      await db.deleteFrom('saved_views').where('id', '=', id).execute();
      return { ok: true, value: { id } };
    },
  };
}
