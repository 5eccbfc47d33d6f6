import type { Locale } from '@stagecraft/schema';
import { useTranslation } from 'react-i18next';
import { automationMessages } from './automation-messages.js';

/**
 * The shell's `t` with the automation admin texts in the catalog: added once, when the lazily
 * loaded page first renders, so the first-load bundle does not carry them. Keys are relative to
 * `automationAdmin.`.
 */
export function useAutomationText(): {
  t: (key: string, values?: Record<string, unknown>) => string;
  locale: Locale;
} {
  const { t, i18n } = useTranslation();
  if (!i18n.exists('automationAdmin.title', { lng: 'en' })) {
    for (const lng of ['en', 'zh-CN'] as const)
      i18n.addResourceBundle(lng, 'translation', automationMessages[lng], true, false);
  }
  return {
    t: (key, values) => t(`automationAdmin.${key}`, values ?? {}) as string,
    locale: i18n.language === 'en' ? 'en' : 'zh-CN',
  };
}
