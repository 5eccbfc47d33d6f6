import type { Locale } from '@stagecraft/schema';
import i18next, { type i18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { rendererMessages } from './messages.js';

/**
 * Builds an i18next instance holding the renderer's texts plus the caller's (the shell adds its
 * own), so every UI string goes through one translator with zh-CN and en.
 */
export function createI18n(
  locale: Locale,
  extra: Partial<Record<Locale, Record<string, unknown>>> = {},
): i18n {
  const resources: Resource = {};
  for (const l of ['zh-CN', 'en'] as const) {
    resources[l] = { translation: { ...rendererMessages[l], ...(extra[l] ?? {}) } };
  }
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: locale === 'en' ? 'zh-CN' : 'en',
    resources,
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance;
}
