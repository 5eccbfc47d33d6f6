/**
 * Everyday routes beside CRUD: the records that reference a record (related lists and one merged
 * timeline of their activity), search across every entity the caller may read, and bulk edit or
 * bulk transition of selected rows, each row checked like a single save and reported by itself.
 */
import { Id } from '@stagecraft/schema';
import { z } from 'zod';
import { AppParams, EntityParams, JsonObject, RecordParams } from '../common.js';
import { route } from '../route.js';
import { RecordOut } from './records.js';

/** Most rows one bulk request may name. */
export const MAX_BULK_ROWS = 500;
/** Records per related list (the list's `total` tells how many there are). */
export const RELATED_LIMIT = 20;

/** One list of records of `entity` whose reference `field` points at the record. */
export const RelatedList = z.object({
  entity: z.string(),
  field: z.string(),
  total: z.number(),
  records: z.array(RecordOut),
});

/** One write of a related record (or of the record itself), from the audit trail. */
export const RelatedActivity = z.object({
  id: z.string(),
  entity: z.string(),
  recordId: z.string(),
  action: z.string(),
  actor: z.string().nullable(),
  at: z.string(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
});

/** `GET …/records/:id/related` */
export const relatedRecords = route({
  method: 'GET',
  path: '/api/apps/:app/entities/:entity/records/:id/related',
  tags: ['records'],
  summary:
    'Records of other entities that reference this record (each list under the caller’s scope) and one merged timeline of their writes, newest first',
  params: RecordParams,
  responses: {
    200: z.object({ lists: z.array(RelatedList), timeline: z.array(RelatedActivity) }),
  },
});

/** One entity's hits of a search. */
export const SearchGroup = z.object({
  entity: z.string(),
  total: z.number(),
  records: z.array(z.object({ id: z.string(), title: z.string() })),
});

/** `GET /api/apps/:app/search` */
export const searchRecords = route({
  method: 'GET',
  path: '/api/apps/:app/search',
  tags: ['records'],
  summary:
    'Search every entity the caller may read: text fields and the titles of referenced records; hits grouped by entity',
  params: AppParams,
  querystring: z
    .object({
      q: z.string().min(1).max(200),
      limit: z.coerce.number().int().min(1).max(50).optional(),
    })
    .strict(),
  responses: { 200: z.object({ groups: z.array(SearchGroup) }) },
});

/** The outcome of one row of a bulk request. */
export const BulkRow = z.object({
  id: z.string(),
  ok: z.boolean(),
  version: z.number().optional(),
  stage: z.string().nullable().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
});

/** `POST …/records/bulk` */
export const bulkRecords = route({
  method: 'POST',
  path: '/api/apps/:app/entities/:entity/records/bulk',
  tags: ['records'],
  summary:
    'Bulk edit (`set`) or bulk transition (`transition`) of selected records: each row runs as a single update or transition, and is reported by itself',
  params: EntityParams,
  body: z
    .object({
      ids: z.array(z.string().min(1).max(100)).min(1).max(MAX_BULK_ROWS),
      set: JsonObject.optional(),
      transition: z
        .object({
          to: Id,
          transitionId: Id.optional(),
          fields: z.record(z.string(), z.unknown()).optional(),
        })
        .strict()
        .optional(),
    })
    .strict(),
  responses: {
    200: z.object({ done: z.number(), refused: z.number(), rows: z.array(BulkRow) }),
  },
});
