/** Saved views of a list kept on the server: personal, or shared with everyone who may read the entity. */
import { Id } from '@stagecraft/schema';
import { z } from 'zod';
import { AppParams, JsonValue } from '../common.js';
import { route } from '../route.js';

/** A saved view: its list state (filter, sort, search), owner and whether it is shared. */
export const SavedViewOut = z.object({
  id: z.string(),
  view: z.string(),
  name: z.string(),
  shared: z.boolean(),
  owner: z.string(),
  ownerName: z.string().nullable(),
  /** The caller may rename, share or delete it (its owner, or an admin). */
  mine: z.boolean(),
  state: z.unknown(),
  updatedAt: z.string(),
});

const Name = z.string().trim().min(1).max(80);
const ViewParams = AppParams.extend({ view: Id });
const SavedParams = AppParams.extend({ id: z.string().min(1).max(100) });

/** `GET /api/apps/:app/views/:view/saved` */
export const listSavedViews = route({
  method: 'GET',
  path: '/api/apps/:app/views/:view/saved',
  tags: ['views'],
  summary: "The caller's saved views of a list and the ones others shared",
  params: ViewParams,
  responses: { 200: z.object({ views: z.array(SavedViewOut) }) },
});

/** `POST /api/apps/:app/views/:view/saved` */
export const createSavedView = route({
  method: 'POST',
  path: '/api/apps/:app/views/:view/saved',
  tags: ['views'],
  summary: 'Save the list state under a name (409 SAVED_VIEW_EXISTS when the caller has that name)',
  params: ViewParams,
  body: z.object({ name: Name, shared: z.boolean().default(false), state: JsonValue }).strict(),
  responses: { 201: SavedViewOut },
});

/** `PATCH /api/apps/:app/saved-views/:id` */
export const updateSavedView = route({
  method: 'PATCH',
  path: '/api/apps/:app/saved-views/:id',
  tags: ['views'],
  summary: 'Rename, share or unshare, or overwrite the state of a saved view (owner or admin)',
  params: SavedParams,
  body: z
    .object({ name: Name.optional(), shared: z.boolean().optional(), state: JsonValue.optional() })
    .strict(),
  responses: { 200: SavedViewOut },
});

/** `DELETE /api/apps/:app/saved-views/:id` */
export const deleteSavedView = route({
  method: 'DELETE',
  path: '/api/apps/:app/saved-views/:id',
  tags: ['views'],
  summary: 'Delete a saved view (owner or admin)',
  params: SavedParams,
  responses: { 200: z.object({ id: z.string() }) },
});
