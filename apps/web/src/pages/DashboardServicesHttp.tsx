import { API, type JsonValueType } from '@stagecraft/contract';
import type { DashboardServices } from '@stagecraft/renderer';
import { call } from '../api/client.js';

/** The dashboard port over the server's dashboard routes (one adapter for the page and the designer). */
export function httpDashboardServices(app: string): DashboardServices {
  return {
    dashboard: (dashboard) => call(API.dashboards.getDashboard, { params: { app, dashboard } }),
    widgetData: (dashboard, widget, drill) =>
      call(API.dashboards.widgetData, {
        params: { app, dashboard, widget },
        query: drill.length ? { drill: JSON.stringify(drill) } : {},
      }),
    // Points and drill paths are values of the widget's own rows: JSON as the server sent them.
    recordsFilter: (dashboard, widget, point, drill) =>
      call(API.dashboards.widgetRecordsFilter, {
        params: { app, dashboard, widget },
        body: { point: point as Record<string, JsonValueType>, drill: drill as JsonValueType[] },
      }),
    preview: (widget) => call(API.dashboards.previewWidget, { params: { app }, body: { widget } }),
    listRecords: (entity, query) =>
      call(API.records.listRecords, {
        params: { app, entity },
        query: {
          ...(query.filter !== undefined && query.filter !== null
            ? { filter: JSON.stringify(query.filter) }
            : {}),
          ...(query.reachedStage ? { reachedStage: query.reachedStage } : {}),
          limit: query.limit ?? 100,
        },
      }),
  };
}
