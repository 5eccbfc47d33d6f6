import type { ApiError } from '../services/runtime-services.js';

/**
 * Splits a server error into messages per field (from `details[].path`, e.g. `/amount` or
 * `/values/amount/0`) and the messages that belong to the form as a whole.
 */
export function mapServerErrors(
  error: ApiError,
  fieldIds: ReadonlySet<string>,
): { fields: Record<string, string>; form: string[] } {
  const fields: Record<string, string> = {};
  const form: string[] = [];
  for (const d of error.details) {
    const hit = d.path.split('/').find((seg) => fieldIds.has(seg));
    if (hit && fields[hit] === undefined) fields[hit] = d.message;
    else if (!hit) form.push(d.message);
  }
  if (error.details.length === 0) form.push(error.message);
  return { fields, form };
}
