import { describe, expect, it } from 'vitest';
import { exportQuery, sheetTypeOf } from './transfer-api.js';

describe('exportQuery', () => {
  it('spells the list query as GET …/records takes it: filter as JSON, sort as a,-b, search', () => {
    const q = new URLSearchParams(
      exportQuery('csv', {
        filter: { '==': [{ var: 'tier' }, 'a'] },
        sort: [
          { field: 'amount', direction: 'desc' },
          { field: 'name', direction: 'asc' },
        ],
        search: '华东 采购',
      }),
    );
    expect(Object.fromEntries(q)).toEqual({
      format: 'csv',
      filter: '{"==":[{"var":"tier"},"a"]}',
      sort: '-amount,name',
      search: '华东 采购',
    });
  });

  it('leaves out what the list does not restrict', () => {
    expect(exportQuery('xlsx', { sort: [] })).toBe('format=xlsx');
  });

  it('asks for the blank template', () => {
    expect(exportQuery('csv', 'template')).toBe('format=csv&template=1');
  });
});

describe('sheetTypeOf', () => {
  it('decides the content type by extension, whatever the browser guessed', () => {
    expect(sheetTypeOf('Deals 2026.CSV')).toBe('text/csv');
    expect(sheetTypeOf('deals.xlsx')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(sheetTypeOf('deals.xls')).toBeNull();
    // Excel's "Unicode text" is a tab-separated .txt the server reads as CSV.
    expect(sheetTypeOf('deals.txt')).toBe('text/csv');
  });
});
