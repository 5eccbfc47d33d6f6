/**
 * A spreadsheet read as a stream of row batches, for import jobs: nothing holds the whole file.
 * A CSV's encoding is detected from its first 64 KiB (or the user's choice), its bytes decoded
 * chunk by chunk, and each decoded piece parsed by papaparse with the delimiter and line break
 * the first piece showed; the last (maybe cut) record of a piece is parsed again with the next
 * one. An .xlsx is read by exceljs's streaming WorkbookReader. Line numbers are the ones
 * `readCsv`/`readXlsx` give (header = line 1), so refusals name the same lines.
 */
import { Readable } from 'node:stream';
import type { ImportTextEncoding } from '@stagecraft/contract';
import type { Bilingual } from '@stagecraft/schema';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { blank, type Cell, encodingHint, excelCell, SpreadsheetError, unreadable } from './spreadsheet.js';
import {
  createChunkDecoder,
  detectEncoding,
  lineAt,
  SAMPLE_BYTES,
  type TextEncoding,
} from './text-encoding.js';

/** One data row as read. */
export interface SheetRow {
  line: number;
  cells: Cell[];
}

/** An opened sheet: its header row, then its data rows in batches. */
export interface SheetStream {
  headers: string[];
  /** CSV only: how the text was read, and how to change it. */
  text?: { encoding: ImportTextEncoding; hint: Bilingual };
  /**
   * The data rows (blank rows skipped), in file order, at most `size` per batch and about
   * BATCH_CHARS of text (a file of long texts comes in smaller batches, so memory stays flat).
   */
  batches(size: number): AsyncGenerator<SheetRow[]>;
  /** Bytes of the file read so far. */
  bytesRead(): number;
}

/**
 * Text per batch, about: 1 Mi characters. A batch lives as raw text, parsed cells, checked values,
 * audit changes and COPY text at once, and the next batch is read while one is being staged, so
 * this bounds the import's memory (a 1 GB file of long texts: see docs/benchmarks.md).
 */
const BATCH_CHARS = 1024 * 1024;

/** The characters a row's text cells hold. */
const charsOf = (cells: readonly Cell[]) => {
  let n = 0;
  for (const c of cells) if (typeof c === 'string') n += c.length;
  return n;
};

/** Longest record text kept while waiting for its closing quote (a broken file stops there). */
const MAX_RECORD_CHARS = 16 * 1024 * 1024;

/** Counts the bytes that pass. */
async function* counted(source: AsyncIterable<Uint8Array | string>, count: (n: number) => void) {
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    count(bytes.length);
    yield bytes;
  }
}

/** Opens a stored file as a sheet. */
export async function openSheet(
  file: Readable,
  type: 'csv' | 'xlsx',
  options: { encoding?: TextEncoding | undefined } = {},
): Promise<SheetStream> {
  return type === 'xlsx' ? openXlsx(file) : openCsv(file, options.encoding);
}

async function openCsv(file: Readable, choice: TextEncoding | undefined): Promise<SheetStream> {
  let read = 0;
  const bytes = counted(file, (n) => {
    read += n;
  })[Symbol.asyncIterator]();
  // The sample the encoding is detected from (the whole file when it is shorter).
  const head: Uint8Array[] = [];
  let headSize = 0;
  let ended = false;
  while (headSize <= SAMPLE_BYTES) {
    const next = await bytes.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headSize += next.value.length;
  }
  const sample = Buffer.concat(head);
  if (sample.length === 0) throw new SpreadsheetError({ en: 'The file is empty.', 'zh-CN': '文件为空。' });
  const detected = detectEncoding(sample);
  const chosen = choice !== undefined;
  const used = choice ?? detected.name;
  const decoder = createChunkDecoder(used);
  let decoded = 0;
  let linesBefore = 0;
  /** Decoded text piece by piece; unreadable bytes refuse the file at their line. */
  async function* pieces(): AsyncGenerator<string> {
    const take = (text: string) => {
      if (decoder.unreadableAt !== null)
        throw unreadable(linesBefore + lineAt(text, decoder.unreadableAt - decoded), used, chosen, detected);
      decoded += text.length;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) linesBefore++;
      return text;
    };
    yield take(decoder.write(sample));
    if (!ended)
      for (let next = await bytes.next(); !next.done; next = await bytes.next())
        yield take(decoder.write(next.value));
    yield take(decoder.end());
  }
  // Lines are 1 + the records before (as readCsv counts them).
  const text = pieces();
  let delimiter: string | undefined;
  let newline: string | undefined;
  let carry = '';
  let records = 0;
  let finished = false;
  /** Complete records of the text so far; at the end, the rest too. */
  const parse = (input: string, last: boolean): string[][] => {
    const rows: { cells: string[]; end: number; quotes: boolean }[] = [];
    Papa.parse<string[]>(input, {
      ...(delimiter ? { delimiter } : {}),
      ...(newline ? { newline: newline as '\r\n' } : {}),
      step: (r) => {
        delimiter ??= r.meta.delimiter;
        newline ??= r.meta.linebreak;
        rows.push({
          cells: r.data,
          end: r.meta.cursor,
          quotes: r.errors.some((e) => e.type === 'Quotes'),
        });
      },
    });
    if (!last) {
      const kept = rows.length > 1 ? rows.slice(0, -1) : [];
      carry = input.slice(kept.at(-1)?.end ?? 0);
      if (carry.length > MAX_RECORD_CHARS) throw unclosed(records + kept.length + 1);
      rows.length = kept.length;
    }
    const broken = rows.findIndex((r) => r.quotes);
    if (broken >= 0) throw unclosed(records + broken + 1);
    records += rows.length;
    return rows.map((r) => r.cells);
  };
  async function* records_(): AsyncGenerator<string[][]> {
    for (let next = await text.next(); !next.done; next = await text.next()) {
      const rows = parse(carry + next.value, false);
      if (rows.length) yield rows;
    }
    finished = true;
    if (carry) yield parse(carry, true);
  }
  const source = records_();
  // The header: the first record.
  let pending: string[][] = [];
  while (pending.length === 0 && !finished) {
    const next = await source.next();
    if (next.done) break;
    pending = next.value;
  }
  const headRow = pending.shift();
  if (!headRow || blank(headRow))
    throw new SpreadsheetError({ en: 'The file has no header row.', 'zh-CN': '文件没有标题行。' });
  let line = 1;
  return {
    headers: headRow.map((h) => String(h ?? '').trim()),
    text: {
      encoding: {
        name: used,
        bom: detected.bom && detected.name === used,
        source: chosen ? 'chosen' : 'detected',
      },
      hint: encodingHint(used, chosen, detected),
    },
    bytesRead: () => read,
    async *batches(size) {
      let batch: SheetRow[] = [];
      let chars = 0;
      const add = function* (rows: string[][]) {
        for (const cells of rows) {
          line++;
          if (blank(cells)) continue;
          batch.push({ line, cells });
          chars += charsOf(cells);
          if (batch.length >= size || chars >= BATCH_CHARS) {
            yield batch;
            batch = [];
            chars = 0;
          }
        }
      };
      yield* add(pending);
      pending = [];
      for await (const rows of source) yield* add(rows);
      if (batch.length) yield batch;
    },
  };
}

function unclosed(line: number) {
  return new SpreadsheetError({
    en: `Line ${line}: a quoted value is not closed.`,
    'zh-CN': `第 ${line} 行：引号内的值没有结束引号。`,
  });
}

async function openXlsx(file: Readable): Promise<SheetStream> {
  let read = 0;
  const bytes = counted(file, (n) => {
    read += n;
  });
  const first = await bytes.next();
  const start = first.done ? Buffer.alloc(0) : Buffer.from(first.value);
  if (start.subarray(0, 2).toString('latin1') !== 'PK')
    throw new SpreadsheetError({
      en: 'The file is not an Excel .xlsx workbook.',
      'zh-CN': '文件不是 Excel .xlsx 工作簿。',
    });
  async function* all() {
    yield start;
    yield* bytes;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(all()), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  const failed = (error: unknown) =>
    error instanceof SpreadsheetError
      ? error
      : new SpreadsheetError({
          en: `The workbook cannot be read: ${(error as Error).message}`,
          'zh-CN': `无法读取该工作簿：${(error as Error).message}`,
        });
  async function* rows(): AsyncGenerator<SheetRow> {
    try {
      for await (const worksheet of reader) {
        for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
          const values = row.values as ExcelJS.CellValue[]; // 1-based: values[0] is empty
          yield { line: row.number, cells: values.slice(1).map(excelCell) };
        }
        break; // the first worksheet only
      }
    } catch (error) {
      throw failed(error);
    }
  }
  const source = rows();
  let headers: string[] | null = null;
  for (let next = await source.next(); !next.done; next = await source.next()) {
    if (blank(next.value.cells)) continue;
    headers = next.value.cells.map((c) => (c === null ? '' : String(c).trim()));
    break;
  }
  if (!headers)
    throw new SpreadsheetError({ en: 'The file has no header row.', 'zh-CN': '文件没有标题行。' });
  return {
    headers,
    bytesRead: () => read,
    async *batches(size) {
      let batch: SheetRow[] = [];
      let chars = 0;
      for await (const row of source) {
        if (blank(row.cells)) continue;
        batch.push(row);
        chars += charsOf(row.cells);
        if (batch.length >= size || chars >= BATCH_CHARS) {
          yield batch;
          batch = [];
          chars = 0;
        }
      }
      if (batch.length) yield batch;
    },
  };
}
