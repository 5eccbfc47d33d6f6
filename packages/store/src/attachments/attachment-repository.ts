/**
 * Attachments: upload (streamed, size-limited, type-checked; a refusal leaves neither a file nor a
 * row), scoped reads, and the metadata the transition step needs to check evidence. Linking a file
 * to a transition happens inside the transition's transaction (see ../stage/apply-transition.ts).
 */
import type { Readable } from 'node:stream';
import { type Bilingual, type Issue, issue } from '@stagecraft/schema';
import type { Kysely } from 'kysely';
import type { Actor, Result } from '../contract.js';
import { type BlobStorage, BlobTooLargeError } from './blob-storage.js';
import { checkFileType } from './file-type.js';

/** An uploaded file's metadata as the API returns it. */
export interface Attachment {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedBy: string | null;
  createdAt: string;
  /** The record it belongs to, when given at upload or once used as evidence. */
  app: string | null;
  entity: string | null;
  recordId: string | null;
  /** Set once the file is evidence of a transition; from then on it cannot change. */
  transitionId: string | null;
  requirementId: string | null;
  historyId: number | null;
  linkedAt: string | null;
}

/** A record a file is on. */
export interface FileRecordKey {
  app: string;
  entity: string;
  recordId: string;
}

/** One upload as the server hands it over. */
export interface UploadInput {
  name: string;
  /** The part's Content-Type, checked against the name and the bytes. */
  declaredMime?: string;
  /** The size the client announced (form field or header); must equal what arrived. */
  declaredSize?: number;
  body: Readable | AsyncIterable<Uint8Array>;
  maxBytes: number;
  /** Server time of the upload. */
  now: Date;
  /** Optionally ties the file to a record from the start. */
  record?: { app: string; entity: string; id: string };
}

export interface AttachmentRepository {
  upload(actor: Actor, input: UploadInput): Promise<Result<Attachment>>;
  /** The attachment if it is in the actor's workspace (record scope is checked by the caller). */
  get(actor: Actor, id: string): Promise<Result<Attachment>>;
  /** The bytes of an attachment of the actor's workspace. */
  open(actor: Actor, id: string): Promise<Result<{ attachment: Attachment; body: Readable }>>;
  /** Several attachments of the actor's workspace by id, in the order asked (missing ones left out). */
  findMany(actor: Actor, ids: readonly string[]): Promise<Attachment[]>;
  /**
   * The records each file is on, by attachment id: the record named at upload or as evidence, and
   * every record whose values hold the file (see ./record-files.ts). Files of other workspaces and
   * files on no record are absent.
   */
  recordsOf(actor: Actor, ids: readonly string[]): Promise<Map<string, FileRecordKey[]>>;
  /** Deletes a file not yet used as evidence nor held by a record (its uploader or an admin). */
  remove(actor: Actor, id: string): Promise<Result<{ id: string }>>;
}

// biome-ignore lint/suspicious/noExplicitAny: rows come untyped from dynamic SQL
type Row = Record<string, any>;
const iso = (v: unknown) => (v == null ? null : v instanceof Date ? v.toISOString() : String(v));

function toAttachment(row: Row): Attachment {
  return {
    id: row.id,
    name: row.name,
    mime: row.mime,
    size: Number(row.size),
    sha256: row.sha256,
    uploadedBy: row.uploaded_by ?? null,
    createdAt: iso(row.created_at) as string,
    app: row.app_id ?? null,
    entity: row.entity_id ?? null,
    recordId: row.record_id ?? null,
    transitionId: row.transition_id ?? null,
    requirementId: row.requirement_id ?? null,
    historyId: row.history_id == null ? null : Number(row.history_id),
    linkedAt: iso(row.linked_at),
  };
}

const fail = (
  code: Issue['code'],
  path: string,
  message?: Bilingual,
  details?: unknown,
): { ok: false; issues: Issue[] } => ({
  ok: false,
  issues: [issue(code, path, message, details)],
});

/** Builds the repository over the database and a blob storage. */
export function createAttachmentRepository(
  // biome-ignore lint/suspicious/noExplicitAny: system tables are addressed by name
  db: Kysely<any>,
  blobs: BlobStorage,
  newId: () => string,
): AttachmentRepository {
  const rows = () =>
    db
      .selectFrom('attachments as a')
      .leftJoin('apps as p', 'p.no', 'a.app_no')
      .selectAll('a')
      .select('p.id as app_id');

  const repo: AttachmentRepository = {
    async upload(actor, input) {
      let appNo: number | null = null;
      if (input.record) {
        const app = await db
          .selectFrom('apps')
          .select('no')
          .where('workspace_id', '=', actor.workspaceId)
          .where('id', '=', input.record.app)
          .executeTakeFirst();
        if (!app) return fail('APP_NOT_FOUND', '/app');
        appNo = Number(app.no);
      }
      const id = newId();
      const key = `${actor.workspaceId}/${id}`;
      let put: Awaited<ReturnType<BlobStorage['put']>>;
      try {
        put = await blobs.put(key, input.body, { maxBytes: input.maxBytes });
      } catch (error) {
        if (error instanceof BlobTooLargeError) {
          return fail('UPLOAD_TOO_LARGE', '/file', undefined, { maxBytes: input.maxBytes });
        }
        throw error;
      }
      const refuse = async (result: { ok: false; issues: Issue[] }) => {
        await blobs.delete(key);
        return result;
      };
      if (input.declaredSize !== undefined && input.declaredSize !== put.size) {
        return refuse(
          fail('UPLOAD_SIZE_MISMATCH', '/size', undefined, {
            declared: input.declaredSize,
            received: put.size,
          }),
        );
      }
      const type = checkFileType(input.name, input.declaredMime, put.head);
      if (!type.ok) return refuse(fail('UPLOAD_TYPE_FORBIDDEN', '/file', undefined, { reason: type.reason }));
      try {
        await db
          .insertInto('attachments')
          .values({
            id,
            workspace_id: actor.workspaceId,
            sha256: put.sha256,
            size: put.size,
            mime: type.mime,
            name: input.name.slice(0, 255),
            storage_key: key,
            uploaded_by: actor.userId,
            created_at: input.now.toISOString(),
            app_no: appNo,
            entity_id: input.record?.entity ?? null,
            record_id: input.record?.id ?? null,
          })
          .execute();
      } catch (error) {
        await blobs.delete(key);
        throw error;
      }
      return repo.get(actor, id);
    },

    async get(actor, id) {
      const row = await rows()
        .where('a.workspace_id', '=', actor.workspaceId)
        .where('a.id', '=', id)
        .executeTakeFirst();
      return row ? { ok: true, value: toAttachment(row) } : fail('NOT_FOUND', '/id');
    },

    async open(actor, id) {
      const row = await rows()
        .where('a.workspace_id', '=', actor.workspaceId)
        .where('a.id', '=', id)
        .executeTakeFirst();
      if (!row) return fail('NOT_FOUND', '/id');
      const body = await blobs.get(row.storage_key);
      if (!body) return fail('NOT_FOUND', '/id');
      return { ok: true, value: { attachment: toAttachment(row), body } };
    },

    async findMany(actor, ids) {
      if (ids.length === 0) return [];
      const found = await rows()
        .where('a.workspace_id', '=', actor.workspaceId)
        .where('a.id', 'in', [...ids])
        .execute();
      const byId = new Map(found.map((r) => [r.id as string, toAttachment(r)]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },

    async recordsOf(actor, ids) {
      const out = new Map<string, FileRecordKey[]>();
      if (ids.length === 0) return out;
      const add = (id: string, key: FileRecordKey) => {
        const list = out.get(id) ?? [];
        if (!list.some((k) => k.app === key.app && k.entity === key.entity && k.recordId === key.recordId))
          list.push(key);
        out.set(id, list);
      };
      const own = await rows()
        .where('a.workspace_id', '=', actor.workspaceId)
        .where('a.id', 'in', [...ids])
        .where('a.record_id', 'is not', null)
        .execute();
      for (const r of own)
        if (r.app_id && r.entity_id) add(r.id, { app: r.app_id, entity: r.entity_id, recordId: r.record_id });
      const linked = await db
        .selectFrom('attachment_links as l')
        .innerJoin('attachments as a', 'a.id', 'l.attachment_id')
        .innerJoin('apps as p', 'p.no', 'l.app_no')
        .select(['l.attachment_id as id', 'p.id as app', 'l.entity_id as entity', 'l.record_id as record'])
        .where('a.workspace_id', '=', actor.workspaceId)
        .where('l.attachment_id', 'in', [...ids])
        .orderBy('l.linked_at')
        .execute();
      for (const r of linked) add(r.id, { app: r.app, entity: r.entity, recordId: r.record });
      return out;
    },

    async remove(actor, id) {
      const row = await db
        .selectFrom('attachments')
        .selectAll()
        .where('workspace_id', '=', actor.workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return fail('NOT_FOUND', '/id');
      if (row.history_id != null) return fail('ATTACHMENT_IN_USE', '/id');
      const held = await db
        .selectFrom('attachment_links')
        .select('record_id')
        .where('attachment_id', '=', id)
        .executeTakeFirst();
      if (held) return fail('ATTACHMENT_IN_USE', '/id');
      if (row.uploaded_by !== actor.userId && !actor.roles.includes('admin')) return fail('FORBIDDEN', '/id');
      await db.deleteFrom('attachments').where('id', '=', id).where('history_id', 'is', null).execute();
      await blobs.delete(row.storage_key);
      return { ok: true, value: { id } };
    },
  };
  return repo;
}
