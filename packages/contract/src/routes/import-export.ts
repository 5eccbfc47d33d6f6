/** CSV and Excel import and export of an entity's records. */
import { z } from 'zod';
import { EntityParams, Flag } from '../common.js';
import { route } from '../route.js';
import { ListQueryString } from './list-query.js';

/** Content types of an Excel file the import reads. */
export const XLSX_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
] as const;
/** Content types of a CSV file the import reads (not text/plain: see docs/security.md). */
export const CSV_TYPES = ['text/csv', 'application/csv', 'application/vnd.ms-excel'] as const;

/**
 * Text encodings a CSV may be read in: what Excel writes as "CSV UTF-8" (with a BOM) and plain
 * UTF-8, "CSV" on a Chinese Windows (GBK, read as its superset GB18030) and "Unicode text"
 * (UTF-16LE with a BOM, tab separated). `gbk` and `gb18030` read the same bytes the same way; the
 * report says `gb18030` only when the sample holds a character GBK lacks.
 */
export const TextEncoding = z.enum(['utf-8', 'gbk', 'gb18030', 'utf-16le', 'utf-16be']);
export type TextEncoding = z.infer<typeof TextEncoding>;

/** How the server read a CSV's text: the encoding, whether a byte-order mark said so, and who chose it. */
export const ImportTextEncoding = z.object({
  name: TextEncoding,
  bom: z.boolean(),
  source: z.enum(['detected', 'chosen']),
});
export type ImportTextEncoding = z.infer<typeof ImportTextEncoding>;

/** How rows become records: all created, or matched on the entity's first dedupe key and updated. */
export const ImportMode = z.enum(['create', 'upsert']);
export type ImportMode = z.infer<typeof ImportMode>;

/** What an import that passed did (or, on a dry run, would do). */
export const ImportReport = z.object({
  dryRun: z.boolean(),
  /** `create` adds every row; `upsert` updates the records matched on the entity's dedupe key. */
  mode: ImportMode,
  rows: z.number(),
  created: z.number(),
  /** Records an upsert updated (always 0 in `create` mode). */
  updated: z.number(),
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  ignoredColumns: z.array(z.string()),
  /** CSV only (an Excel workbook carries its own encoding). */
  textEncoding: ImportTextEncoding.optional(),
  /**
   * The first data rows as read, one cell per entry of `columns`, so a person can see that the
   * text reads right (a wrong encoding shows as garbled text) before importing.
   */
  sample: z.array(z.object({ line: z.number(), cells: z.array(z.string().nullable()) })).optional(),
  /**
   * Milliseconds the run spent per phase: opening the file and look-ups (`open`), reading and
   * parsing (`read`), coercing cells and matching keys (`check`), validating (`validate`), the
   * store's checks and the COPY text (`encode`), the staging writes (`stage`, overlapping the next
   * batch), waiting for them (`wait`), the progress writes (`progress`, overlapping too) and the
   * key checks on the staging table (`keys`). For benchmarks and support; the commit is not included.
   */
  timings: z.record(z.string(), z.number()).optional(),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** `GET …/export` */
export const exportRecords = route({
  method: 'GET',
  path: '/api/apps/:app/entities/:entity/export',
  tags: ['records'],
  summary: 'Export the records a list query matches as CSV or Excel (no row cap)',
  params: EntityParams,
  querystring: ListQueryString.omit({ limit: true, offset: true, includeDeleted: true }).extend({
    format: z.enum(['csv', 'xlsx']).default('csv'),
    template: Flag.optional(),
  }),
  responses: {},
  file: {
    status: 200,
    contentTypes: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  },
});

/** `POST …/import` */
export const importRecords = route({
  method: 'POST',
  path: '/api/apps/:app/entities/:entity/import',
  tags: ['records'],
  summary:
    'Import records from a CSV or Excel file (the body, or the multipart field `file`); all rows or none',
  params: EntityParams,
  querystring: z
    .object({
      dryRun: Flag.optional(),
      /** Reads a CSV in this encoding instead of the detected one. */
      encoding: TextEncoding.optional(),
      /** `create` (default) or `upsert` (needs a dedupe key on the entity). */
      mode: ImportMode.optional(),
    })
    .strict(),
  consumes: [...CSV_TYPES, ...XLSX_TYPES, 'multipart/form-data'],
  responses: { 200: ImportReport, 201: ImportReport },
});
