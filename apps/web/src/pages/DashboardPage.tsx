import { DashboardView } from '@stagecraft/renderer';
import type { Locale } from '@stagecraft/schema';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { href } from '../shell/route.js';
import { httpDashboardServices } from './DashboardServicesHttp.js';

/** A dashboard route (lazy-loaded, so echarts stays out of the list page's first load). */
export function DashboardPage({ app, dashboard }: { app: string; dashboard: string }) {
  const { i18n } = useTranslation();
  const services = useMemo(() => httpDashboardServices(app), [app]);
  return (
    <DashboardView
      key={dashboard}
      dashboardId={dashboard}
      services={services}
      locale={i18n.language as Locale}
      recordHref={(entity, id) => href({ page: 'record', app, entity, id })}
    />
  );
}
