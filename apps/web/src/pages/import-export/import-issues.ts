import type { ApiError } from '@stagecraft/renderer';
import type { ImportJob } from './transfer-api.js';

/** One refused cell of an import, where the user finds it in the spreadsheet. */
export interface ImportRowError {
  /** The spreadsheet line (the header is line 1), null when the server named none. */
  line: number | null;
  /** The column header as written in the file (or the field id when the server gave no header). */
  column: string;
  message: string;
}

/** How many row errors the dialog lists; the rest are counted, not shown. */
export const MAX_SHOWN_ERRORS = 200;

const ROW_PATH = /^\/rows\/(\d+)(?:\/([^/]+))?/;

/**
 * The row errors of an `IMPORT_INVALID` refusal, in line order, at most `MAX_SHOWN_ERRORS` of
 * them, and how many there were. Each issue carries `details.line` and `details.column`; its path
 * `/rows/<line>/<field>` is the fallback. An issue without a line that carries `details.total`
 * (how many there were when the server listed fewer) is counted, not shown.
 */
export function importRowErrors(error: ApiError): { shown: ImportRowError[]; total: number } {
  // A server that lists only some issues may close the list with one carrying `details.total`.
  let counted = 0;
  const listed = error.details.filter((d) => {
    const total = d.details?.total;
    if (typeof total !== 'number' || typeof d.details?.line === 'number') return true;
    counted = Math.max(counted, total);
    return false;
  });
  const all = listed.map((d, i) => {
    const fromPath = ROW_PATH.exec(d.path);
    const line = typeof d.details?.line === 'number' ? d.details.line : fromPath ? Number(fromPath[1]) : null;
    const column =
      typeof d.details?.column === 'string'
        ? d.details.column
        : typeof d.details?.field === 'string'
          ? d.details.field
          : (fromPath?.[2] ?? '');
    return { line, column, message: d.message || error.message, order: i };
  });
  all.sort(
    (a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) || a.order - b.order,
  );
  return {
    shown: all.slice(0, MAX_SHOWN_ERRORS).map(({ line, column, message }) => ({ line, column, message })),
    total: Math.max(all.length, counted),
  };
}

/**
 * A failed job's refused rows as the refusal the old import route answered (422 IMPORT_INVALID
 * with the same issues), so one reader serves both.
 */
export function jobRefusal(issues: NonNullable<ImportJob['issues']>): ApiError {
  return {
    status: 422,
    code: 'IMPORT_INVALID',
    message: '',
    details: issues.map((i) => ({
      path: i.path,
      code: i.code,
      message: i.message,
      ...(isRecord(i.details) ? { details: i.details } : {}),
    })),
  };
}

/** Whether some refused row matches a stored record by the dedupe key (an upsert would update it). */
export function hasDuplicates(error: ApiError): boolean {
  return error.details.some((d) => d.details?.cause === 'DUPLICATE_RECORD');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
