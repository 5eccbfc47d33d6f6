/**
 * Which files may be uploaded, decided from the name's extension, the declared MIME type and the
 * first bytes. Images and PDFs are recognised by their magic bytes, so a renamed executable or a
 * script posing as a photo is refused whatever its name or Content-Type says.
 */

/** Allowed extensions and the MIME type stored for each. */
export const ALLOWED_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** Other names clients use for the same types (browsers and OSes differ). */
const ALIASES: Readonly<Record<string, string>> = {
  'image/pjpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'application/x-pdf': 'application/pdf',
  'application/csv': 'text/csv',
  'text/x-csv': 'text/csv',
  'application/vnd.ms-excel': 'text/csv',
};

/** Types whose content must carry their magic bytes. */
const SIGNED = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf']);
/** Office files are ZIP containers. */
const ZIPPED = new Set(['docx', 'xlsx', 'pptx']);

const startsWith = (head: Uint8Array, bytes: readonly number[], at = 0) =>
  bytes.every((b, i) => head[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The type the first bytes prove, if they prove one (images, PDF, ZIP, executables). */
export function sniff(head: Uint8Array): string | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(head, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  if (startsWith(head, ascii('MZ')) || startsWith(head, [0x7f, 0x45, 0x4c, 0x46]))
    return 'application/x-executable';
  return undefined;
}

/** The lower-case extension of a file name, without the dot. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * The MIME type to store for an upload, or a reason to refuse it: the extension must be allowed,
 * the declared type (unless generic) must agree with it, and the bytes must agree with both.
 */
export function checkFileType(
  name: string,
  declaredMime: string | undefined,
  head: Uint8Array,
): { ok: true; mime: string } | { ok: false; reason: string } {
  const ext = extensionOf(name);
  const mime = ALLOWED_TYPES[ext];
  if (!mime) return { ok: false, reason: `files of type .${ext || '?'} are not allowed` };
  const raw = declaredMime?.split(';')[0]?.trim().toLowerCase();
  const declared = raw ? (ALIASES[raw] ?? raw) : undefined;
  if (declared && declared !== 'application/octet-stream' && declared !== mime) {
    return { ok: false, reason: `declared type ${declared} does not match .${ext}` };
  }
  const sniffed = sniff(head);
  if (SIGNED.has(mime) && sniffed !== mime) return { ok: false, reason: `content is not ${mime}` };
  if (ZIPPED.has(ext) && sniffed !== 'application/zip')
    return { ok: false, reason: `content is not a .${ext} file` };
  if (!SIGNED.has(mime) && !ZIPPED.has(ext) && sniffed !== undefined) {
    return { ok: false, reason: `content (${sniffed}) does not match .${ext}` };
  }
  return { ok: true, mime };
}
