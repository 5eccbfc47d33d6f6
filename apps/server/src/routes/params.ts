/** Path parameters and headers shared by the route plugins. */
import { Id } from '@stagecraft/schema';
import { z } from 'zod';
import { fail } from '../errors/issues-error.js';

/** `:app` */
export const AppParams = z.object({ app: Id });
/** `:app/entities/:entity` */
export const EntityParams = z.object({ app: Id, entity: Id });
/** `:app/entities/:entity/records/:id` */
export const RecordParams = z.object({ app: Id, entity: Id, id: z.string().min(1).max(100) });

/** Any JSON object body (documents and record payloads are checked by the engine, not by zod). */
export const JsonObject = z.record(z.string(), z.unknown());

/** The revision/version named by an `If-Match` header (`"3"`, `W/"3"` or `3`); undefined if absent. */
export function ifMatchNumber(
  header: string | string[] | undefined,
  path = '/headers/if-match',
): number | undefined {
  if (header === undefined) return undefined;
  const raw = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
  const m = /^(?:W\/)?"?(\d{1,15})"?$/.exec(raw);
  if (!m?.[1])
    fail('VALIDATION_FAILED', path, {
      en: 'If-Match must be a version number',
      'zh-CN': 'If-Match 必须是版本号',
    });
  return Number(m[1]);
}
