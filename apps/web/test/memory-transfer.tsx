// Test support for the import dialog's tests: an in-memory server of import jobs, the entity it
// imports into, and a helper that opens the dialog. Split from ImportDialog.test.tsx, which had
// grown past the house limit.
import type { TextEncoding } from '@stagecraft/contract';
import type { ApiResult } from '@stagecraft/renderer';
import { createI18n } from '@stagecraft/renderer';
import type { Entity, Locale } from '@stagecraft/schema';
import { fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { vi } from 'vitest';
import { shellMessages } from '../src/i18n/shell-messages.js';
import { ImportDialog } from '../src/pages/import-export/ImportDialog.js';
import type {
  ImportJob,
  ImportMode,
  ImportOptions,
  TransferPort,
} from '../src/pages/import-export/transfer-api.js';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
export const entity = {
  id: 'deal',
  label: L('商机', 'Deal'),
  fields: [
    { id: 'name', type: 'text', label: L('名称', 'Name') },
    { id: 'amount', type: 'currency', label: L('金额', 'Amount') },
  ],
} as unknown as Entity;
/** The same entity with a dedupe key: rows may update the records they match. */
export const keyed = { ...entity, dedupeKeys: [['name', 'amount']] } as unknown as Entity;

/** One answer of the memory server's job: its state, phase and progress at that poll. */
type Frame = Pick<ImportJob, 'state' | 'phase' | 'progress'> & Partial<ImportJob>;

export const progress = (p: Partial<ImportJob['progress']> = {}): ImportJob['progress'] => ({
  bytesTotal: 1000,
  bytesRead: 0,
  rowsRead: 0,
  rowsWritten: 0,
  rowsPerSecond: null,
  etaSeconds: null,
  ...p,
});

/**
 * An in-memory server of import jobs. A job is a script of answers, one per poll: queued, reading
 * half the file, checking all of it, (writing, for a real import) and then its end. A file whose
 * text contains "bad" is refused at line 3, column Amount. Rows whose name is in `existing` match a
 * record: an upsert updates it. `hold` keeps every job at its reading answer until set false.
 */
export class MemoryTransfer implements TransferPort {
  starts: { name: string; dryRun: boolean; mode: ImportMode; encoding?: TextEncoding | undefined }[] = [];
  polls = 0;
  cancels = 0;
  created = 0;
  updated = 0;
  hold = false;
  /** The next polls that fail, as a lost connection. */
  failPolls = 0;
  existing = new Set<string>();
  private jobs = new Map<string, { frames: Frame[]; at: number; base: ImportJob; file: File }>();
  private next = 1;

  async exportFile() {
    return { ok: true as const, value: { blob: new Blob(['name,amount\n']), filename: 'deal.csv' } };
  }

  async startImport(_entity: string, file: File, options: ImportOptions): Promise<ApiResult<ImportJob>> {
    this.starts.push({
      name: file.name,
      dryRun: options.dryRun,
      mode: options.mode,
      encoding: options.encoding,
    });
    return { ok: true, value: this.queue(file, options) };
  }

  async importJob(id: string): Promise<ApiResult<ImportJob>> {
    this.polls++;
    if (this.failPolls > 0) {
      this.failPolls--;
      return { ok: false, error: { status: 0, code: 'NETWORK', message: 'Failed to fetch', details: [] } };
    }
    const job = this.jobs.get(id);
    if (!job)
      return { ok: false, error: { status: 404, code: 'NOT_FOUND', message: 'Not found.', details: [] } };
    const last = job.frames.length - 1;
    if (job.base.state === 'cancelled') return { ok: true, value: job.base };
    if (!(this.hold && job.at >= 1)) job.at = Math.min(job.at + 1, last);
    const frame = job.frames[job.at] as Frame;
    if (job.at === last && frame.state === 'done' && !job.base.dryRun) {
      this.created += frame.report?.created ?? 0;
      this.updated += frame.report?.updated ?? 0;
    }
    job.base = { ...job.base, ...frame };
    return { ok: true, value: job.base };
  }

  async cancelImport(id: string): Promise<ApiResult<ImportJob>> {
    this.cancels++;
    const job = this.jobs.get(id) as { base: ImportJob };
    if (job.base.state === 'done' || job.base.state === 'failed')
      return {
        ok: false,
        error: { status: 409, code: 'IMPORT_FINISHED', message: 'Finished.', details: [] },
      };
    job.base = { ...job.base, state: 'cancelled', phase: null };
    return { ok: true, value: job.base };
  }

  async commitImport(id: string): Promise<ApiResult<ImportJob>> {
    const dry = this.jobs.get(id) as { base: ImportJob; file: File };
    const { mode } = dry.base;
    const encoding =
      dry.base.report?.textEncoding?.source === 'chosen' ? dry.base.report.textEncoding.name : undefined;
    this.starts.push({ name: dry.file.name, dryRun: false, mode, encoding });
    return {
      ok: true,
      value: this.queue(dry.file, { dryRun: false, mode, ...(encoding ? { encoding } : {}) }),
    };
  }

  private queue(file: File, { dryRun, mode, encoding }: ImportOptions): ImportJob {
    const id = `job-${this.next++}`;
    const text = contents.get(file) ?? '';
    const names = text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0] as string);
    const rows = names.length;
    const updated = mode === 'upsert' ? names.filter((x) => this.existing.has(x)).length : 0;
    const base: ImportJob = {
      id,
      appId: 'app',
      entityId: 'deal',
      fileName: file.name,
      mode,
      dryRun,
      state: 'queued',
      phase: null,
      progress: progress(),
      report: null,
      issues: null,
      error: null,
      createdAt: '2026-12-07T10:00:00.000Z',
      startedAt: null,
      finishedAt: null,
    };
    const frames: Frame[] = [
      { state: 'queued', phase: null, progress: progress() },
      {
        state: 'running',
        phase: 'read',
        progress: progress({ bytesRead: 500, rowsRead: 1, rowsPerSecond: 1200.5, etaSeconds: 65 }),
      },
      { state: 'running', phase: 'validate', progress: progress({ bytesRead: 1000, rowsRead: rows }) },
    ];
    if (!dryRun)
      frames.push({
        state: 'running',
        phase: 'write',
        progress: progress({ bytesRead: 1000, rowsRead: rows, rowsWritten: 1, etaSeconds: 3 }),
      });
    const end = progress({ bytesRead: 1000, rowsRead: rows, rowsWritten: dryRun ? 0 : rows });
    const clashes = mode === 'create' ? names.flatMap((x, i) => (this.existing.has(x) ? [i + 2] : [])) : [];
    if (clashes.length > 0)
      frames.push({
        state: 'failed',
        phase: null,
        progress: end,
        issues: clashes.map((line) => ({
          path: `/rows/${line}/name`,
          message: 'A record with the same key exists.',
          code: 'IMPORT_INVALID',
          details: { line, column: 'Name', field: 'name', cause: 'DUPLICATE_RECORD' },
        })),
      });
    else if (text.includes('bad'))
      frames.push({
        state: 'failed',
        phase: null,
        progress: end,
        issues: [
          {
            path: '/rows/3/amount',
            message: 'Enter a number.',
            code: 'IMPORT_INVALID',
            details: { line: 3, column: 'Amount', field: 'amount', cause: 'NOT_A_NUMBER' },
          },
        ],
      });
    else
      frames.push({
        state: 'done',
        phase: null,
        progress: end,
        report: {
          dryRun,
          mode,
          rows,
          created: rows - updated,
          updated,
          columns: [
            { header: 'Name', field: 'name' },
            { header: '金额', field: 'amount' },
            { header: 'Remark', field: null },
          ],
          ignoredColumns: ['Remark'],
          sample: [{ line: 2, cells: ['A', '1', 'x'] }],
          textEncoding: encoding
            ? { name: encoding, bom: false, source: 'chosen' }
            : { name: 'gbk', bom: false, source: 'detected' },
        },
      });
    this.jobs.set(id, { frames, at: 0, base, file });
    return base;
  }
}

/** What each test file holds (jsdom's File cannot be read back). */
const contents = new WeakMap<File, string>();
export const csv = (name: string, body: string) => {
  const file = new File([body], name, { type: 'text/csv' });
  contents.set(file, body);
  return file;
};
export const GOOD = 'Name,金额,Remark\nA,1,x\nB,2,y\n';
export const BAD = 'Name,金额,Remark\nA,1,x\nB,bad,y\n';

export function open(port: TransferPort, locale: Locale = 'en', of: Entity = entity) {
  const onImported = vi.fn();
  const onClose = vi.fn();
  const view = render(
    <I18nextProvider i18n={createI18n(locale, shellMessages)}>
      <ImportDialog entity={of} port={port} onImported={onImported} onClose={onClose} pollMs={1} />
    </I18nextProvider>,
  );
  const dialog = screen.getByRole('dialog');
  const choose = (file: File) =>
    fireEvent.change(dialog.querySelector('input[type=file]') as HTMLInputElement, {
      target: { files: [file] },
    });
  return { dialog, choose, onImported, onClose, unmount: view.unmount };
}
