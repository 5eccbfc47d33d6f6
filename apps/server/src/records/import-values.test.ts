import type { Entity, Field } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { coerceCell, exportCell, type Lookups, planColumns, wallClock } from './import-values.js';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const lookups: Lookups = {
  references: new Map([
    [
      'account',
      new Map([
        ['acme', 'a1'],
        ['a1', 'a1'],
        ['twin', null],
      ]),
    ],
  ]),
  users: new Map([['rep@x.test', 'u1']]),
  orgUnits: new Map([['east', 'o1']]),
};
const ctx = { locale: 'en' as const, timeZone: 'Asia/Shanghai', lookups };
const f = (field: Record<string, unknown>) => ({ id: 'f', label: L('字段', 'Field'), ...field }) as Field;
const value = (field: Field, cell: string | number | boolean | Date) => {
  const r = coerceCell(field, cell, ctx);
  return r.ok ? r.value : `error: ${r.message}`;
};

describe('coerceCell', () => {
  it('reads numbers with separators, currency signs and percent', () => {
    const n = f({ type: 'currency' });
    expect(value(n, '¥1,234.50')).toBe(1234.5);
    expect(value(n, ' -12 ')).toBe(-12);
    expect(value(n, 7)).toBe(7);
    expect(value(f({ type: 'percent' }), '12.5%')).toBe(12.5);
    expect(value(n, 'twelve')).toBe('error: Expected a number.');
    expect(value(n, '1.2.3')).toMatch(/^error/);
  });

  it('reads dates in common spellings and refuses impossible ones', () => {
    const d = f({ type: 'date' });
    expect(value(d, '2026/4/1')).toBe('2026-04-01');
    expect(value(d, '2026年4月1日')).toBe('2026-04-01');
    expect(value(d, new Date(Date.UTC(2026, 3, 1)))).toBe('2026-04-01');
    expect(value(d, '2026-02-30')).toMatch(/^error/);
    expect(value(d, '01/04/2026')).toMatch(/^error/);
  });

  it('reads a wall-clock date-time in the workspace zone, and an explicit offset as given', () => {
    const t = f({ type: 'datetime' });
    expect(value(t, '2026-03-31 14:30')).toBe('2026-03-31T06:30:00.000Z');
    expect(value(t, '2026-03-31T14:30:00Z')).toBe('2026-03-31T14:30:00.000Z');
    expect(coerceCell(t, '2026-07-01 09:00', { ...ctx, timeZone: 'America/New_York' })).toEqual({
      ok: true,
      value: '2026-07-01T13:00:00.000Z',
    });
    expect(value(t, '2026-03-31 25:00')).toMatch(/^error/);
  });

  it('reads options by id or label in either language, and several of them', () => {
    const options = [
      { id: 'red', label: L('红', 'Red') },
      { id: 'blue', label: L('蓝', 'Blue') },
    ];
    expect(value(f({ type: 'single_select', options }), '蓝')).toBe('blue');
    expect(value(f({ type: 'single_select', options }), ' RED ')).toBe('red');
    expect(value(f({ type: 'multi_select', options }), 'Red; 蓝；red')).toEqual(['red', 'blue']);
    expect(value(f({ type: 'multi_select', options }), 'Red; Green')).toBe(
      'error: Not one of the options: Green',
    );
  });

  it('finds references by title or id and refuses an ambiguous title', () => {
    const ref = f({ id: 'account', type: 'reference', entity: 'account' });
    expect(value(ref, 'ACME')).toBe('a1');
    expect(value(ref, 'a1')).toBe('a1');
    expect(value(ref, 'Twin')).toMatch(/Several records/);
    expect(value(ref, 'Nobody')).toMatch(/No record/);
    expect(value(f({ type: 'user' }), 'Rep@x.test')).toBe('u1');
    expect(value(f({ type: 'org_unit' }), 'East')).toBe('o1');
  });

  it('reads booleans, points, line items and strips the formula guard of an export', () => {
    const b = f({ type: 'boolean' });
    expect([value(b, '是'), value(b, 'no'), value(b, true), value(b, 'maybe')]).toEqual([
      true,
      false,
      true,
      'error: Expected yes or no.',
    ]);
    expect(value(f({ type: 'geo_point' }), '31.23, 121.47')).toEqual({ lat: 31.23, lng: 121.47 });
    expect(value(f({ type: 'subtable', fields: [] }), '[{"qty":1}]')).toEqual([{ qty: 1 }]);
    expect(value(f({ type: 'text' }), "'=SUM(A1)")).toBe('=SUM(A1)');
    expect(value(f({ type: 'text' }), 13800138000)).toBe('13800138000');
  });
});

describe('planColumns', () => {
  const entity = {
    id: 'deal',
    label: L('商机', 'Deal'),
    fields: [
      f({ id: 'title', type: 'text', label: L('标题', 'Title') }),
      f({ id: 'code', type: 'auto_number', label: L('编号', 'Code') }),
      f({ id: 'margin', type: 'number', label: L('毛利', 'Margin') }),
      f({ id: 'score', type: 'number', label: L('评分', 'Score') }),
    ],
  } as Entity;

  it('maps headers by label or id, and reports what it ignores and why', () => {
    const plan = planColumns(
      ['标题', 'Code', 'Margin', 'score', 'Owner', 'Mystery', 'title'],
      entity,
      new Set(['title', 'code', 'score']),
      new Set(['title', 'code', 'score']),
      { ownerColumn: false },
    );
    expect(plan.columns.map((c) => [c.header, c.field?.id])).toEqual([
      ['标题', 'title'],
      ['score', 'score'],
      ['title', 'title'],
    ]);
    // A field the user may not see reads as unknown, not as a field they cannot write.
    expect(plan.ignored).toEqual([
      { header: 'Code', reason: 'read_only' },
      { header: 'Margin', reason: 'unknown' },
      { header: 'Owner', reason: 'system' },
      { header: 'Mystery', reason: 'unknown' },
    ]);
    expect(plan.duplicates).toEqual([{ header: 'title', field: 'title' }]);
  });
});

describe('exportCell', () => {
  it('writes labels in the reader language and what import reads back', () => {
    const context = {
      locale: 'zh-CN' as const,
      titles: new Map(),
      users: new Map([['u1', 'rep@x.test']]),
      orgUnits: new Map(),
    };
    const options = [{ id: 'red', label: L('红', 'Red') }];
    expect(exportCell(f({ type: 'multi_select', options }), ['red'], context)).toBe('红');
    expect(exportCell(f({ type: 'boolean' }), false, context)).toBe('否');
    expect(exportCell(f({ type: 'user' }), 'u1', context)).toBe('rep@x.test');
    expect(exportCell(f({ type: 'geo_point' }), { lat: 1, lng: 2 }, context)).toBe('1, 2');
    expect(exportCell(f({ type: 'text' }), null, context)).toBeNull();
  });

  it('shows files by name, in file fields and inside subtable rows, never by id', () => {
    const context = { locale: 'en' as const, titles: new Map(), users: new Map(), orgUnits: new Map() };
    const file = (id: string, name: string) => ({ id, name, size: 3, mime: 'image/png', sha256: 'x' });
    expect(
      exportCell(f({ type: 'image' }), [file('att1', 'door.png'), file('att2', 'shelf.png')], context),
    ).toBe('door.png; shelf.png');
    const lines = f({
      type: 'subtable',
      fields: [
        { id: 'sku', type: 'text', label: L('SKU', 'SKU') },
        { id: 'photo', type: 'image', label: L('照片', 'Photo') },
      ],
    });
    const cell = exportCell(lines, [{ id: 'r1', sku: 'A-1', photo: [file('att3', 'a1.png')] }], context);
    expect(JSON.parse(String(cell))).toEqual([{ id: 'r1', sku: 'A-1', photo: ['a1.png'] }]);
    expect(String(cell)).not.toContain('att3');
  });
});

describe('wallClock', () => {
  const iso = (d: Date | null) => d?.toISOString().replace('T', ' ').replace('Z', '');
  it('reads an instant on the zone clock, across a daylight-saving change, to the millisecond', () => {
    const ny = 'America/New_York';
    expect(iso(wallClock('2026-03-08T06:59:59.999Z', 'datetime', ny))).toBe('2026-03-08 01:59:59.999');
    expect(iso(wallClock('2026-03-08T07:00:00.000Z', 'datetime', ny))).toBe('2026-03-08 03:00:00.000');
    expect(iso(wallClock('2026-11-01T05:30:00.000Z', 'datetime', ny))).toBe('2026-11-01 01:30:00.000');
    expect(iso(wallClock('2026-11-01T06:30:00.000Z', 'datetime', ny))).toBe('2026-11-01 01:30:00.000');
    expect(iso(wallClock('2026-03-31T06:30:00Z', 'datetime', 'Asia/Kathmandu'))).toBe(
      '2026-03-31 12:15:00.000',
    );
  });

  it('keeps a date the same date in any zone, and refuses what is neither', () => {
    expect(iso(wallClock('2026-04-01', 'date', 'Pacific/Kiritimati'))).toBe('2026-04-01 00:00:00.000');
    expect(wallClock('2026-04-01T10:00:00Z', 'date', 'UTC')).toBeNull();
    expect(wallClock('soon', 'datetime', 'UTC')).toBeNull();
    expect(wallClock(7, 'datetime', 'UTC')).toBeNull();
  });
});
