import { describe, expect, it } from 'vitest';
import { durationParts, percentDone, phaseKey } from './import-progress.js';
import type { ImportJob } from './transfer-api.js';

const job = (over: Partial<ImportJob>): ImportJob => ({
  id: 'j',
  appId: 'a',
  entityId: 'e',
  fileName: 'f.csv',
  mode: 'create',
  dryRun: true,
  state: 'running',
  phase: 'read',
  progress: {
    bytesTotal: 200,
    bytesRead: 50,
    rowsRead: 40,
    rowsWritten: 10,
    rowsPerSecond: null,
    etaSeconds: null,
  },
  report: null,
  issues: null,
  error: null,
  createdAt: '',
  startedAt: null,
  finishedAt: null,
  ...over,
});

describe('percentDone', () => {
  it('goes by the bytes read while reading or checking, by the rows written while writing', () => {
    expect(percentDone(job({ phase: 'read' }))).toBe(25);
    expect(percentDone(job({ phase: 'validate' }))).toBe(25);
    expect(percentDone(job({ phase: 'write' }))).toBe(25);
  });

  it('is unknown while queued or uploading, or before the size is known', () => {
    expect(percentDone(job({ state: 'queued', phase: null }))).toBeNull();
    expect(percentDone(job({ phase: 'upload' }))).toBeNull();
    const empty = job({});
    expect(percentDone({ ...empty, progress: { ...empty.progress, bytesTotal: 0 } })).toBeNull();
  });

  it('never passes 100', () => {
    const over = job({});
    expect(percentDone({ ...over, progress: { ...over.progress, bytesRead: 300 } })).toBe(100);
  });
});

describe('phaseKey', () => {
  it('names a queued job as waiting, whatever its phase says', () => {
    expect(phaseKey(job({ state: 'queued', phase: null }))).toBe('transfer.phaseQueued');
    expect(phaseKey(job({ state: 'queued', phase: 'upload' }))).toBe('transfer.phaseQueued');
    expect(phaseKey(job({ phase: 'validate' }))).toBe('transfer.phaseValidate');
    expect(phaseKey(job({ phase: 'write' }))).toBe('transfer.phaseWrite');
  });
});

describe('durationParts', () => {
  it('says seconds, minutes and seconds, or hours and minutes, rounding up to at least 1 s', () => {
    expect(durationParts(0.2)).toEqual({ key: 'transfer.seconds', values: { s: 1 } });
    expect(durationParts(59.5)).toEqual({ key: 'transfer.minutes', values: { m: 1, s: 0 } });
    expect(durationParts(65)).toEqual({ key: 'transfer.minutes', values: { m: 1, s: 5 } });
    expect(durationParts(7380)).toEqual({ key: 'transfer.hours', values: { h: 2, m: 3 } });
  });
});
