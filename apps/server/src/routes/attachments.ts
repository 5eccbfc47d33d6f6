/**
 * Attachments: `POST /api/attachments` (multipart, streamed straight to blob storage with a size
 * limit, type check by name + Content-Type + magic bytes, and the declared size compared with what
 * arrived; a refusal leaves no file and no row) and `GET /api/attachments/:id[/content]`, scoped
 * to the workspace and, for a file on records, to users who can read one of them (see
 * ../records/record-files.ts: files follow records).
 */
import multipart, { type MultipartFile } from '@fastify/multipart';
import { API } from '@stagecraft/contract';
import { Id } from '@stagecraft/schema';
import { type Actor, type Attachment, fileContentUrl } from '@stagecraft/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../auth/request-context.js';
import { checkText } from '../edge/edge-guards.js';
import { checkFileName, multipartFailure } from '../edge/multipart.js';
import { fail, unwrap } from '../errors/issues-error.js';
import { canOpenFile } from '../records/record-files.js';
import { schemaOf } from './contract-schema.js';

/** Default largest upload: 20 MiB. */
export const DEFAULT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

/** Options of the attachment routes. */
export interface AttachmentRouteOptions {
  /** Largest accepted file in bytes. */
  maxBytes?: number;
}

const SIZE = /^\d{1,15}$/;

/** Attachment route plugin; multipart parsing is registered inside it only. */
export const attachmentRoutes: FastifyPluginAsyncZod<AttachmentRouteOptions> = async (app, options) => {
  const { store, clock } = app.stagecraft;
  const maxBytes = options.maxBytes ?? DEFAULT_UPLOAD_MAX_BYTES;
  // One byte over the limit reaches our own counter, which refuses with UPLOAD_TOO_LARGE and cleans up.
  await app.register(multipart, {
    limits: { fileSize: maxBytes + 1, files: 1, fields: 10, fieldSize: 1000, parts: 12 },
  });

  /**
   * The attachment if the actor may see it: in the workspace, and on a record the actor can read
   * (any of them), or on none yet and uploaded by the actor (or an admin). Otherwise 404, not 403,
   * so ids of other people's files reveal nothing.
   */
  const visible = async (request: Parameters<typeof requireActor>[0], id: string): Promise<Attachment> => {
    const actor = requireActor(request);
    const attachment = unwrap(await store.attachments.get(actor, id));
    if (!(await canOpenFile(store, actor, attachment))) fail('NOT_FOUND', '/id');
    return attachment;
  };
  const withUrl = (a: Attachment) => ({ ...a, url: fileContentUrl(a.id) });

  /** Streams one file part to storage, after the fields sent before it (size, record). */
  const storeFile = async (
    actor: Actor,
    part: MultipartFile,
    fields: Record<string, string>,
  ): Promise<Attachment> => {
    checkFileName(part);
    const size = fields.size;
    if (size !== undefined && !SIZE.test(size)) {
      part.file.resume();
      fail('VALIDATION_FAILED', '/size', {
        en: 'size must be a whole number of bytes',
        'zh-CN': 'size 必须是整数字节数',
      });
    }
    const record =
      fields.app && fields.entity && fields.recordId
        ? { app: fields.app, entity: fields.entity, id: fields.recordId }
        : undefined;
    if (record) {
      if (!Id.safeParse(record.app).success || !Id.safeParse(record.entity).success) {
        part.file.resume();
        fail('VALIDATION_FAILED', '/app');
      }
      const readable = await store.records.get(actor, record.app, record.entity, record.id);
      if (!readable.ok) {
        part.file.resume();
        unwrap(readable);
      }
    }
    const result = await store.attachments.upload(actor, {
      name: part.filename || 'file',
      declaredMime: part.mimetype,
      ...(size !== undefined ? { declaredSize: Number(size) } : {}),
      // Not destroyed when the upload stops early: the rest is drained below so the parser can finish.
      body: part.file.iterator({ destroyOnReturn: false }),
      maxBytes,
      now: clock.now(),
      ...(record ? { record } : {}),
    });
    if (!result.ok) part.file.resume();
    return unwrap(result);
  };

  app.post(
    '/api/attachments',
    {
      schema: schemaOf(API.attachments.uploadAttachment),
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!request.isMultipart())
        fail('UNSUPPORTED_MEDIA_TYPE', '', {
          en: 'send the file as multipart/form-data',
          'zh-CN': '请以 multipart/form-data 格式上传文件',
        });
      const fields: Record<string, string> = {};
      const header = request.headers['x-file-size'];
      if (typeof header === 'string') fields.size = header;
      let uploaded: Attachment | undefined;
      // All or nothing: a failure after the file was stored (a second file, a body cut short)
      // removes it again before answering.
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            checkText(part.fieldname, '');
            checkText(part.value, `/${part.fieldname}`);
            fields[part.fieldname] = String(part.value);
            continue;
          }
          if (uploaded || part.fieldname !== 'file') {
            part.file.resume();
            fail('VALIDATION_FAILED', `/${part.fieldname}`, {
              en: 'send exactly one file, in the field `file`',
              'zh-CN': '请只上传一个文件，放在 `file` 字段中',
            });
          }
          uploaded = await storeFile(actor, part, fields);
        }
      } catch (error) {
        if (uploaded) await store.attachments.remove(actor, uploaded.id);
        throw multipartFailure(error);
      }
      if (!uploaded) fail('VALIDATION_FAILED', '/file', { en: 'no file was sent', 'zh-CN': '未上传文件' });
      // A size field sent after the file is checked now; the upload is undone if it disagrees.
      if (fields.size !== undefined && Number(fields.size) !== uploaded.size) {
        await store.attachments.remove(actor, uploaded.id);
        fail('UPLOAD_SIZE_MISMATCH', '/size', undefined, {
          declared: Number(fields.size),
          received: uploaded.size,
        });
      }
      reply.status(201);
      return withUrl(uploaded);
    },
  );

  app.get(
    '/api/attachments/:id',
    {
      schema: schemaOf(API.attachments.getAttachment),
    },
    async (request) => withUrl(await visible(request, request.params.id)),
  );

  app.get(
    '/api/attachments/:id/content',
    { schema: schemaOf(API.attachments.attachmentContent) },
    async (request, reply) => {
      const attachment = await visible(request, request.params.id);
      const opened = unwrap(await store.attachments.open(requireActor(request), attachment.id));
      reply.header('content-type', attachment.mime);
      reply.header('content-length', String(attachment.size));
      reply.header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(attachment.name)}`,
      );
      reply.header('x-content-type-options', 'nosniff');
      return reply.send(opened.body);
    },
  );
};
