/** Records of a published entity: list, query, create, read, update, soft delete, aggregates, audit, archive. */
import { z } from 'zod';
import { EntityParams, FieldName, JsonObject, JsonValue, RecordParams } from '../common.js';
import { route } from '../route.js';
import { ListQueryBody, ListQueryString } from './list-query.js';

/** A record: system fields plus one key per field id. */
export const RecordOut = z
  .object({
    id: z.string(),
    version: z.number(),
    owner: z.string().nullable().optional(),
    orgUnit: z.string().nullable().optional(),
    stage: z.string().nullable().optional(),
    stageEnteredAt: z.string().nullable().optional(),
    createdAt: z.string().optional(),
    createdBy: z.string().nullable().optional(),
    updatedAt: z.string().optional(),
    updatedBy: z.string().nullable().optional(),
    deletedAt: z.string().nullable().optional(),
  })
  .catchall(z.unknown())
  .describe('A record: system fields plus one key per field id');
export type RecordOut = z.infer<typeof RecordOut>;

/** A page of records and the total the query matches. */
export const RecordPage = z.object({
  records: z.array(RecordOut),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
});

/** Aggregate rows: one per group, one value per measure. */
export const Groups = z.object({
  groups: z.array(z.object({ group: z.unknown(), values: z.array(z.number().nullable()) })),
});

const Measure = z
  .object({ op: z.enum(['count', 'sum', 'avg', 'min', 'max']), field: FieldName.optional() })
  .strict();

/** One entry of a record's audit trail. */
export const AuditEntry = z.object({
  id: z.string(),
  entity: z.string(),
  recordId: z.string(),
  action: z.string(),
  actor: z.string().nullable(),
  at: z.string(),
  definitionVersion: z.number(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
});

const base = '/api/apps/:app/entities/:entity/records';

/** `GET …/records` */
export const listRecords = route({
  method: 'GET',
  path: base,
  tags: ['records'],
  summary: 'List records: filter (JSON Logic as JSON), sort=a,-b, limit, offset, search',
  params: EntityParams,
  querystring: ListQueryString,
  responses: { 200: RecordPage },
});

/** `POST …/records/query` */
export const queryRecords = route({
  method: 'POST',
  readsOnly: true,
  path: `${base}/query`,
  tags: ['records'],
  summary: 'List records with the query in the body',
  params: EntityParams,
  body: ListQueryBody,
  responses: { 200: RecordPage },
});

/** `POST …/records` */
export const createRecord = route({
  method: 'POST',
  path: base,
  tags: ['records'],
  summary: 'Create a record (field values by field id)',
  params: EntityParams,
  body: JsonObject,
  responses: { 201: RecordOut },
});

/** `GET …/records/:id` */
export const getRecord = route({
  method: 'GET',
  path: `${base}/:id`,
  tags: ['records'],
  summary: 'One record',
  params: RecordParams,
  responses: { 200: RecordOut },
});

/** `PATCH …/records/:id` */
export const updateRecord = route({
  method: 'PATCH',
  path: `${base}/:id`,
  tags: ['records'],
  summary: 'Update fields; `version` in the body or `If-Match` must be the version read (else 409)',
  params: RecordParams,
  body: JsonObject,
  responses: { 200: RecordOut },
});

/** `DELETE …/records/:id` */
export const deleteRecord = route({
  method: 'DELETE',
  path: `${base}/:id`,
  tags: ['records'],
  summary: 'Soft-delete a record (optionally at a version: `?version=` or If-Match)',
  params: RecordParams,
  querystring: z
    .object({ version: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional() })
    .strict(),
  responses: { 200: RecordOut },
});

/** `GET …/records/aggregate` */
export const aggregateRecords = route({
  method: 'GET',
  path: `${base}/aggregate`,
  tags: ['records'],
  summary: 'Aggregates under the same scope as the list: measures=count,sum:amount, groupBy, filter',
  params: EntityParams,
  querystring: z
    .object({
      measures: z.string().max(500).default('count'),
      groupBy: FieldName.optional(),
      filter: z.string().max(20_000).optional(),
    })
    .strict(),
  responses: { 200: Groups },
});

/** `POST …/records/aggregate` */
export const aggregateRecordsQuery = route({
  method: 'POST',
  readsOnly: true,
  path: `${base}/aggregate`,
  tags: ['records'],
  summary: 'Aggregates with the query in the body',
  params: EntityParams,
  body: z
    .object({
      filter: JsonValue.optional(),
      groupBy: FieldName.optional(),
      measures: z.array(Measure).min(1).max(20),
    })
    .strict(),
  responses: { 200: Groups },
});

/** `GET …/records/:id/audit` */
export const recordAudit = route({
  method: 'GET',
  path: `${base}/:id/audit`,
  tags: ['records'],
  summary: "A record's audit trail: who, server time, what changed, definition version (read-only)",
  params: RecordParams,
  responses: { 200: z.object({ entries: z.array(AuditEntry) }) },
});

/** `GET …/archived-fields` */
export const archivedFields = route({
  method: 'GET',
  path: '/api/apps/:app/entities/:entity/archived-fields',
  tags: ['records'],
  summary: 'Values of removed fields kept in the archive',
  params: EntityParams,
  responses: {
    200: z.object({
      fields: z.array(
        z.object({ archiveId: z.string(), field: z.string(), archivedAt: z.string(), values: z.number() }),
      ),
    }),
  },
});

/** `POST …/archived-fields/:archiveId/restore` */
export const restoreArchivedField = route({
  method: 'POST',
  path: '/api/apps/:app/entities/:entity/archived-fields/:archiveId/restore',
  tags: ['records'],
  summary: 'Restore archived values into the field of the published version',
  params: EntityParams.extend({ archiveId: z.string().min(1).max(100) }),
  body: z.object({}).strict().nullish(),
  responses: { 200: z.object({ restored: z.number() }) },
});
