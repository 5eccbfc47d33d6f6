import { useTranslation } from 'react-i18next';
import { setRequestLocale } from '../api/http.js';

/** Switches the UI between zh-CN and en and remembers the choice in this browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <select
      className="lang-switch"
      aria-label={t('shell.language')}
      value={i18n.language}
      onChange={(e) => {
        setRequestLocale(e.target.value);
        void i18n.changeLanguage(e.target.value);
        localStorage.setItem('stagecraft:locale', e.target.value);
        document.documentElement.lang = e.target.value;
      }}
    >
      <option value="zh-CN">中文</option>
      <option value="en">English</option>
    </select>
  );
}
