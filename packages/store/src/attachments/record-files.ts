/**
 * Files inside record values: attachment and image fields hold arrays of `{ id, name, size, mime,
 * sha256 }`, and so do such fields inside subtable rows. One walker serves linking files to the
 * records that hold them, the server's normalisation of written values and the `url` reads add.
 */
import type { Field } from '@stagecraft/schema';
import { sql } from 'kysely';
import type { Db } from '../db.js';

/** The route that serves a file's bytes; every file a record read returns carries it as `url`. */
export function fileContentUrl(id: string): string {
  return `/api/attachments/${encodeURIComponent(id)}/content`;
}

const holdsFiles = (field: Field): boolean => field.type === 'attachment' || field.type === 'image';

/** Whether an entity's values can hold files at all (so reads of other entities skip the walk). */
export function hasFileFields(fields: readonly Field[]): boolean {
  return fields.some((f) => holdsFiles(f) || (f.type === 'subtable' && f.fields.some(holdsFiles)));
}

function mapList(list: unknown, path: string, fn: (file: unknown, path: string) => unknown): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((file, i) => fn(file, `${path}/${i}`));
}

/**
 * A copy of `values` with every file item replaced by `fn(item, path)`, where `path` is the JSON
 * pointer of the item (`/photos/0`, `/lines/2/photo/0`). Values of the wrong shape (not an array,
 * a row that is not an object) are passed through untouched for the validator to refuse.
 */
export function mapFileValues(
  fields: readonly Field[],
  values: Record<string, unknown>,
  fn: (file: unknown, path: string) => unknown,
): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  const set = (key: string, value: unknown) => {
    out ??= { ...values };
    out[key] = value;
  };
  for (const field of fields) {
    const value = values[field.id];
    if (value === null || value === undefined) continue;
    if (holdsFiles(field)) set(field.id, mapList(value, `/${field.id}`, fn));
    else if (field.type === 'subtable' && Array.isArray(value) && field.fields.some(holdsFiles)) {
      set(
        field.id,
        value.map((row, r) => {
          if (!row || typeof row !== 'object' || Array.isArray(row)) return row;
          const copy: Record<string, unknown> = { ...row };
          for (const sub of field.fields) {
            if (holdsFiles(sub) && copy[sub.id] !== null && copy[sub.id] !== undefined)
              copy[sub.id] = mapList(copy[sub.id], `/${field.id}/${r}/${sub.id}`, fn);
          }
          return copy;
        }),
      );
    }
  }
  return out ?? values;
}

/** The ids of the files `values` hold, each once. */
export function fileIdsOf(fields: readonly Field[], values: Record<string, unknown>): string[] {
  const ids = new Set<string>();
  mapFileValues(fields, values, (file) => {
    const id = (file as { id?: unknown } | null)?.id;
    if (typeof id === 'string') ids.add(id);
    return file;
  });
  return [...ids];
}

/** Whether a write of `values` links any file (then it is more than one statement). */
export function linksFiles(fields: readonly Field[], values: Record<string, unknown>): boolean {
  return hasFileFields(fields) && fileIdsOf(fields, values).length > 0;
}

/** Each file item with its content `url` (reads). */
export function withFileUrls(
  fields: readonly Field[],
  values: Record<string, unknown>,
): Record<string, unknown> {
  return mapFileValues(fields, values, (file) => {
    const id = (file as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? { ...(file as object), url: fileContentUrl(id) } : file;
  });
}

const LINKS_PER_STATEMENT = 5_000;

/**
 * Links the files the written rows hold to those rows' records, inside the write's transaction.
 * Only attachments of the workspace are linked; a link that exists already is kept as it is.
 */
export async function linkRecordFiles(
  trx: Db,
  target: { workspaceId: string; appNo: number; entityId: string; fields: readonly Field[] },
  rows: readonly { id: string; values: Record<string, unknown> }[],
): Promise<void> {
  if (!hasFileFields(target.fields)) return;
  const links = rows.flatMap((row) =>
    fileIdsOf(target.fields, row.values).map((id) => ({ attachment_id: id, record_id: row.id })),
  );
  for (let i = 0; i < links.length; i += LINKS_PER_STATEMENT) {
    const chunk = links.slice(i, i + LINKS_PER_STATEMENT);
    await sql`insert into attachment_links (attachment_id, app_no, entity_id, record_id)
      select distinct a.id, ${target.appNo}::integer, ${target.entityId}::text, x.record_id
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(attachment_id text, record_id text)
      join attachments a on a.id = x.attachment_id and a.workspace_id = ${target.workspaceId}
      on conflict do nothing`.execute(trx);
  }
}
