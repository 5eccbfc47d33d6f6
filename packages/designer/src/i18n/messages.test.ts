import { createI18n } from '@stagecraft/renderer';
import { describe, expect, it } from 'vitest';
import { designerMessages, type MessageKey } from './messages.js';
import { addDesignerMessages, designerT } from './use-designer-t.js';

describe('designer messages', () => {
  it('has every text in zh-CN and en with the same i18next placeholders', () => {
    const en = designerMessages.en.designer;
    const zh = designerMessages['zh-CN'].designer;
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const holes = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
    const single = /(^|[^{])\{\w+\}(?!\})/;
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(zh[key].length, key).toBeGreaterThan(0);
      expect(holes(zh[key]), key).toEqual(holes(en[key]));
      // A `{name}` left from the old lookup would show up verbatim.
      expect(single.test(en[key]) || single.test(zh[key]), key).toBe(false);
    }
  });

  it('are read through i18next in the asked locale, placeholders filled', () => {
    const i18n = createI18n('zh-CN');
    expect(designerT(i18n, 'en')('archiveImpact', { f: 'deal.notes', n: '1,234' })).toBe(
      'field deal.notes removed: 1,234 values will be archived (restorable)',
    );
    expect(designerT(i18n, 'zh-CN')('saved', { r: 3 })).toBe('已保存 · 修订 3');
    expect(i18n.t('designer.undo', { lng: 'en' })).toBe('Undo');
  });

  it('never override a text the host registered for the same key', () => {
    const i18n = createI18n('en', { en: { designer: { undo: 'Step back' } } });
    addDesignerMessages(i18n);
    expect(designerT(i18n, 'en')('undo')).toBe('Step back');
    expect(designerT(i18n, 'en')('redo')).toBe('Redo');
  });
});
