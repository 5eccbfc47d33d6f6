/** Headers the route plugins share (their path parameters are in @stagecraft/contract). */
import { fail } from '../errors/issues-error.js';

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
