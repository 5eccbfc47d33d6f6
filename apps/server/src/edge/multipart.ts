/**
 * What a failed multipart read becomes: the parser's own refusals keep their meaning (too many
 * parts or files: the caller sent more than one file), and anything else the parser throws (a body
 * cut short, a broken part header, no boundary) is MALFORMED_MULTIPART 400, never a 500.
 */
import type { MultipartFile } from '@fastify/multipart';
import { issue } from '@stagecraft/schema';
import { IssuesError } from '../errors/issues-error.js';
import { checkText } from './edge-guards.js';
import { isStorableText } from './text-check.js';

const ONE_FILE = {
  en: 'send exactly one file, in the field `file`',
  'zh-CN': '请只上传一个文件，放在 `file` 字段中',
};

/** The error to answer with for one thrown while reading a multipart body. */
export function multipartFailure(error: unknown): Error {
  if (error instanceof IssuesError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return new IssuesError([issue('VALIDATION_FAILED', '/file', ONE_FILE)]);
  if (typeof code === 'string' && code.startsWith('FST_') && code !== 'FST_MP_PREMATURE_CLOSE')
    return error as Error;
  return new IssuesError([
    issue('MALFORMED_MULTIPART', '', {
      en: 'the multipart body is malformed or cut short',
      'zh-CN': 'multipart 请求内容格式错误或不完整',
    }),
  ]);
}

/** Refuses a file part whose name PostgreSQL could not store (INVALID_TEXT at `/file/filename`), its bytes drained. */
export function checkFileName(part: MultipartFile): void {
  if (isStorableText(part.filename)) return;
  part.file.resume();
  checkText(part.filename, '/file/filename');
}
