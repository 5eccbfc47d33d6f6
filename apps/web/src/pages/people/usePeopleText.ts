import type { Locale } from '@stagecraft/schema';
import { useTranslation } from 'react-i18next';
import { peopleMessages } from './people-messages.js';

/** The shell's `t` with the people and password texts in the catalog (added when first used). */
export function usePeopleText(): {
  t: (key: string, values?: Record<string, unknown>) => string;
  locale: Locale;
} {
  const { t, i18n } = useTranslation();
  if (!i18n.exists('people.title', { lng: 'en' })) {
    for (const lng of ['en', 'zh-CN'] as const)
      i18n.addResourceBundle(lng, 'translation', peopleMessages[lng], true, false);
  }
  return {
    t: (key, values) => t(key, values ?? {}) as string,
    locale: i18n.language === 'en' ? 'en' : 'zh-CN',
  };
}
