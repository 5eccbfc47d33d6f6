import type { Locale } from '@stagecraft/schema';
import { useTranslation } from 'react-i18next';
import { transferMessages } from './transfer-messages.js';

/**
 * The shell's `t` with the import/export texts in the catalog (added once, on first use, like the
 * template gallery's), and the UI locale for numbers and labels.
 */
export function useTransferText(): {
  t: (key: string, values?: Record<string, unknown>) => string;
  locale: Locale;
} {
  const { t, i18n } = useTranslation();
  if (!i18n.exists('transfer.export', { lng: 'en' })) {
    for (const lng of ['en', 'zh-CN'] as const)
      i18n.addResourceBundle(lng, 'translation', transferMessages[lng], true, false);
  }
  return {
    t: (key, values) => t(key, values ?? {}) as string,
    locale: i18n.language === 'en' ? 'en' : 'zh-CN',
  };
}
