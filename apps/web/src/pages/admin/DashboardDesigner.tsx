import { DashboardDesigner as Designer } from '@stagecraft/designer';
import { useRuntime } from '@stagecraft/renderer';
import type { Locale } from '@stagecraft/schema';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { httpDesignerServices } from '../../admin/http-designer-services.js';
import { href } from '../../shell/route.js';
import { httpDashboardServices } from '../DashboardServicesHttp.js';
import '../../admin/designer.css';

/**
 * Admin: edit one dashboard of the app draft. Loads the draft with its revision and hands it to the
 * designer package's DashboardDesigner (undo/redo, autosave, conflicts and publish live there).
 */
export function DashboardDesigner({ app, dashboard }: { app: string; dashboard: string }) {
  const { t, i18n } = useTranslation();
  const locale = (i18n.language === 'en' ? 'en' : 'zh-CN') as Locale;
  const { app: published } = useRuntime();
  const services = useMemo(() => httpDesignerServices(app), [app]);
  const dashboards = useMemo(() => httpDashboardServices(app), [app]);
  const [draft, setDraft] = useState<{ revision: number; definition: unknown } | string | null>(null);
  useEffect(() => {
    let live = true;
    setDraft(null);
    void services.loadDraft().then((r) => live && setDraft(r.ok ? r.value : r.error.message));
    return () => {
      live = false;
    };
  }, [services]);
  if (draft === null) return <p className="sc-state">{t('shell.loading')}</p>;
  if (typeof draft === 'string')
    return <p className="sc-state sc-state-error">{t('shell.loadFailed', { message: draft })}</p>;
  return (
    <Designer
      draft={draft}
      dashboardId={dashboard}
      published={published}
      services={services}
      dashboards={dashboards}
      locale={locale}
      openHref={href({ page: 'dashboard', app, dashboard })}
    />
  );
}
