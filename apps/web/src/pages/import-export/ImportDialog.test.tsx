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
import type { ImportReport, TransferPort } from './transfer-api.js';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const entity = {
  id: 'deal',
  label: L('商机', 'Deal'),
  fields: [
    { id: 'name', type: 'text', label: L('名称', 'Name') },
    { id: 'amount', type: 'currency', label: L('金额', 'Amount') },
  ],
} as unknown as Entity;

/** An in-memory server: a file whose text contains "bad" is refused at line 3, column Amount. */
class MemoryTransfer implements TransferPort {
  calls: { name: string; dryRun: boolean; encoding?: TextEncoding | undefined }[] = [];
  created = 0;
  async exportFile() {
    return { ok: true as const, value: { blob: new Blob(['name,amount\n']), filename: 'deal.csv' } };
  }
  async importFile(
    _entity: string,
    file: File,
    dryRun: boolean,
    encoding?: TextEncoding,
  ): Promise<ApiResult<ImportReport>> {
    this.calls.push({ name: file.name, dryRun, encoding });
    const text = contents.get(file) ?? '';
    const rows = text.trim().split('\n').length - 1;
    if (text.includes('bad'))
      return {
        ok: false,
        error: {
          status: 422,
          code: 'IMPORT_INVALID',
          message: 'Invalid rows; nothing was imported.',
          details: [
            {
              path: '/rows/3/amount',
              message: 'Enter a number.',
              code: 'IMPORT_INVALID',
              details: { line: 3, column: 'Amount', field: 'amount', cause: 'NOT_A_NUMBER' },
            },
          ],
        },
      };
    if (!dryRun) this.created += rows;
    return {
      ok: true,
      value: {
        dryRun,
        mode: 'create',
        rows,
        created: dryRun ? 0 : rows,
        updated: 0,
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
    };
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

function open(port: TransferPort, locale: Locale = 'en') {
  const onImported = vi.fn();
  const onClose = vi.fn();
  render(
    <I18nextProvider i18n={createI18n(locale, shellMessages)}>
      <ImportDialog entity={entity} port={port} onImported={onImported} onClose={onClose} />
    </I18nextProvider>,
  );
  const dialog = screen.getByRole('dialog');
  const choose = (file: File) =>
    fireEvent.change(dialog.querySelector('input[type=file]') as HTMLInputElement, {
      target: { files: [file] },
    });
  return { dialog, choose, onImported, onClose };
}

afterEach(cleanup);

describe('ImportDialog', () => {
  it('checks a chosen file at once and shows rows, mapped and ignored columns', async () => {
    const port = new MemoryTransfer();
    const { dialog, choose } = open(port);
    choose(csv('deals.csv', GOOD));
    await waitFor(() => expect(within(dialog).getByText('2 rows found')).toBeTruthy());
    expect(port.calls).toEqual([{ name: 'deals.csv', dryRun: true }]);
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
    expect(port.calls.map((c) => c.dryRun)).toEqual([true, true, false]);
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
    expect(port.calls).toEqual([]);
  });

  it('shows a refusal of the whole file (403) with the server message', async () => {
    const port = new MemoryTransfer();
    port.importFile = async () => ({
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
    expect(port.calls).toEqual([
      { name: 'deals.csv', dryRun: true },
      { name: 'deals.csv', dryRun: true, encoding: 'utf-16le' },
      { name: 'deals.csv', dryRun: false, encoding: 'utf-16le' },
    ]);
    // A new file is detected afresh.
    choose(csv('more.csv', GOOD));
    await waitFor(() => expect(within(dialog).getByText('File encoding: GBK (detected)')).toBeTruthy());
    expect(port.calls.at(-1)).toEqual({ name: 'more.csv', dryRun: true });
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
});
