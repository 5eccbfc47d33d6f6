import type { Entity } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { isLookupField, titleFieldOf } from './title-field.js';

const label = { en: 'x', 'zh-CN': 'x' };
const entity = (titleField?: string): Entity => ({
  id: 'visit',
  label,
  ...(titleField ? { titleField } : {}),
  fields: [
    { id: 'amount', type: 'number', label },
    { id: 'note', type: 'text', label },
    { id: 'store', type: 'reference', entity: 'store', label },
  ],
});

describe('titleFieldOf', () => {
  it('takes the display field, else the title field, else the first text field', () => {
    expect(titleFieldOf(entity('store'), 'amount')?.id).toBe('amount');
    expect(titleFieldOf(entity('store'))?.id).toBe('store');
    expect(titleFieldOf(entity())?.id).toBe('note');
  });
  it('names nothing by a system field or for a missing entity', () => {
    expect(titleFieldOf(entity('id'))).toBeNull();
    expect(titleFieldOf(undefined)).toBeNull();
  });
  it('tells lookup fields from plain ones', () => {
    expect(isLookupField(entity().fields[2])).toBe(true);
    expect(isLookupField({ type: 'user' })).toBe(true);
    expect(isLookupField({ type: 'text' })).toBe(false);
    expect(isLookupField(undefined)).toBe(false);
  });
});
