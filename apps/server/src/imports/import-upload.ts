/**
 * Starting an import job from a request: the checks that answer at once (signed in, entity,
 * create permission, a key for an upsert), then the file streamed to blob storage (the raw body
 * of an API client, or the multipart part `file` of the web app) and the job queued.
 */
import type { Readable } from 'node:stream';
import type { ImportMode, TextEncoding } from '@stagecraft/contract';
import { BlobTooLargeError, type ImportJobRow, resolvePermission } from '@stagecraft/store';
import type { FastifyRequest } from 'fastify';
import { requireActor } from '../auth/request-context.js';
import { checkFileName, multipartFailure } from '../edge/multipart.js';
import { fail, IssuesError } from '../errors/issues-error.js';
import { requestLocale } from '../errors/locale.js';
import { entityOf } from '../records/published-apps.js';
import type { ServerServices } from '../services.js';
import { noKeyIssue, upsertKey } from './import-job.js';

/** Largest import file: 1 GiB (several million rows); there is no row cap. */
export const IMPORT_BODY_LIMIT = 1024 * 1024 * 1024;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XLSX_TYPES = [XLSX_TYPE, 'application/octet-stream'];
// Not text/plain: a page of another origin may send that without a CORS preflight.
const CSV_TYPES = ['text/csv', 'application/csv', 'application/vnd.ms-excel'];
const SHEET_TYPES = new Set<string>([...CSV_TYPES, ...XLSX_TYPES]);

/** What the query string asks. */
export interface ImportOptions {
  dryRun: boolean;
  encoding?: TextEncoding | undefined;
  mode: ImportMode;
}

/** A file body and how to read it; `octet` = decide from its first bytes (`PK` = Excel). */
interface Upload {
  body: AsyncIterable<Uint8Array>;
  fileName: string;
  type: 'csv' | 'xlsx' | 'octet';
}

/** Yields the stream, deciding on the way whether an unnamed binary body is an Excel workbook. */
async function* sniffed(body: AsyncIterable<Uint8Array>, decided: (xlsx: boolean) => void) {
  let first = true;
  for await (const chunk of body) {
    if (first) {
      decided(Buffer.from(chunk).subarray(0, 2).toString('latin1') === 'PK');
      first = false;
    }
    yield chunk;
  }
  if (first) decided(false);
}

/** The uploaded file: the body itself, or the one file part `file` of a multipart form. */
async function uploadOf(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) {
    const raw = request.body as { pipe?: unknown } | undefined | null;
    if (raw === undefined || raw === null)
      fail('VALIDATION_FAILED', '/file', { en: 'The file is empty.', 'zh-CN': '文件为空。' });
    // A JSON body (the only other type fastify parses here) is not a spreadsheet.
    if (typeof raw.pipe !== 'function')
      fail('UNSUPPORTED_MEDIA_TYPE', '/file', {
        en: 'Send a CSV or Excel file as the body, or in the multipart field `file`.',
        'zh-CN': '请以请求体或 multipart 字段 `file` 上传 CSV 或 Excel 文件。',
      });
    const declared = Number(request.headers['content-length']);
    if (declared > IMPORT_BODY_LIMIT) fail('PAYLOAD_TOO_LARGE');
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    return {
      body: request.body as Readable,
      fileName: 'import',
      type: type === XLSX_TYPE ? 'xlsx' : type === 'application/octet-stream' ? 'octet' : 'csv',
    };
  }
  try {
    const part = await request.file();
    if (part?.fieldname !== 'file') {
      part?.file.resume();
      fail('VALIDATION_FAILED', '/file', {
        en: 'Send the file in the form field `file`.',
        'zh-CN': '请将文件放在表单字段 `file` 中上传。',
      });
    }
    checkFileName(part);
    const name = part.filename.toLowerCase();
    // Excel's "Unicode text" (UTF-16, tab separated) is saved as .txt: read as CSV, inside the form only.
    const type = name.endsWith('.xlsx')
      ? XLSX_TYPE
      : /\.(csv|txt|tsv)$/.test(name)
        ? 'text/csv'
        : part.mimetype;
    if (!SHEET_TYPES.has(type)) {
      part.file.resume();
      fail('UNSUPPORTED_MEDIA_TYPE', '/file', {
        en: 'Send a CSV (.csv), Unicode text (.txt) or Excel (.xlsx) file.',
        'zh-CN': '请上传 CSV（.csv）、Unicode 文本（.txt）或 Excel（.xlsx）文件。',
      });
    }
    return {
      body: part.file,
      fileName: part.filename,
      type: type === XLSX_TYPE ? 'xlsx' : type === 'application/octet-stream' ? 'octet' : 'csv',
    };
  } catch (error) {
    throw multipartFailure(error);
  }
}

/** Checks the request, stores its file and queues the job (202 follows). */
export async function startImportJob(
  services: ServerServices,
  request: FastifyRequest,
  target: { app: string; entity: string },
  options: ImportOptions,
): Promise<ImportJobRow> {
  const actor = requireActor(request);
  const { app: appId, entity: entityId } = target;
  const pub = await services.published.latest(actor, appId);
  const entity = entityOf(pub, entityId);
  const permission = resolvePermission(pub.definition, entityId, actor.roles);
  if (!permission.create)
    fail('FORBIDDEN', '', { en: 'You may not create these records.', 'zh-CN': '你没有创建这些记录的权限。' });
  if (options.mode === 'upsert' && !upsertKey(entity)) throw new IssuesError([noKeyIssue()], 422);
  const upload = await uploadOf(request);
  let xlsx = upload.type === 'xlsx';
  const body =
    upload.type === 'octet'
      ? sniffed(upload.body, (isXlsx) => {
          xlsx = isXlsx;
        })
      : upload.body;
  try {
    const job = await services.store.importJobs.create(
      actor,
      {
        appId,
        entityId,
        fileName: upload.fileName,
        // Read by `create` once the bytes are stored, when the sniffing has decided.
        get fileType() {
          return xlsx ? ('xlsx' as const) : ('csv' as const);
        },
        mode: options.mode,
        dryRun: options.dryRun,
        encoding: options.encoding ?? null,
        locale: requestLocale(request),
      },
      body,
      { now: services.clock.now(), maxBytes: IMPORT_BODY_LIMIT },
    );
    services.imports?.kick();
    return job;
  } catch (error) {
    if (error instanceof BlobTooLargeError) fail('PAYLOAD_TOO_LARGE');
    throw request.isMultipart() ? multipartFailure(error) : error;
  }
}
