/** Schemas many routes share: JSON values, path parameters, localized texts and the error envelope. */
import { Id, isCalendarDate } from '@stagecraft/schema';
import { z } from 'zod';

/** Any JSON value (recursive: the OpenAPI document names it `JsonValue`). */
export const JsonValue = z.json();
/** A JSON value's type (what a JSON Logic filter is). */
export type JsonValueType = z.infer<typeof JsonValue>;

/** Any JSON object body (documents and record payloads are checked by the engine, not by zod). */
export const JsonObject = z.record(z.string(), z.unknown());

/** A text by locale as the server sends it (`{ "zh-CN": "…", "en": "…" }`). */
export const Text = z.record(z.string(), z.string());

/** `:app` */
export const AppParams = z.object({ app: Id });
/** `:app/entities/:entity` */
export const EntityParams = z.object({ app: Id, entity: Id });
/** `:app/entities/:entity/records/:id` */
export const RecordParams = z.object({ app: Id, entity: Id, id: z.string().min(1).max(100) });
/** `:id` of a stored row (user, attachment, approval). */
export const IdParams = z.object({ id: z.string().min(1).max(100) });

/** A field id as queries name it (shape only; the store refuses unknown ones). */
export const FieldName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/);

/** A real calendar day `YYYY-MM-DD` (years 1 to 9999): `2026-02-31` is refused before any query. */
export const CalendarDay = z
  .string()
  .refine(isCalendarDate, { message: 'must be a real calendar day YYYY-MM-DD' })
  .meta({ format: 'date' });

/** `0|1|true|false` flags of query strings. */
export const Flag = z.enum(['0', '1', 'true', 'false']);

/** One entry of an error envelope's `details`: the JSON pointer at fault and why. */
export const ErrorDetail = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});

/** The body of every error response: `{ error: { code, message, details } }`. */
export const ErrorEnvelope = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.array(ErrorDetail) }) })
  .meta({ id: 'ErrorEnvelope', description: 'The body of every error response.' });
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/** `{ ok: true }` */
export const Ok = z.object({ ok: z.literal(true) });
