/**
 * Spreadsheet files in and out: CSV (papaparse) and Excel .xlsx (exceljs, streamed). Reading gives
 * the header row and the data rows with their line numbers as a spreadsheet shows them (header =
 * line 1); writing takes rows batch by batch so an export never holds every record at once.
 */
import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import type { ImportTextEncoding } from '@stagecraft/contract';
import type { Bilingual } from '@stagecraft/schema';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import {
  type DetectedEncoding,
  decodeText,
  detectEncoding,
  ENCODING_LABELS,
  lineAt,
  type TextEncoding,
} from './text-encoding.js';

/** A cell as read: CSV gives strings, Excel also numbers, booleans and dates. */
export type Cell = string | number | boolean | Date | null;

export type SpreadsheetFormat = 'csv' | 'xlsx';

export const CONTENT_TYPES: Record<SpreadsheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A parsed sheet: headers, then data rows (blank rows skipped) with their spreadsheet line. */
export interface Sheet {
  headers: string[];
  rows: { line: number; cells: Cell[] }[];
  /** A CSV's text encoding and, for a message about headers that match nothing, how to change it. */
  text?: { encoding: ImportTextEncoding; hint: Bilingual };
}

/** A file that cannot be read, with the reason in both languages. */
export class SpreadsheetError extends Error {
  readonly messages: Bilingual;
  constructor(messages: Bilingual) {
    super(messages.en);
    this.messages = messages;
  }
}

/** Whether a row has only empty cells (skipped as data, refused as the header). */
export const blank = (cells: Cell[]) =>
  cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

/** "GBK/GB18030" for either GB encoding, as the dialog's choice names them. */
const choiceLabel = (name: TextEncoding) =>
  name === 'gbk' || name === 'gb18030' ? 'GBK/GB18030' : ENCODING_LABELS[name];

/** Where a user changes the encoding, in both languages. */
const HOW_TO_CHOOSE: Bilingual = {
  en: 'choose the file encoding in the import dialog (or send ?encoding=), or save the file from Excel as "CSV UTF-8"',
  'zh-CN':
    '请在导入对话框的“文件编码”中选择正确的编码（或在请求中加 ?encoding=），或在 Excel 中另存为“CSV UTF-8”',
};

/** The refusal of bytes the encoding cannot read, naming the line and the likelier encoding. */
export function unreadable(line: number, used: TextEncoding, chosen: boolean, detected: DetectedEncoding) {
  const label = ENCODING_LABELS[used];
  // Chosen wrongly: what detection saw. Detected as UTF-8 from an ASCII-only sample, then GBK
  // bytes further on: GBK, the other encoding a Chinese Excel writes without a mark.
  const other =
    chosen && detected.name !== used
      ? choiceLabel(detected.name)
      : (detected.looksLike ?? (used === 'utf-8' && !detected.bom ? choiceLabel('gbk') : undefined));
  return new SpreadsheetError({
    en: `Line ${line} has bytes that are not valid ${label} text${other ? `; the file looks like ${other}` : ''}: ${HOW_TO_CHOOSE.en}.`,
    'zh-CN': `第 ${line} 行有无法按 ${label} 读取的字节${other ? `，文件看起来是 ${other} 编码` : ''}。${HOW_TO_CHOOSE['zh-CN']}。`,
  });
}

/** How a CSV was read and how to change it, for a message about headers that match nothing. */
export function encodingHint(used: TextEncoding, chosen: boolean, detected: DetectedEncoding): Bilingual {
  const how = chosen ? { en: 'chosen', 'zh-CN': '手动选择' } : { en: 'detected', 'zh-CN': '自动识别' };
  const looks = detected.looksLike;
  return {
    en: `The file was read as ${ENCODING_LABELS[used]} (${how.en})${looks ? `, though it looks like ${looks}` : ''}: if its headers look garbled, ${HOW_TO_CHOOSE.en}.`,
    'zh-CN': `文件按 ${ENCODING_LABELS[used]} 读取（${how['zh-CN']}）${looks ? `，但看起来像 ${looks} 编码` : ''}。如果列标题显示为乱码，${HOW_TO_CHOOSE['zh-CN']}。`,
  };
}

/**
 * Reads a CSV file: comma, semicolon or tab separated, in the detected encoding (UTF-8 with or
 * without BOM, GBK/GB18030, UTF-16) or the one the user chose. Bytes the encoding cannot read
 * refuse the file, so mis-decoded text is never imported.
 */
export function readCsv(body: Buffer, options: { encoding?: TextEncoding | undefined } = {}): Sheet {
  const detected = detectEncoding(body);
  const chosen = options.encoding !== undefined;
  const used = options.encoding ?? detected.name;
  const { text, unreadableAt } = decodeText(body, used);
  if (unreadableAt !== null) throw unreadable(lineAt(text, unreadableAt), used, chosen, detected);
  const encoding: ImportTextEncoding = {
    name: used,
    bom: detected.bom && detected.name === used,
    source: chosen ? 'chosen' : 'detected',
  };
  const hint = encodingHint(used, chosen, detected);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) {
    const line = (fatal.row ?? 0) + 1;
    throw new SpreadsheetError({
      en: `Line ${line}: a quoted value is not closed.`,
      'zh-CN': `第 ${line} 行：引号内的值没有结束引号。`,
    });
  }
  const [head, ...data] = parsed.data;
  if (!head || blank(head))
    throw new SpreadsheetError({ en: 'The file has no header row.', 'zh-CN': '文件没有标题行。' });
  const rows: Sheet['rows'] = [];
  data.forEach((cells, i) => {
    if (!blank(cells)) rows.push({ line: i + 2, cells });
  });
  return { headers: head.map((h) => String(h ?? '').trim()), rows, text: { encoding, hint } };
}

/** The value of an exceljs cell as a plain cell (formulas give their cached result). */
export function excelCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (
    value instanceof Date ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  )
    return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink
    if ('result' in value) return excelCell(value.result as ExcelJS.CellValue);
    if ('error' in value) return null;
  }
  return String(value);
}

/** Reads the first worksheet of an .xlsx file, streaming its rows. */
export async function readXlsx(body: Buffer): Promise<Sheet> {
  if (body.subarray(0, 2).toString('latin1') !== 'PK')
    throw new SpreadsheetError({
      en: 'The file is not an Excel .xlsx workbook.',
      'zh-CN': '文件不是 Excel .xlsx 工作簿。',
    });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(body), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  let headers: string[] | null = null;
  const rows: Sheet['rows'] = [];
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[]; // 1-based: values[0] is empty
        const cells = values.slice(1).map(excelCell);
        if (headers === null) {
          if (blank(cells)) continue;
          headers = cells.map((c) => (c === null ? '' : String(c).trim()));
          continue;
        }
        if (!blank(cells)) rows.push({ line: row.number, cells });
      }
      break; // the first worksheet only
    }
  } catch (error) {
    throw new SpreadsheetError({
      en: `The workbook cannot be read: ${(error as Error).message}`,
      'zh-CN': `无法读取该工作簿：${(error as Error).message}`,
    });
  }
  if (!headers)
    throw new SpreadsheetError({ en: 'The file has no header row.', 'zh-CN': '文件没有标题行。' });
  return { headers, rows };
}

/**
 * A column of a written sheet. A `date` or `datetime` column takes `Date` cells holding the
 * wall-clock reading in the workspace's zone in their UTC fields (`wallClock` of import-values):
 * a spreadsheet's date has no zone, so it shows exactly those fields.
 */
export interface SheetColumn {
  header: string;
  type?: 'date' | 'datetime' | undefined;
}

/** A written cell (dates as wall-clock readings, see `SheetColumn`). */
export type OutCell = string | number | boolean | Date | null;

/** A writer that takes the header, then batches of rows, then finishes the file. */
export interface SheetWriter {
  rows(batch: OutCell[][]): Promise<void>;
  end(): Promise<void>;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A wall-clock `Date` as a spreadsheet reads it without help: `yyyy-MM-dd` for a date column,
 * `yyyy-MM-dd HH:mm:ss` (and `.SSS` when there are milliseconds) for a date-time.
 */
export function wallText(date: Date, type: 'date' | 'datetime'): string {
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  if (type === 'date') return day;
  const ms = date.getUTCMilliseconds();
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${day} ${time}${ms ? `.${pad(ms, 3)}` : ''}`;
}

/** Resolves once `out` has room again (at once when it has); fails if the reader goes away. */
function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new Error('The download was closed.'));
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      out.off('drain', onDrain);
      out.off('error', onError);
      out.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onError = (error: Error) => done(error);
    const onClose = () => done(new Error('The download was closed.'));
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });
}

/** Writes a chunk, waiting for `drain` when the reader is slower; fails if the reader goes away. */
function writeTo(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed) return Promise.reject(new Error('The download was closed.'));
  out.write(chunk);
  return drained(out);
}

/** Writes CSV with a UTF-8 BOM (so Excel opens Chinese text correctly) to `out`. */
export async function csvWriter(out: Writable, columns: SheetColumn[]): Promise<SheetWriter> {
  await writeTo(out, `\uFEFF${Papa.unparse([columns.map((c) => c.header)])}\r\n`);
  const text = (cell: OutCell, i: number) =>
    cell instanceof Date ? wallText(cell, columns[i]?.type ?? 'datetime') : cell;
  return {
    async rows(batch) {
      if (batch.length)
        await writeTo(
          out,
          `${Papa.unparse(
            batch.map((cells) => cells.map(text)),
            { header: false, escapeFormulae: true },
          )}\r\n`,
        );
    },
    async end() {
      await new Promise<void>((resolve) => out.end(resolve));
    },
  };
}

/** Excel number formats of date columns: real date cells a spreadsheet sorts and computes with. */
const DATE_FORMATS = { date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm:ss' } as const;

/** Uncompressed sheet bytes the zip may hold back before the writer waits for it. */
const ZIP_BACKLOG = 1024 * 1024;

/**
 * Waits while the zip has not taken in what the sheet wrote. exceljs's sheet stream writes into
 * the archiver's intake (a PassThrough) without heeding its answer, and the archiver reads it only
 * between other work, so a fast reader (PGlite answers in-process) would pile the whole sheet up
 * there and send nothing until the end. The intake is reached by its shape, not a typed API; if
 * exceljs changes it, this waits for nothing and the export still works, only less smoothly.
 */
async function zipTookIn(sheet: ExcelJS.Worksheet): Promise<void> {
  const stream = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream;
  const intake = stream?.pipes?.[0] as
    | (NodeJS.EventEmitter & { _writableState?: { length?: number }; destroyed?: boolean })
    | undefined;
  while ((intake?._writableState?.length ?? 0) > ZIP_BACKLOG && intake && !intake.destroyed)
    await once(intake, 'drain');
}

/**
 * Writes an .xlsx workbook with one sheet, streamed: rows are committed as they come and each
 * batch waits for the download to take what was written, so the first bytes go out with the
 * first page and memory does not grow with the row count.
 */
export async function xlsxWriter(
  out: Writable,
  columns: SheetColumn[],
  sheetName: string,
): Promise<SheetWriter> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true, // date formats and the bold header
  });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31).replace(/[\\/?*[\]:]/g, ' ') || 'Sheet1', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  // A column's format does not reach the cells a streamed row commits: each date cell gets it.
  const dated = columns.flatMap((c, i) => (c.type ? [{ at: i + 1, numFmt: DATE_FORMATS[c.type] }] : []));
  for (const { at, numFmt } of dated) sheet.getColumn(at).width = numFmt.length + 2;
  const head = sheet.addRow(columns.map((c) => c.header));
  head.font = { bold: true };
  head.commit();
  return {
    async rows(batch) {
      for (const cells of batch) {
        const row = sheet.addRow(cells);
        for (const { at, numFmt } of dated)
          if (cells[at - 1] instanceof Date) row.getCell(at).numFmt = numFmt;
        row.commit();
      }
      await zipTookIn(sheet);
      await drained(out);
    },
    async end() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
