// @vitest-environment jsdom

import type { Entity } from '@stagecraft/schema';
import { cleanup, fireEvent, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { csv, entity, GOOD, keyed, MemoryTransfer, open } from '../../../test/memory-transfer.js';

afterEach(cleanup);

describe('ImportDialog: jobs, cancel and upsert', () => {
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
