import { Designer } from '@stagecraft/designer';
import type { App, Locale } from '@stagecraft/schema';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { httpDesignerServices } from './http-designer-services.js';
import './designer.css';

/**
 * Admin: the app designer over the app's draft. Loads the draft (with its revision) and the
 * published version to diff against, then hands both to the designer package.
 */
export function AppDesignerPage({ app, initialTab }: { app: string; initialTab?: 'roles' }) {
  const { t, i18n } = useTranslation();
  const locale = (i18n.language === 'en' ? 'en' : 'zh-CN') as Locale;
  const services = useMemo(() => httpDesignerServices(app), [app]);
  const [loaded, setLoaded] = useState<
    { draft: { revision: number; definition: unknown }; published: App | undefined } | string | null
  >(null);
  useEffect(() => {
    let live = true;
    setLoaded(null);
    void Promise.all([services.loadDraft(), services.published()]).then(([d, p]) => {
      if (!live) return;
      if (!d.ok) return setLoaded(d.error.message);
      setLoaded({ draft: d.value, published: p.ok && p.value ? p.value.definition : undefined });
    });
    return () => {
      live = false;
    };
  }, [services]);
  if (loaded === null) return <p className="sc-state">{t('shell.loading')}</p>;
  if (typeof loaded === 'string')
    return <p className="sc-state sc-state-error">{t('shell.loadFailed', { message: loaded })}</p>;
  return (
    <Designer
      draft={loaded.draft}
      published={loaded.published}
      services={services}
      locale={locale}
      {...(initialTab ? { initialTab } : {})}
    />
  );
}
