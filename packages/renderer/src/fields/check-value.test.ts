import { type Field, VALUE_PROBLEMS } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/create-i18n.js';
import { rendererMessages } from '../i18n/messages.js';
import { checkValue, problemMessage } from './check-value.js';

const label = { en: 'x', 'zh-CN': 'x' };

describe('checkValue (the form side of the field-type check)', () => {
  it('has a message in both languages for every problem the check can report', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const field = rendererMessages[locale].field as Record<string, string>;
      for (const problem of [...VALUE_PROBLEMS, 'inRow'])
        expect(field[problem], `${locale} ${problem}`).toBeTruthy();
    }
  });

  it('accepts what the server accepts where it used to refuse it', () => {
    expect(checkValue({ id: 'p', label, type: 'phone' } as Field, '(021) 5555-1234', false)).toBeNull();
    expect(checkValue({ id: 'u', label, type: 'url' } as Field, 'http://localhost:3000', false)).toBeNull();
  });

  it('names the row of a line item at fault, in the user language', () => {
    const items = {
      id: 'items',
      label,
      type: 'subtable',
      fields: [{ id: 'qty', label, type: 'number', min: 1 }],
    } as Field;
    const problem = checkValue(items, [{ qty: 1 }, { qty: 0 }], false);
    expect(problem).toEqual({ key: 'field.belowMin', params: { min: 1 }, row: 2 });
    const i18n = createI18n('zh-CN');
    expect(problemMessage(i18n.t, problem as NonNullable<typeof problem>)).toBe('第 2 行：不能小于 1。');
  });
});
