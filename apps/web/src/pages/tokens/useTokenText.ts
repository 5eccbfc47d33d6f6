import { useTranslation } from 'react-i18next';
import { tokenMessages } from './token-messages.js';

/**
 * The shell's `t` with the API token texts in the catalog, added when the lazily loaded page first
 * renders (as the automation and template pages do). Keys are relative to `apiTokens.`.
 */
export function useTokenText(): {
  t: (key: string, values?: Record<string, unknown>) => string;
  language: string;
} {
  const { t, i18n } = useTranslation();
  if (!i18n.exists('apiTokens.title', { lng: 'en' })) {
    for (const lng of ['en', 'zh-CN'] as const)
      i18n.addResourceBundle(lng, 'translation', tokenMessages[lng], true, false);
  }
  return { t: (key, values) => t(`apiTokens.${key}`, values ?? {}) as string, language: i18n.language };
}
