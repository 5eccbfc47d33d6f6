/** Attachments: upload, metadata, content. */
import { z } from 'zod';
import { IdParams } from '../common.js';
import { route } from '../route.js';

/** A stored file's metadata. */
export const AttachmentOut = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  createdAt: z.string(),
  app: z.string().nullable(),
  entity: z.string().nullable(),
  recordId: z.string().nullable(),
  transitionId: z.string().nullable(),
  requirementId: z.string().nullable(),
  historyId: z.number().nullable(),
  linkedAt: z.string().nullable(),
  /** The content route, as record reads give it on each file. */
  url: z.string(),
});
export type AttachmentOut = z.infer<typeof AttachmentOut>;

/** `POST /api/attachments` */
export const uploadAttachment = route({
  method: 'POST',
  path: '/api/attachments',
  tags: ['attachments'],
  summary:
    'Upload one file (multipart field `file`; optional fields before it: `size`, `app`, `entity`, `recordId`; or header X-File-Size)',
  consumes: ['multipart/form-data'],
  responses: { 201: AttachmentOut },
});

/** `GET /api/attachments/:id` */
export const getAttachment = route({
  method: 'GET',
  path: '/api/attachments/:id',
  tags: ['attachments'],
  summary: 'Metadata of an attachment',
  params: IdParams,
  responses: { 200: AttachmentOut },
});

/** `GET /api/attachments/:id/content` */
export const attachmentContent = route({
  method: 'GET',
  path: '/api/attachments/:id/content',
  tags: ['attachments'],
  summary: 'The bytes of an attachment',
  params: IdParams,
  responses: {},
  // Sent with the file's own type.
  file: { status: 200, contentTypes: ['*/*'] },
});
