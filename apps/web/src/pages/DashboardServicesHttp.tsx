import type { DashboardPayload, DashboardServices, RecordData, WidgetData } from '@stagecraft/renderer';
import { request } from '../api/http.js';

/** The dashboard port over the server's dashboard routes (one adapter for the page and the designer). */
export function httpDashboardServices(app: string): DashboardServices {
  const a = encodeURIComponent(app);
  const base = `/api/apps/${a}/dashboards`;
  return {
    dashboard: (id) => request<DashboardPayload>('GET', `${base}/${encodeURIComponent(id)}`),
    widgetData: (id, widget, drill) =>
      request<WidgetData>(
        'GET',
        `${base}/${encodeURIComponent(id)}/widgets/${encodeURIComponent(widget)}/data${drill.length ? `?drill=${encodeURIComponent(JSON.stringify(drill))}` : ''}`,
      ),
    recordsFilter: (id, widget, point, drill) =>
      request(
        'POST',
        `${base}/${encodeURIComponent(id)}/widgets/${encodeURIComponent(widget)}/records-filter`,
        { point, drill },
      ),
    preview: (widget) => request<WidgetData>('POST', `/api/apps/${a}/widgets/preview`, { widget }),
    listRecords: (entity, query) => {
      const params = new URLSearchParams();
      if (query.filter !== undefined && query.filter !== null)
        params.set('filter', JSON.stringify(query.filter));
      if (query.reachedStage) params.set('reachedStage', query.reachedStage);
      params.set('limit', String(query.limit ?? 100));
      return request<{ records: RecordData[]; total: number }>(
        'GET',
        `/api/apps/${a}/entities/${encodeURIComponent(entity)}/records?${params}`,
      );
    },
  };
}
