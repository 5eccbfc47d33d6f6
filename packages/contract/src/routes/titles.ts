/**
 * `POST /api/apps/:app/titles`: the names behind ids in one request. A list or board asks once for
 * every reference, user and org unit its visible page shows, so no card or cell ever shows an id.
 */
import { z } from 'zod';
import { AppParams } from '../common.js';
import { route } from '../route.js';

/** Most ids one request may name, over all entities, users and org units. */
export const MAX_TITLE_IDS = 5000;

const IdList = z.array(z.string().min(1).max(100)).max(MAX_TITLE_IDS);
/** An entity id, or `entity.field` to name its records by that field (a reference's displayField). */
const RefKey = z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}(\.[a-zA-Z][a-zA-Z0-9_]{0,39})?$/);
/** The ids to name: record ids per entity id, user ids, org-unit ids. */
export const TitlesBody = z
  .object({
    refs: z.record(RefKey, IdList).optional().describe('Record ids per entity id (or `entity.field`)'),
    users: IdList.optional(),
    orgUnits: IdList.optional(),
  })
  .strict();
const Names = z.record(z.string(), z.string().nullable());
/** Each asked id with its title or name; `null`: not found or not readable; `''`: no title. */
export const TitlesOut = z.object({
  refs: z.record(z.string(), Names),
  users: Names,
  orgUnits: Names,
});
export type TitlesOut = z.infer<typeof TitlesOut>;

/** `POST /api/apps/:app/titles` */
export const resolveTitles = route({
  method: 'POST',
  readsOnly: true,
  path: '/api/apps/:app/titles',
  tags: ['records'],
  summary:
    'Titles of records (per entity), users and org units by id, in one request; unreadable records are null',
  params: AppParams,
  body: TitlesBody,
  responses: { 200: TitlesOut },
});
