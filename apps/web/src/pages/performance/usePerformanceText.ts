import { useTranslation } from 'react-i18next';
import { performanceMessages } from './performance-messages.js';

/**
 * The shell's `t` with the goals, forecast and scorecard texts in the catalog, added when the lazily
 * loaded page first renders. Keys are relative to `performance.`; `fmt` formats in the language.
 */
export function usePerformanceText() {
  const { t, i18n } = useTranslation();
  if (!i18n.exists('performance.goals', { lng: 'en' })) {
    for (const lng of ['en', 'zh-CN'] as const)
      i18n.addResourceBundle(lng, 'translation', performanceMessages[lng], true, false);
  }
  const language = i18n.language;
  return {
    t: (key: string, values?: Record<string, unknown>) => t(`performance.${key}`, values ?? {}) as string,
    language,
    money: (n: number) => new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(n),
    percent: (n: number | null) =>
      n === null
        ? '—'
        : new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(n),
  };
}
