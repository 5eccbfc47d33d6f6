/**
 * The JSON Schema of a record payload, for API docs and the designer's preview. Built from the
 * field-type table of @stagecraft/schema; validation itself runs the table's `check` (the same
 * function the browser runs), not a JSON Schema validator.
 */
import { type Entity, payloadJsonSchema, type ValueJsonSchema } from '@stagecraft/schema';

/** The payload schema of an entity: every writable field, nullable, nothing else. */
export function payloadSchema(entity: Entity): ValueJsonSchema {
  return payloadJsonSchema(entity.fields);
}
