import { describe, expect, it } from 'vitest';
import { filenameOf } from './http.js';

describe('filenameOf', () => {
  it('reads the quoted and the bare file name', () => {
    expect(filenameOf('attachment; filename="deal-2026-11-22.csv"')).toBe('deal-2026-11-22.csv');
    expect(filenameOf('attachment; filename=deal.xlsx')).toBe('deal.xlsx');
  });

  it('prefers the UTF-8 name of filename*', () => {
    expect(filenameOf(`attachment; filename="deal.csv"; filename*=UTF-8''%E5%95%86%E6%9C%BA.csv`)).toBe(
      '商机.csv',
    );
  });

  it('is null without a header or a name', () => {
    expect(filenameOf(null)).toBeNull();
    expect(filenameOf('attachment')).toBeNull();
  });
});
