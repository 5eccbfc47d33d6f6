import { describe, expect, it } from 'vitest';
import { MESSAGE_TABLES, messages } from './messages.js';

describe('designer messages', () => {
  it('has every text in zh-CN and en with the same placeholders', () => {
    const en = MESSAGE_TABLES.en;
    const zh = MESSAGE_TABLES['zh-CN'];
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(zh[key].length, key).toBeGreaterThan(0);
      expect(holes(zh[key]), key).toEqual(holes(en[key]));
    }
  });
  it('fills placeholders', () => {
    expect(messages('en')('archiveImpact', { f: 'deal.notes', n: '1,234' })).toBe(
      'field deal.notes removed: 1,234 values will be archived (restorable)',
    );
    expect(messages('zh-CN')('saved', { r: 3 })).toBe('已保存 · 修订 3');
  });
});
