/**
 * Files follow records. A file is readable by anyone who can read a record it is on (a field value,
 * a subtable row, transition evidence, the record named at upload); a file on no record yet only by
 * its uploader and admins. Every write that puts files into record values goes through
 * `resolveFileValues` first: each id must be a file of the workspace the writer can open, and the
 * stored metadata is the server's own (name, size, mime, sha256), whatever the client sent.
 */
import { type Field, type Issue, issue, type Result } from '@stagecraft/schema';
import type { Actor, Attachment, FileRecordKey } from '@stagecraft/store';
import { mapFileValues } from '@stagecraft/store';
import type { ServerStore } from '../store-port.js';

/** The part of the store file access needs. */
export type FileAccessStore = Pick<ServerStore, 'attachments' | 'records'>;

/** Whether the actor may open a file that is on the records `on` (empty: on none yet). */
async function mayOpen(
  store: FileAccessStore,
  actor: Actor,
  attachment: Attachment,
  on: readonly FileRecordKey[],
): Promise<boolean> {
  if (on.length === 0) return attachment.uploadedBy === actor.userId || actor.roles.includes('admin');
  // One scoped read per entity, however many records hold the file.
  const byEntity = new Map<string, { app: string; entity: string; ids: string[] }>();
  for (const key of on) {
    const group = byEntity.get(`${key.app}\u0000${key.entity}`) ?? {
      app: key.app,
      entity: key.entity,
      ids: [],
    };
    group.ids.push(key.recordId);
    byEntity.set(`${key.app}\u0000${key.entity}`, group);
  }
  for (const { app, entity, ids } of byEntity.values()) {
    const readable = await store.records.getMany(actor, app, entity, ids);
    if (readable.ok && readable.value.length > 0) return true;
  }
  return false;
}

/** Whether the actor may open this file (the attachment routes answer 404 when not). */
export async function canOpenFile(
  store: FileAccessStore,
  actor: Actor,
  attachment: Attachment,
): Promise<boolean> {
  const on = (await store.attachments.recordsOf(actor, [attachment.id])).get(attachment.id) ?? [];
  return mayOpen(store, actor, attachment, on);
}

const unknownFile = (path: string, id: string): Issue =>
  issue(
    'REFERENCE_UNKNOWN',
    path,
    {
      en: 'No such file: upload it first, or pick a file you can open.',
      'zh-CN': '文件不存在：请先上传，或选择您有权查看的文件。',
    },
    { kind: 'attachment', attachment: id },
  );

/**
 * The values with every file item's metadata replaced by the server's (its `url` dropped: reads add
 * it), or REFERENCE_UNKNOWN at `<prefix>/<field>/<index>/id` for an id that is not a file of the
 * workspace the actor may open. Items that are not `{ id: string, … }` are left for the validator.
 */
export async function resolveFileValues(
  store: FileAccessStore,
  actor: Actor,
  fields: readonly Field[],
  values: Record<string, unknown>,
  prefix = '',
): Promise<Result<Record<string, unknown>>> {
  const idOf = (file: unknown): string | undefined => {
    if (!file || typeof file !== 'object' || Array.isArray(file)) return undefined;
    const id = (file as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  };
  const ids = new Set<string>();
  mapFileValues(fields, values, (file) => {
    const id = idOf(file);
    if (id !== undefined) ids.add(id);
    return file;
  });
  if (ids.size === 0) return { ok: true, value: values };
  const found = new Map((await store.attachments.findMany(actor, [...ids])).map((a) => [a.id, a]));
  const on = await store.attachments.recordsOf(actor, [...found.keys()]);
  const allowed = new Map<string, Attachment>();
  for (const a of found.values())
    if (await mayOpen(store, actor, a, on.get(a.id) ?? [])) allowed.set(a.id, a);
  const issues: Issue[] = [];
  const resolved = mapFileValues(fields, values, (file, path) => {
    const id = idOf(file);
    if (id === undefined) return file;
    const a = allowed.get(id);
    if (!a) {
      issues.push(unknownFile(`${prefix}${path}/id`, id));
      return file;
    }
    const { url: _url, ...rest } = file as Record<string, unknown>;
    return { ...rest, id: a.id, name: a.name, size: a.size, mime: a.mime, sha256: a.sha256 };
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: resolved };
}
