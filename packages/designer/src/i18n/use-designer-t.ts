import { createI18n } from '@stagecraft/renderer';
import type { Locale } from '@stagecraft/schema';
import type { i18n } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { designerMessages, type T } from './messages.js';

/** Adds the designer's texts to an i18next instance once (the host's texts keep precedence). */
export function addDesignerMessages(instance: i18n): void {
  for (const locale of ['zh-CN', 'en'] as const) {
    if (!instance.exists('designer.designer', { lng: locale, fallbackLng: false })) {
      instance.addResourceBundle(locale, 'translation', designerMessages[locale], true, false);
    }
  }
}

/** The designer's texts in `locale` from an i18next instance: `t('saved', { r: 3 })`. */
export function designerT(instance: i18n, locale: Locale): T {
  addDesignerMessages(instance);
  const fixed = instance.getFixedT(locale, null, 'designer');
  return (key, vars = {}) => String(fixed(key, vars));
}

/**
 * The designer's translate function through the host's i18next instance (the renderer's
 * `createI18n`, given by `I18nextProvider` or registered globally); a host without one gets a
 * fresh instance, so the designer works standalone too.
 */
export function useDesignerT(locale: Locale): T {
  const { i18n: host } = useTranslation();
  return useMemo(() => {
    const instance = host?.isInitialized ? host : createI18n(locale);
    return designerT(instance, locale);
  }, [host, locale]);
}
