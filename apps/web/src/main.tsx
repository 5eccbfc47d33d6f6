import { createI18n } from '@stagecraft/renderer';
import type { Locale } from '@stagecraft/schema';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { setRequestLocale } from './api/http.js';
import { shellMessages } from './i18n/shell-messages.js';
import { Root } from './shell/Root.js';
import './styles.css';

function initialLocale(): Locale {
  const saved = localStorage.getItem('stagecraft:locale');
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

const locale = initialLocale();
document.documentElement.lang = locale;
setRequestLocale(locale);
const i18n = createI18n(locale, shellMessages);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <Root />
    </I18nextProvider>
  </StrictMode>,
);
