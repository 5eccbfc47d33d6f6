// @vitest-environment jsdom

import { cleanup, fireEvent, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BAD, csv, GOOD, MemoryTransfer, open } from '../../../test/memory-transfer.js';

afterEach(cleanup);

describe('ImportDialog: checking a file and its encoding', () => {
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
});
