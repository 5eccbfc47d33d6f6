// @vitest-environment jsdom

import type { TextEncoding } from '@stagecraft/contract';
import type { ApiResult } from '@stagecraft/renderer';
import { createI18n } from '@stagecraft/renderer';
import type { Entity, Locale } from '@stagecraft/schema';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { shellMessages } from '../../i18n/shell-messages.js';
import { ImportDialog } from './ImportDialog.js';
import type { ImportJob, ImportMode, ImportOptions, TransferPort } from './transfer-api.js';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const entity = {
  id: 'deal',
  label: L('商机', 'Deal'),
  fields: [
    { id: 'name', type: 'text', label: L('名称', 'Name') },
    { id: 'amount', type: 'currency', label: L('金额', 'Amount') },
  ],
} as unknown as Entity;
/** The same entity with a dedupe key: rows may update the records they match. */
const keyed = { ...entity, dedupeKeys: [['name', 'amount']] } as unknown as Entity;

/** One answer of the memory server's job: its state, phase and progress at that poll. */
type Frame = Pick<ImportJob, 'state' | 'phase' | 'progress'> & Partial<ImportJob>;

const progress = (p: Partial<ImportJob['progress']> = {}): ImportJob['progress'] => ({
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
class MemoryTransfer implements TransferPort {
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
const csv = (name: string, body: string) => {
  const file = new File([body], name, { type: 'text/csv' });
  contents.set(file, body);
  return file;
};
const GOOD = 'Name,金额,Remark\nA,1,x\nB,2,y\n';
const BAD = 'Name,金额,Remark\nA,1,x\nB,bad,y\n';

function open(port: TransferPort, locale: Locale = 'en', of: Entity = entity) {
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

afterEach(cleanup);

describe('ImportDialog', () => {
  it('checks a chosen file at once and shows rows, mapped and ignored columns', async () => {
    const port = new MemoryTransfer();
    const { dialog, choose } = open(port);
    choose(csv('deals.csv', GOOD));
    await waitFor(() => expect(within(dialog).getByText('2 rows found')).toBeTruthy());
    expect(port.starts).toEqual([{ name: 'deals.csv', dryRun: true, mode: 'create' }]);
    const mapping = within(dialog).getByTestId('import-summary');
    expect(mapping.querySelector('[data-field="amount"]')?.textContent).toBe('金额→ Amount');
    expect(within(dialog).getByTestId('import-ignored').textContent).toContain('Remark');
    // The first rows as read, mapped columns only.
    const sample = within(dialog).getByTestId('import-sample');
    expect([...sample.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual(['2', 'A', '1']);
    expect(within(dialog).getByRole('button', { name: 'Import 2 records' })).toBeTruthy();
  });

  it('lists refused cells by line and column, imports nothing, and keeps the file for a retry', async () => {
    const port = new MemoryTransfer();
    const { dialog, choose, onImported } = open(port);
    choose(csv('deals.csv', BAD));
    await waitFor(() => expect(within(dialog).getByTestId('import-errors')).toBeTruthy());
    const row = within(dialog).getByTestId('import-errors').querySelector('tbody tr') as HTMLElement;
    expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      '3',
      'Amount',
      'Enter a number.',
    ]);
    expect(within(dialog).getByRole('alert').textContent).toContain('Nothing was imported');
    expect(within(dialog).queryByTestId('import-confirm')).toBeNull();
    // The same bytes would be refused again: the way on is the fixed file, chosen again.
    expect(within(dialog).queryByRole('button', { name: 'Check again' })).toBeNull();
    expect(within(dialog).getByTestId('import-file').textContent).toBe('deals.csv');
    expect(port.created).toBe(0);
    expect(onImported).not.toHaveBeenCalled();
    // The fixed file, chosen again, passes and imports.
    choose(csv('deals.csv', GOOD));
    await waitFor(() => expect(within(dialog).getByTestId('import-confirm')).toBeTruthy());
    fireEvent.click(within(dialog).getByTestId('import-confirm'));
    await waitFor(() => expect(within(dialog).getByRole('status').textContent).toBe('2 records imported.'));
    expect(port.starts.map((c) => c.dryRun)).toEqual([true, true, false]);
    expect(port.created).toBe(2);
    expect(onImported).toHaveBeenCalledTimes(1);
    expect(within(dialog).queryByTestId('import-confirm')).toBeNull();
  });

  it('refuses a file that is neither .csv, .txt nor .xlsx without sending it', async () => {
    const port = new MemoryTransfer();
    const { dialog, choose } = open(port);
    choose(new File(['x'], 'notes.pdf', { type: 'application/pdf' }));
    await waitFor(() =>
      expect(within(dialog).getByText('notes.pdf is not a .csv, .txt or .xlsx file.')).toBeTruthy(),
    );
    expect(port.starts).toEqual([]);
  });

  it('shows a refusal of the whole file (403) with the server message', async () => {
    const port = new MemoryTransfer();
    port.startImport = async () => ({
      ok: false,
      error: { status: 403, code: 'FORBIDDEN', message: 'You may not create these records.', details: [] },
    });
    const { dialog, choose } = open(port);
    choose(csv('deals.csv', GOOD));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert').textContent).toBe(
        'Could not import: You may not create these records.',
      ),
    );
    expect(within(dialog).getByRole('button', { name: 'Check again' })).toBeTruthy();
  });

  it('speaks Chinese', async () => {
    const port = new MemoryTransfer();
    const { dialog, choose } = open(port, 'zh-CN');
    expect(within(dialog).getByRole('heading').textContent).toBe('导入商机');
    choose(csv('deals.csv', GOOD));
    await waitFor(() => expect(within(dialog).getByText('共 2 行数据')).toBeTruthy());
    expect(within(dialog).getByTestId('import-confirm').textContent).toBe('导入 2 条记录');
  });

  it('shows the detected encoding, checks again in the chosen one, and imports in it', async () => {
    const port = new MemoryTransfer();
    const { dialog, choose } = open(port);
    choose(csv('deals.csv', GOOD));
    await waitFor(() => expect(within(dialog).getByText('File encoding: GBK (detected)')).toBeTruthy());
    const select = within(dialog).getByLabelText('Change the file encoding') as HTMLSelectElement;
    expect(select.value).toBe('auto');
    fireEvent.change(select, { target: { value: 'utf-16le' } });
    await waitFor(() => expect(within(dialog).getByText('File encoding: UTF-16LE (chosen)')).toBeTruthy());
    fireEvent.click(within(dialog).getByTestId('import-confirm'));
    await waitFor(() => expect(within(dialog).getByRole('status').textContent).toBe('2 records imported.'));
    expect(port.starts).toEqual([
      { name: 'deals.csv', dryRun: true, mode: 'create' },
      { name: 'deals.csv', dryRun: true, mode: 'create', encoding: 'utf-16le' },
      { name: 'deals.csv', dryRun: false, mode: 'create', encoding: 'utf-16le' },
    ]);
    // A new file is detected afresh.
    choose(csv('more.csv', GOOD));
    await waitFor(() => expect(within(dialog).getByText('File encoding: GBK (detected)')).toBeTruthy());
    expect(port.starts.at(-1)).toEqual({ name: 'more.csv', dryRun: true, mode: 'create' });
  });

  it('offers the encoding after a failed check too, and says it in Chinese', async () => {
    const port = new MemoryTransfer();
    const { dialog, choose } = open(port, 'zh-CN');
    choose(csv('deals.csv', BAD));
    await waitFor(() => expect(within(dialog).getByTestId('import-errors')).toBeTruthy());
    expect(within(dialog).getByLabelText('更改文件编码')).toBeTruthy();
    choose(csv('deals.csv', GOOD));
    await waitFor(() => expect(within(dialog).getByText('文件编码：GBK（自动识别）')).toBeTruthy());
  });

  it('has no encoding choice for an Excel workbook', async () => {
    const port = new MemoryTransfer();
    const { dialog, choose } = open(port);
    choose(csv('deals.xlsx', GOOD));
    await waitFor(() => expect(within(dialog).getByText('2 rows found')).toBeTruthy());
    expect(within(dialog).queryByTestId('import-encoding')).toBeNull();
  });

  it('shows a running check as a progress bar with phase, rows, rate and time left', async () => {
    const port = new MemoryTransfer();
    port.hold = true;
    const { dialog, choose } = open(port);
    choose(csv('deals.csv', GOOD));
    const bar = await within(dialog).findByRole('progressbar', { name: 'Import progress' });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('50'));
    expect(bar.getAttribute('aria-valuetext')).toBe('Reading… 50%');
    const shown = within(dialog).getByTestId('import-progress');
    expect(shown.textContent).toContain('1 row read · 1,201 rows/s · about 1 min 5 s left');
    // Nothing to import yet, and the dialog stays open while the job runs.
    expect(within(dialog).queryByTestId('import-confirm')).toBeNull();
    expect((within(dialog).getByRole('button', { name: 'Close' }) as HTMLButtonElement).disabled).toBe(true);
    port.hold = false;
    await waitFor(() => expect(within(dialog).getByText('2 rows found')).toBeTruthy());
    expect(within(dialog).queryByRole('progressbar')).toBeNull();
  });

  it('shows the import writing, then what it wrote, and reloads the list once', async () => {
    const port = new MemoryTransfer();
    const { dialog, choose, onImported } = open(port);
    choose(csv('deals.csv', GOOD));
    await waitFor(() => expect(within(dialog).getByTestId('import-confirm')).toBeTruthy());
    port.hold = true;
    fireEvent.click(within(dialog).getByTestId('import-confirm'));
    const bar = await within(dialog).findByRole('progressbar');
    // The summary of the dry run stays in view, its import button disabled while the job runs.
    expect(within(dialog).getByText('2 rows found')).toBeTruthy();
    expect((within(dialog).getByTestId('import-confirm') as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('50'));
    port.hold = false;
    await waitFor(() => expect(within(dialog).getByRole('status').textContent).toBe('2 records imported.'));
    expect(port.created).toBe(2);
    expect(onImported).toHaveBeenCalledTimes(1);
  });

  it('cancels a running import: nothing is written and the list does not reload', async () => {
    const port = new MemoryTransfer();
    const { dialog, choose, onImported } = open(port);
    choose(csv('deals.csv', GOOD));
    await waitFor(() => expect(within(dialog).getByTestId('import-confirm')).toBeTruthy());
    port.hold = true;
    fireEvent.click(within(dialog).getByTestId('import-confirm'));
    await waitFor(() =>
      expect(within(dialog).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50'),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(within(dialog).getByTestId('import-cancelled').textContent).toBe(
        'Import cancelled. Nothing was written.',
      ),
    );
    const polled = port.polls;
    port.hold = false;
    expect(port.cancels).toBe(1);
    expect(port.created).toBe(0);
    expect(onImported).not.toHaveBeenCalled();
    expect(within(dialog).queryByRole('progressbar')).toBeNull();
    expect(within(dialog).queryByRole('button', { name: 'Cancel' })).toBeNull();
    // The clean dry run still stands: its import can be started again, and runs to the end.
    fireEvent.click(within(dialog).getByTestId('import-confirm'));
    await waitFor(() => expect(within(dialog).getByRole('status').textContent).toBe('2 records imported.'));
    expect(port.polls).toBeGreaterThan(polled);
    expect(port.starts.map((c) => c.dryRun)).toEqual([true, false, false]);
    expect(port.created).toBe(2);
    expect(onImported).toHaveBeenCalledTimes(1);
  });

  it('cancels a running check, and offers no import for it', async () => {
    const port = new MemoryTransfer();
    port.hold = true;
    const { dialog, choose } = open(port, 'zh-CN');
    choose(csv('deals.csv', GOOD));
    await waitFor(() => expect(within(dialog).getByText('读取中…')).toBeTruthy());
    fireEvent.click(within(dialog).getByRole('button', { name: '取消' }));
    await waitFor(() =>
      expect(within(dialog).getByTestId('import-cancelled').textContent).toBe(
        '已取消导入，没有写入任何数据。',
      ),
    );
    expect(within(dialog).queryByTestId('import-confirm')).toBeNull();
    expect((within(dialog).getByRole('button', { name: '关闭' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('offers an upsert by the dedupe key, checks again with it, and counts added and updated', async () => {
    const port = new MemoryTransfer();
    port.existing.add('A');
    const { dialog, choose } = open(port, 'en', keyed);
    const upsert = within(dialog).getByLabelText(
      'Update existing records matched by the dedupe key (Name + Amount)',
    ) as HTMLInputElement;
    expect((within(dialog).getByLabelText('Only add new records') as HTMLInputElement).checked).toBe(true);
    choose(csv('deals.csv', GOOD));
    // Create mode refuses the row whose key exists, at its line, and points at the upsert.
    await waitFor(() => expect(within(dialog).getByTestId('import-errors')).toBeTruthy());
    const refused = within(dialog).getByTestId('import-errors').querySelectorAll('tbody tr');
    expect([...refused].map((r) => r.getAttribute('data-line'))).toEqual(['2']);
    expect(within(dialog).getByTestId('import-duplicate-hint').textContent).toBe(
      'Rows that match a stored record are refused. To update those records instead, choose “Update existing records matched by the dedupe key (Name + Amount)” above.',
    );
    fireEvent.click(upsert);
    await waitFor(() =>
      expect(within(dialog).getByTestId('import-counts').textContent?.trim()).toBe(
        'Will add 1 and update 1.',
      ),
    );
    fireEvent.click(within(dialog).getByTestId('import-confirm'));
    await waitFor(() =>
      expect(within(dialog).getByRole('status').textContent).toBe('Imported: 1 added, 1 updated.'),
    );
    expect(port.starts.map((c) => [c.dryRun, c.mode])).toEqual([
      [true, 'create'],
      [true, 'upsert'],
      [false, 'upsert'],
    ]);
    expect([port.created, port.updated]).toEqual([1, 1]);
  });

  it('says nothing of adds and updates when the dry run did not count them', async () => {
    const port = new MemoryTransfer();
    const counted = port.importJob.bind(port);
    port.importJob = async (id) => {
      const r = await counted(id);
      if (r.ok && r.value.report) r.value.report = { ...r.value.report, created: 0, updated: 0 };
      return r;
    };
    port.existing.add('A');
    const { dialog, choose } = open(port, 'en', keyed);
    fireEvent.click(within(dialog).getByLabelText(/^Update existing records/));
    choose(csv('deals.csv', GOOD));
    await waitFor(() => expect(within(dialog).getByTestId('import-confirm')).toBeTruthy());
    expect(port.starts.at(-1)?.mode).toBe('upsert');
    expect(within(dialog).queryByTestId('import-counts')).toBeNull();
  });

  it('offers no upsert when the entity has no dedupe key nor unique field', () => {
    const { dialog } = open(new MemoryTransfer());
    expect(within(dialog).queryByTestId('import-mode')).toBeNull();
  });

  it('names a unique field as the key when the entity has no dedupe key, in Chinese', () => {
    const unique = {
      ...entity,
      fields: [entity.fields[0], { ...entity.fields[1], unique: true }],
    } as unknown as Entity;
    const { dialog } = open(new MemoryTransfer(), 'zh-CN', unique);
    expect(within(dialog).getByTestId('import-mode').textContent).toBe(
      '与已有记录重复的行仅新增记录按去重键更新已有记录（金额）',
    );
  });

  it('rides out failed polls, then says what to do when the server stays out of reach', async () => {
    const port = new MemoryTransfer();
    const { dialog, choose } = open(port);
    // Two failures in a row are retried without a word.
    port.failPolls = 2;
    choose(csv('deals.csv', GOOD));
    await waitFor(() => expect(within(dialog).getByText('2 rows found')).toBeTruthy());
    expect(within(dialog).queryByRole('alert')).toBeNull();
    // Four are not: the job may still run, and the user can follow it again.
    port.failPolls = 4;
    fireEvent.click(within(dialog).getByTestId('import-confirm'));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe(
      'Lost contact with the server (Failed to fetch). The import may still be running there. Check your connection, then follow it again.',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Follow the import again' }));
    await waitFor(() => expect(within(dialog).getByRole('status').textContent).toBe('2 records imported.'));
  });

  it('shows the phase, rows and time left in Chinese, with Chinese number formatting', async () => {
    const port = new MemoryTransfer();
    port.hold = true;
    const { dialog, choose } = open(port, 'zh-CN');
    choose(csv('deals.csv', GOOD));
    await waitFor(() =>
      expect(within(dialog).getByTestId('import-progress').textContent).toBe(
        '读取中…50%已读取 1 行 · 每秒 1,201 行 · 约剩 1 分 5 秒',
      ),
    );
    expect(within(dialog).getByRole('button', { name: '取消' })).toBeTruthy();
    expect(within(dialog).getByRole('progressbar', { name: '导入进度' })).toBeTruthy();
  });

  it('stops polling when the dialog closes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const port = new MemoryTransfer();
      port.hold = true;
      const { choose, unmount } = open(port);
      choose(csv('deals.csv', GOOD));
      await vi.advanceTimersByTimeAsync(5);
      expect(port.polls).toBeGreaterThan(0);
      unmount();
      const polled = port.polls;
      expect(vi.getTimerCount()).toBe(0);
      await vi.advanceTimersByTimeAsync(5_000);
      expect(port.polls).toBe(polled);
    } finally {
      vi.useRealTimers();
    }
  });
});
