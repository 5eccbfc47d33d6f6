/** Apps and their definitions: list, create, draft, publish, versions, rollback. */
import { App, DIFF_LISTS } from '@stagecraft/schema';
import { z } from 'zod';
import { AppParams, Flag, JsonObject } from '../common.js';
import { route } from '../route.js';

/** A table change a publish makes (or would make, on a dry run). */
export const TableChange = z.object({
  entity: z.string(),
  kind: z.enum(['create_table', 'add_column', 'archive_column', 'convert_column', 'restore_column']),
  field: z.string().optional(),
  values: z.number().optional(),
});
export type TableChange = z.infer<typeof TableChange>;

/** An app as lists show it. */
export const AppSummary = z.object({
  id: z.string(),
  label: z.record(z.string(), z.string()),
  draftRevision: z.number(),
  publishedVersion: z.number().nullable(),
  updatedAt: z.string(),
});
export type AppSummary = z.infer<typeof AppSummary>;

/** What the browser's rules know besides the record: the server's clock, the app's zone, the user. */
export const RuleContextOut = z.object({
  now: z.string().describe('The server clock when it answered (ISO-8601)'),
  timeZone: z.string().describe('The app zone (its setting, else the workspace zone)'),
  user: z.object({ id: z.string(), roles: z.array(z.string()), orgUnit: z.string().nullable() }).nullable(),
});
export type RuleContextOut = z.infer<typeof RuleContextOut>;

/** A published version without its document. */
export const VersionInfo = z.object({
  version: z.number(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  note: z.string().nullable(),
});
export type VersionInfo = z.infer<typeof VersionInfo>;

const Note = z
  .object({ note: z.string().max(1000).optional() })
  .strict()
  .nullish();
const VersionParams = AppParams.extend({ version: z.coerce.number().int().positive().max(1e9) });

/** `GET /api/apps` */
export const listApps = route({
  method: 'GET',
  path: '/api/apps',
  tags: ['apps'],
  summary: 'Apps of the workspace',
  responses: { 200: z.object({ apps: z.array(AppSummary) }) },
});

/** `POST /api/apps` */
export const createApp = route({
  method: 'POST',
  path: '/api/apps',
  tags: ['apps'],
  summary: 'Create an app from an app document (becomes its first draft)',
  body: JsonObject,
  responses: { 201: AppSummary },
});

/** `GET /api/apps/:app` */
export const getApp = route({
  method: 'GET',
  path: '/api/apps/:app',
  tags: ['apps'],
  summary: 'One app',
  params: AppParams,
  responses: { 200: AppSummary },
});

/** `GET /api/apps/:app/draft` */
export const getDraft = route({
  method: 'GET',
  path: '/api/apps/:app/draft',
  tags: ['definitions'],
  summary: 'The draft app document and its revision (also sent as ETag)',
  params: AppParams,
  // A draft may be any work in progress: it is checked on publish, not here.
  responses: { 200: z.object({ revision: z.number(), definition: JsonObject }) },
});

/** `PUT /api/apps/:app/draft` */
export const saveDraft = route({
  method: 'PUT',
  path: '/api/apps/:app/draft',
  tags: ['definitions'],
  summary: 'Save the whole draft; `If-Match: <revision>` or body `baseRevision` guards against overwriting',
  params: AppParams,
  body: JsonObject,
  responses: { 200: z.object({ revision: z.number() }) },
});

/** `POST /api/apps/:app/publish` */
export const publish = route({
  method: 'POST',
  path: '/api/apps/:app/publish',
  tags: ['definitions'],
  summary:
    'Validate and publish the draft as a new immutable version (`?dryRun=1`: only report the table changes)',
  params: AppParams,
  querystring: z.object({ dryRun: Flag.optional() }).strict(),
  body: Note,
  responses: {
    200: z.object({ dryRun: z.literal(true), changes: z.array(TableChange) }),
    201: z.object({ version: z.number(), changes: z.array(TableChange) }),
  },
});

/** `GET /api/apps/:app/versions` */
export const listVersions = route({
  method: 'GET',
  path: '/api/apps/:app/versions',
  tags: ['definitions'],
  summary: 'Published versions, newest first',
  params: AppParams,
  responses: { 200: z.object({ versions: z.array(VersionInfo) }) },
});

/** `GET /api/apps/:app/published` */
export const getPublished = route({
  method: 'GET',
  path: '/api/apps/:app/published',
  tags: ['definitions'],
  summary:
    'The latest published app document (what the runtime interprets), with the rule context the browser evaluates its rules in: the server clock, the app zone and the user',
  params: AppParams,
  responses: { 200: z.object({ version: z.number(), definition: App, ruleContext: RuleContextOut }) },
});

/** `GET /api/apps/:app/versions/:version` */
export const getVersion = route({
  method: 'GET',
  path: '/api/apps/:app/versions/:version',
  tags: ['definitions'],
  summary: 'One published version with its definition',
  params: VersionParams,
  // An old version may predate the current schema version: its document is sent as stored.
  responses: { 200: VersionInfo.extend({ definition: JsonObject }) },
});

/** `POST /api/apps/:app/versions/:version/rollback` */
export const rollback = route({
  method: 'POST',
  path: '/api/apps/:app/versions/:version/rollback',
  tags: ['definitions'],
  summary:
    'Publish an older version again as a new version (the draft is left as it is; `?dryRun=1`: only report the table changes it would make)',
  params: VersionParams,
  querystring: z.object({ dryRun: Flag.optional() }).strict(),
  body: Note,
  responses: {
    200: z.object({ dryRun: z.literal(true), changes: z.array(TableChange), rolledBackTo: z.number() }),
    201: z.object({ version: z.number(), changes: z.array(TableChange), rolledBackTo: z.number() }),
  },
});

/** One element added, removed or changed between two versions. */
export const AppChange = z.object({
  kind: z.enum(['added', 'removed', 'changed']),
  list: z.enum(DIFF_LISTS),
  id: z.string(),
  parent: z.string().optional().describe('The entity of a field, the stage machine of a stage'),
  path: z.string().describe('JSON pointer into the newer version (into the older one for a removal)'),
  label: z.record(z.string(), z.string()).nullable(),
  keys: z.array(z.string()).optional().describe('For a change: the properties that differ'),
});
export type AppChange = z.infer<typeof AppChange>;

const VersionNumber = z.coerce.number().int().positive().max(1e9);

/** `GET /api/apps/:app/diff` */
export const diffVersions = route({
  method: 'GET',
  path: '/api/apps/:app/diff',
  tags: ['definitions'],
  summary: 'What changed from one published version to another, element by element (matched by id)',
  params: AppParams,
  querystring: z.object({ from: VersionNumber, to: VersionNumber }).strict(),
  responses: { 200: z.object({ from: z.number(), to: z.number(), changes: z.array(AppChange) }) },
});
