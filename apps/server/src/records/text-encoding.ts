/**
 * The text encoding of an imported CSV: detected from a bounded sample of its first bytes, then
 * decoded chunk by chunk, so a streamed import can decode as the bytes arrive and never holds the
 * file as one string.
 *
 * Detection, in order: a byte-order mark (UTF-8, UTF-16LE, UTF-16BE); UTF-16 without a mark
 * (every other byte zero, as ASCII text in UTF-16 is); bytes that are valid UTF-8 (plain ASCII
 * included); else GBK, the code page Excel on a Chinese Windows saves "CSV" in (GB18030 when the
 * sample holds a character outside GBK). chardet's ranking only names, for the message, an
 * encoding we do not read that the bytes look more like. A user who knows better chooses the
 * encoding, and bytes the encoding cannot read refuse the file with a hint (see
 * `ChunkDecoder.unreadableAt`); docs/decisions/import-encodings.md says why.
 */
import { isUtf8 } from 'node:buffer';
import type { TextEncoding } from '@stagecraft/contract';
import { analyse } from 'chardet';
import iconv from 'iconv-lite';

export type { TextEncoding };

/** How many leading bytes detection looks at. */
export const SAMPLE_BYTES = 64 * 1024;

/** What detection found in the sample. */
export interface DetectedEncoding {
  name: TextEncoding;
  /** A byte-order mark at the start named the encoding. */
  bom: boolean;
  /**
   * An encoding the import does not read that chardet ranks above GB18030 (`Big5`, `Shift_JIS`…),
   * for the hint when the file reads badly.
   */
  looksLike?: string;
}

/** chardet's answers that are a GB encoding (GBK is a subset of GB18030). */
const GB_NAMES = new Set(['GB18030']);
/** chardet's answers that are not worth naming: they match nearly any bytes. */
const WEAK_NAMES = new Set(['ASCII', 'ISO-8859-1', 'mbcs', 'sbcs']);

/** The codec iconv-lite decodes each encoding with (GB18030 reads every GBK byte sequence alike). */
const CODEC: Record<TextEncoding, string> = {
  'utf-8': 'utf-8',
  gbk: 'gb18030',
  gb18030: 'gb18030',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

/** Display names, the same in both languages. */
export const ENCODING_LABELS: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  gbk: 'GBK',
  gb18030: 'GB18030',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};

/** The byte-order mark a sample starts with, if any. */
function bomOf(sample: Uint8Array): TextEncoding | null {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  // FF FE 00 00 is UTF-32LE's mark, which we do not read.
  if (sample[0] === 0xff && sample[1] === 0xfe && !(sample[2] === 0 && sample[3] === 0)) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  return null;
}

/** UTF-16 without a mark: the high byte of ASCII characters is zero, so one parity is mostly zeros. */
function unmarkedUtf16(sample: Uint8Array): TextEncoding | null {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) even++;
    if (sample[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.3 && even < odd / 10) return 'utf-16le';
  if (even > pairs * 0.3 && odd < even / 10) return 'utf-16be';
  return null;
}

/** The sample without a multi-byte UTF-8 sequence the sample's end cut short. */
function withoutCutTail(sample: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, sample.length); back++) {
    const byte = sample[sample.length - back] as number;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    if (byte < 0x80) return sample; // ASCII: nothing cut
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return need > back ? sample.subarray(0, sample.length - back) : sample;
  }
  return sample;
}

/** A GB18030 four-byte sequence (a character outside GBK) anywhere in the sample. */
function hasFourByteGb(sample: Uint8Array): boolean {
  for (let i = 0; i + 3 < sample.length; i++) {
    const b = sample[i] as number;
    if (b < 0x81) continue;
    const second = sample[i + 1] as number;
    if (second >= 0x30 && second <= 0x39) {
      const third = sample[i + 2] as number;
      const fourth = sample[i + 3] as number;
      if (third >= 0x81 && third <= 0xfe && fourth >= 0x30 && fourth <= 0x39) return true;
    }
    i++; // a two-byte character: skip its trail byte
  }
  return false;
}

/** The encoding of a file from its first bytes (at most SAMPLE_BYTES are looked at). */
export function detectEncoding(head: Uint8Array): DetectedEncoding {
  const sample = head.subarray(0, SAMPLE_BYTES);
  const marked = bomOf(sample);
  if (marked) return { name: marked, bom: true };
  const utf16 = unmarkedUtf16(sample);
  if (utf16) return { name: utf16, bom: false };
  // A sample shorter than the file may end inside a character; the whole file may not.
  const whole = head.length <= SAMPLE_BYTES;
  if (isUtf8(whole ? sample : withoutCutTail(sample))) return { name: 'utf-8', bom: false };
  // chardet ranks what the bytes look like; of its answers, GB18030 is the one we read. Any other
  // (Big5, Shift_JIS, a Latin code page) still reads as GBK: the import is for Chinese users, and
  // a wrong guess shows as unreadable bytes or garbled headers, whose message names what chardet
  // saw; the user then chooses the encoding or saves the file as UTF-8.
  const ranked = analyse(sample);
  const gbConfidence = ranked.find((m) => GB_NAMES.has(m.name))?.confidence ?? 0;
  const top = ranked.find((m) => !WEAK_NAMES.has(m.name));
  const other = top && !GB_NAMES.has(top.name) && top.confidence > gbConfidence ? top.name : undefined;
  return {
    name: hasFourByteGb(sample) ? 'gb18030' : 'gbk',
    bom: false,
    ...(other ? { looksLike: other } : {}),
  };
}

/** A decoder fed the file chunk by chunk; its output never includes the byte-order mark. */
export interface ChunkDecoder {
  write(chunk: Uint8Array): string;
  end(): string;
  /**
   * The offset in the text written so far of the first character the encoding could not read
   * (the decoder wrote U+FFFD for it), or null. A file that itself stores U+FFFD (its encoded form
   * appears in the bytes) is taken as read: the mark was there before the file was saved.
   */
  readonly unreadableAt: number | null;
}

/**
 * A decoder of one encoding. A character split across chunks comes out whole. iconv-lite loses a
 * GB18030 four-byte character split across three or more chunks, so chunks shorter than four
 * bytes are held back until four bytes have come (stream chunks are far larger in practice).
 */
export function createChunkDecoder(name: TextEncoding): ChunkDecoder {
  const decoder = iconv.getDecoder(CODEC[name], { stripBOM: true });
  const stored = iconv.encode('\uFFFD', CODEC[name]);
  let held: Buffer | null = null;
  let written = 0;
  let unreadableAt: number | null = null;
  let storesReplacement = false;
  const out = (text: string, bytes: Buffer | null) => {
    if (bytes && !storesReplacement && bytes.includes(stored)) {
      storesReplacement = true;
      unreadableAt = null;
    }
    if (unreadableAt === null && !storesReplacement) {
      const at = text.indexOf('\uFFFD');
      if (at >= 0) unreadableAt = written + at;
    }
    written += text.length;
    return text;
  };
  return {
    write(chunk) {
      let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (held) {
        bytes = Buffer.concat([held, bytes]);
        held = null;
      }
      if (bytes.length < 4) {
        held = bytes;
        return '';
      }
      return out(decoder.write(bytes), bytes);
    },
    end() {
      const rest = held ? decoder.write(held) : '';
      const bytes = held;
      held = null;
      return out(rest + (decoder.end() ?? ''), bytes);
    },
    get unreadableAt() {
      return unreadableAt;
    },
  };
}

/** A whole buffer as text in the encoding (the byte-order mark dropped), and where it could not be read. */
export function decodeText(
  bytes: Uint8Array,
  name: TextEncoding,
): { text: string; unreadableAt: number | null } {
  const decoder = createChunkDecoder(name);
  const text = decoder.write(bytes) + decoder.end();
  return { text, unreadableAt: decoder.unreadableAt };
}

/** The 1-based line of a text offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
