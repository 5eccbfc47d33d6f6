/**
 * The records import/export port onto the server:
 * `GET /api/apps/:app/entities/:entity/export?format=csv|xlsx&filter&sort&search&template=1`, and
 * imports as jobs: `POST /api/apps/:app/entities/:entity/imports?dryRun&encoding&mode` with the
 * file as the multipart field `file` (a signed-in browser may send only JSON or multipart;
 * docs/security.md), then `GET /api/imports/:id` to follow it, `…/cancel` and `…/commit`.
 * The dialog takes the port as a prop, so its tests run against memory and the app against HTTP.
 */
import {
  API,
  type ImportJob,
  type ImportMode,
  type ImportReport,
  routeUrl,
  type TextEncoding,
} from '@stagecraft/contract';
import type { ApiResult } from '@stagecraft/renderer';
import { call } from '../../api/client.js';
import { type FetchedFile, fetchFile } from '../../api/http.js';

/** The two spreadsheet formats the server reads and writes. */
export type SheetFormat = 'csv' | 'xlsx';

/** What the list shows (no paging: an export carries every record the user may see). */
export interface ListSelection {
  filter?: unknown;
  sort?: { field: string; direction: 'asc' | 'desc' }[];
  search?: string;
}

/** What an import that passed did (a dry run: would do), an import job, and how rows become records. */
export type { ImportJob, ImportMode, ImportReport };

/** How a file is read and imported: a dry run checks every row and writes nothing. */
export interface ImportOptions {
  dryRun: boolean;
  /** Reads a CSV in this encoding instead of the one the server detects. */
  encoding?: TextEncoding;
  mode: ImportMode;
}

/** The content type the import endpoint expects for a file, or null when it reads neither. */
export function sheetTypeOf(fileName: string): string | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  // Excel's "Unicode text" (UTF-16, tab separated) is saved as .txt; the server reads it as CSV
  // (sent inside the multipart form: a bare text/plain body would be refused, docs/security.md).
  if (name.endsWith('.txt') || name.endsWith('.tsv')) return 'text/csv';
  if (name.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return null;
}

/** The export URL's query string: the list query's own parameters, spelled as `GET …/records` takes them. */
export function exportQuery(format: SheetFormat, list: ListSelection | 'template'): string {
  const q = new URLSearchParams({ format });
  if (list === 'template') {
    q.set('template', '1');
    return q.toString();
  }
  if (list.filter !== undefined && list.filter !== null) q.set('filter', JSON.stringify(list.filter));
  if (list.sort?.length)
    q.set('sort', list.sort.map((s) => `${s.direction === 'desc' ? '-' : ''}${s.field}`).join(','));
  if (list.search) q.set('search', list.search);
  return q.toString();
}

/** Import and export of one app's records. */
export interface TransferPort {
  /** The records of the list (or, with 'template', only the importable headers) as a file. */
  exportFile(
    entity: string,
    format: SheetFormat,
    list: ListSelection | 'template',
  ): Promise<ApiResult<FetchedFile>>;
  /** Uploads a file and queues its import job (the answer comes once the file is stored). */
  startImport(entity: string, file: File, options: ImportOptions): Promise<ApiResult<ImportJob>>;
  /** The job as it is now: poll it while it is queued or running. */
  importJob(id: string): Promise<ApiResult<ImportJob>>;
  /** Stops a queued or running job; nothing is written. */
  cancelImport(id: string): Promise<ApiResult<ImportJob>>;
  /** Imports for real the file of a clean dry run, with its options: a new job. */
  commitImport(id: string): Promise<ApiResult<ImportJob>>;
}

/** The port over HTTP. */
export class HttpTransfer implements TransferPort {
  constructor(private readonly app: string) {}

  exportFile(entity: string, format: SheetFormat, list: ListSelection | 'template') {
    const path = routeUrl(API.transfer.exportRecords, { app: this.app, entity });
    return fetchFile(`${path}?${exportQuery(format, list)}`);
  }

  startImport(entity: string, file: File, { dryRun, encoding, mode }: ImportOptions) {
    // The browser's own type for a .csv varies (text/csv, application/vnd.ms-excel, none): the
    // extension decides, and the bytes go unchanged.
    const type = sheetTypeOf(file.name) ?? (file.type || 'application/octet-stream');
    const form = new FormData();
    form.append('file', new Blob([file], { type }), file.name);
    return call(API.transfer.startImport, {
      params: { app: this.app, entity },
      query: { dryRun: dryRun ? 'true' : 'false', mode, ...(encoding ? { encoding } : {}) },
      body: form,
    });
  }

  importJob(id: string) {
    return call(API.transfer.getImport, { params: { id } });
  }

  cancelImport(id: string) {
    return call(API.transfer.cancelImport, { params: { id } });
  }

  commitImport(id: string) {
    return call(API.transfer.commitImport, { params: { id } });
  }
}

/** Hands a fetched file to the browser's downloads under the server's name (or the fallback). */
export function saveFile(file: FetchedFile, fallbackName: string): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename ?? fallbackName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the object URL; free it once the browser has taken the bytes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
