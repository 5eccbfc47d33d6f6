/** The records list's query: as a query string (`GET …/records`) and as a body (`POST …/records/query`). */
import { z } from 'zod';
import { FieldName, Flag, JsonValue } from '../common.js';

/** Largest page. */
export const MAX_LIMIT = 500;

/** The SLA states a list can be filtered by (the engine's `SLA_STATES`). */
export const SlaStateEnum = z.enum(['on_time', 'due_soon', 'overdue']);

/** A stage id; the store refuses one the entity's machine does not have. */
const StageId = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9_]{0,39}$/)
  .describe('Only records that reached this stage (as a funnel step counts them)');

/** The query-string keys of the SLA filters: `sla=overdue|due_soon|on_time`, `dwellHours=n`. */
export const SlaQuery = {
  sla: SlaStateEnum.optional(),
  dwellHours: z.coerce.number().min(0).max(1_000_000).optional(),
};

/** Query string of `GET …/records`. */
export const ListQueryString = z
  .object({
    filter: z.string().max(20_000).optional(),
    sort: z.string().max(1000).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_LIMIT).optional(),
    offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
    search: z.string().max(200).optional(),
    includeDeleted: Flag.optional(),
    reachedStage: StageId.optional(),
    ...SlaQuery,
  })
  .strict();

/** Body of `POST …/records/query`. */
export const ListQueryBody = z
  .object({
    filter: JsonValue.optional(),
    sort: z
      .array(z.object({ field: FieldName, direction: z.enum(['asc', 'desc']) }).strict())
      .max(10)
      .optional(),
    limit: z.number().int().min(1).max(MAX_LIMIT).optional(),
    offset: z.number().int().min(0).max(10_000_000).optional(),
    search: z.string().max(200).optional(),
    includeDeleted: z.boolean().optional(),
    reachedStage: StageId.optional(),
  })
  .strict();
