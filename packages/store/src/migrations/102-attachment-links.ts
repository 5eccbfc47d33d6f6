import { type Kysely, sql } from 'kysely';
import type { Migration } from './migration.js';
import { runStatements } from './statements.js';

interface FieldDoc {
  id: string;
  type: string;
  fields?: FieldDoc[];
}

const holdsFiles = (f: FieldDoc) => f.type === 'attachment' || f.type === 'image';
/** The items of a jsonb value that should be an array (anything else reads as empty). */
const items = (value: ReturnType<typeof sql>) =>
  sql`jsonb_array_elements(case when jsonb_typeof(${value}) = 'array' then ${value} else '[]'::jsonb end)`;

/**
 * Links the files records already hold (written before links existed, demo data included) to
 * those records, so access follows records on upgraded databases too.
 */
// biome-ignore lint/suspicious/noExplicitAny: runs before typed tables exist
export async function backfill(db: Kysely<any>): Promise<void> {
  const tables = await db
    .selectFrom('entity_tables as t')
    .innerJoin('apps as a', 'a.no', 't.app_no')
    .select(['t.app_no', 't.entity_id', 't.table_name', 't.definition', 'a.workspace_id'])
    .execute();
  for (const t of tables) {
    const fields = ((t.definition as { fields?: FieldDoc[] }).fields ?? []) as FieldDoc[];
    const table = sql.id(String(t.table_name));
    const link = (from: ReturnType<typeof sql>) =>
      sql`insert into attachment_links (attachment_id, app_no, entity_id, record_id)
        select distinct a.id, ${Number(t.app_no)}::integer, ${String(t.entity_id)}::text, r.id
        from ${table} r ${from}
        join attachments a on a.id = f.value->>'id' and a.workspace_id = ${String(t.workspace_id)}
        on conflict do nothing`.execute(db);
    for (const field of fields) {
      const column = sql.ref(`r.${field.id}`);
      if (holdsFiles(field)) await link(sql`cross join lateral ${items(column)} as f(value)`);
      if (field.type === 'subtable')
        for (const sub of (field.fields ?? []).filter(holdsFiles))
          await link(
            sql`cross join lateral ${items(column)} as row(value) cross join lateral ${items(sql`row.value -> ${sub.id}`)} as f(value)`,
          );
    }
  }
}

/**
 * Which records hold a file in a field value (attachment, image, or inside a subtable row). A write
 * that references a file adds a row here in the write's transaction; reading the file is then
 * allowed to anyone who can read one of its records. Rows are never removed when a later write
 * drops the file, because the record's audit trail still shows it.
 */
export const migration: Migration = {
  up: async (db) => {
    await runStatements(db, [
      `create table attachment_links (
        attachment_id text not null references attachments(id),
        app_no integer not null references apps(no),
        entity_id text not null,
        record_id text not null,
        linked_at timestamptz not null default now(),
        primary key (attachment_id, app_no, entity_id, record_id)
      )`,
      'create index attachment_links_record_idx on attachment_links (app_no, entity_id, record_id)',
    ]);
    await backfill(db);
  },
};
