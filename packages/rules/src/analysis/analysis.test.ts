import type { FieldType } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { fieldsRead } from './fields-read.js';
import { typeCheck } from './type-check.js';

const fields: Record<string, FieldType> = {
  amount: 'currency',
  closeDate: 'date',
  name: 'text',
  tags: 'multi_select',
  won: 'boolean',
  items: 'subtable',
};

describe('fieldsRead', () => {
  it('lists record fields read by var, missing, changed and iteration lists, not iteration bodies', () => {
    const rule = {
      and: [
        { '>': [{ var: 'amount' }, 500000] },
        { '!': { missing: ['customer', 'budget.range'] } },
        { changed: 'stage' },
        { all: [{ var: 'items' }, { '>': [{ var: 'qty' }, 0] }] },
        { '<': [{ var: ['closeDate', null] }, { today: [] }] },
      ],
    };
    expect(fieldsRead(rule)).toEqual(['amount', 'budget', 'closeDate', 'customer', 'items', 'stage']);
  });

  it('survives a hostile rule nested far beyond the limits', () => {
    let rule: unknown = { var: 'deep' };
    for (let i = 0; i < 200_000; i++) rule = { '!': [rule] };
    expect(fieldsRead(rule)).toEqual(['deep']);
  });

  it('reports a computed var path as *', () => {
    expect(fieldsRead({ var: { cat: ['a', { var: 'b' }] } })).toEqual(['*', 'b']);
  });
});

describe('typeCheck', () => {
  it('accepts well-typed rules, including system fields and date literals', () => {
    expect(
      typeCheck(
        {
          and: [
            { '>': [{ var: 'amount' }, 500000] },
            { '<': [{ var: 'closeDate' }, '2026-12-31'] },
            { '==': [{ var: 'stage' }, 'won'] },
          ],
        },
        fields,
      ),
    ).toEqual([]);
    expect(typeCheck({ '>=': [{ days_between: [{ var: 'createdAt' }, { today: [] }] }, 3] }, fields)).toEqual(
      [],
    );
  });

  it('reports an unknown field at the var path', () => {
    expect(
      typeCheck({ and: [true, { '>': [{ var: 'amout' }, 1] }] }, fields, '/validationRules/0/assert'),
    ).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_FIELD', path: '/validationRules/0/assert/and/1/>/0/var' }),
    ]);
  });

  it('reports comparing a date with a text and arithmetic on text', () => {
    expect(typeCheck({ '<': [{ var: 'closeDate' }, { var: 'name' }] }, fields)).toEqual([
      expect.objectContaining({ code: 'RULE_TYPE_ERROR', path: '/<' }),
    ]);
    expect(typeCheck({ '<': [{ var: 'closeDate' }, 'next week'] }, fields)).toEqual([
      expect.objectContaining({ code: 'RULE_TYPE_ERROR' }),
    ]);
    expect(typeCheck({ '+': [{ var: 'name' }, 1] }, fields)).toEqual([
      expect.objectContaining({ code: 'RULE_TYPE_ERROR', path: '/+/0' }),
    ]);
    expect(typeCheck({ days_between: [{ var: 'amount' }, { today: [] }] }, fields)).toEqual([
      expect.objectContaining({ code: 'RULE_TYPE_ERROR', path: '/days_between/0' }),
    ]);
    expect(typeCheck({ some: [{ var: 'amount' }, true] }, fields)).toEqual([
      expect.objectContaining({ path: '/some/0' }),
    ]);
  });

  it('writes messages in the requested language', () => {
    expect(typeCheck({ '+': [{ var: 'name' }, 1] }, fields, '', 'zh-CN')[0]?.message).toBe(
      '「+」需要数字，而不是文本。',
    );
    expect(typeCheck({ '<': [{ var: 'closeDate' }, { var: 'name' }] }, fields)[0]?.message).toBe(
      '"<" compares a date with a text.',
    );
  });

  it('returns syntax issues first', () => {
    expect(typeCheck({ nope: [] }, fields)).toEqual([
      expect.objectContaining({ code: 'RULE_UNKNOWN_OPERATOR', path: '' }),
    ]);
  });
});
