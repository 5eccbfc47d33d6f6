import type { Locale } from '@stagecraft/schema';
import { useTranslation } from 'react-i18next';
import { templateMessages } from './template-messages.js';

/**
 * The shell's `t` with the gallery's texts in the catalog: they are added once, when the lazily
 * loaded page first renders, so the first-load bundle does not carry them.
 */
export function useTemplateText(): {
  t: (key: string, values?: Record<string, unknown>) => string;
  locale: Locale;
} {
  const { t, i18n } = useTranslation();
  if (!i18n.exists('templates.title', { lng: 'en' })) {
    for (const lng of ['en', 'zh-CN'] as const)
      i18n.addResourceBundle(lng, 'translation', templateMessages[lng], true, false);
  }
  return {
    t: (key, values) => t(key, values ?? {}) as string,
    locale: i18n.language === 'en' ? 'en' : 'zh-CN',
  };
}
