import type { Db } from '../db.js';

// biome-ignore lint/suspicious/noExplicitAny: rows come untyped from dynamic SQL
type Row = Record<string, any>;

/** An app row of the actor's workspace (the only way any method reaches an app). */
export async function findApp(
  db: Db,
  workspaceId: string,
  appId: string,
  lock = false,
): Promise<Row | undefined> {
  let query = db
    .selectFrom('apps')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', appId);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}
