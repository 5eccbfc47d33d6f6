/**
 * Pure edits of a dashboard document for the designer: build a widget from the designer's picks,
 * add it below the others, move it on the grid (clamped to the columns). Each returns a new
 * document; the page keeps them for undo and saves the draft.
 */
import type { Dashboard, Widget } from '@stagecraft/schema';

/** What the designer's form picks for a new widget. */
export interface WidgetPicks {
  entity: string;
  chart: Widget['chart'];
  label: string;
  measure: { op: Widget['measures'][number]['op']; field?: string };
  dimension?: { field: string; bucket?: 'day' | 'week' | 'month' | 'quarter' | 'year' };
  stageMachine?: string;
}

/** An id not used by any widget of the dashboard (`widget1`, `widget2`, …). */
export function freeWidgetId(dashboard: Dashboard): string {
  const used = new Set(dashboard.widgets.map((w) => w.id));
  let n = dashboard.widgets.length + 1;
  while (used.has(`widget${n}`)) n++;
  return `widget${n}`;
}

/** The widget the picks describe (size by chart: KPIs small, charts half width). */
export function widgetFromPicks(dashboard: Dashboard, picks: WidgetPicks): Widget {
  const id = freeWidgetId(dashboard);
  const columns = dashboard.columns ?? 12;
  const kpi = picks.chart === 'kpi' || picks.chart === 'gauge';
  const measure = {
    id: `${id}m`,
    op: picks.measure.op,
    ...(picks.measure.field ? { field: picks.measure.field } : {}),
  };
  const funnelLike = picks.chart === 'funnel' || picks.chart === 'stage_dwell';
  return {
    id,
    label: { 'zh-CN': picks.label, en: picks.label },
    entity: picks.entity,
    chart: picks.chart,
    measures: [measure],
    ...(picks.dimension && !funnelLike && !kpi
      ? {
          dimensions: [
            {
              id: `${id}d`,
              field: picks.dimension.field,
              ...(picks.dimension.bucket ? { bucket: picks.dimension.bucket } : {}),
            },
          ],
        }
      : {}),
    ...(funnelLike && picks.stageMachine ? { stageMachine: picks.stageMachine } : {}),
    layout: {
      x: 0,
      y: nextRow(dashboard),
      w: kpi ? Math.min(3, columns) : Math.min(6, columns),
      h: kpi ? 2 : 4,
    },
  };
}

/** The first grid row below every widget. */
export function nextRow(dashboard: Dashboard): number {
  return dashboard.widgets.reduce((max, w) => Math.max(max, (w.layout?.y ?? 0) + (w.layout?.h ?? 4)), 0);
}

/** Adds a widget. */
export function addWidget(dashboard: Dashboard, widget: Widget): Dashboard {
  return { ...dashboard, widgets: [...dashboard.widgets, widget] };
}

/** Removes a widget. */
export function removeWidget(dashboard: Dashboard, id: string): Dashboard {
  return { ...dashboard, widgets: dashboard.widgets.filter((w) => w.id !== id) };
}

/** Moves a widget by whole cells, kept inside the columns and below row 0. */
export function moveWidget(dashboard: Dashboard, id: string, dx: number, dy: number): Dashboard {
  const columns = dashboard.columns ?? 12;
  return {
    ...dashboard,
    widgets: dashboard.widgets.map((w) => {
      if (w.id !== id) return w;
      const l = w.layout ?? { x: 0, y: nextRow(dashboard), w: Math.min(6, columns), h: 4 };
      return {
        ...w,
        layout: { ...l, x: Math.max(0, Math.min(columns - l.w, l.x + dx)), y: Math.max(0, l.y + dy) },
      };
    }),
  };
}

/** Replaces (or adds) a dashboard in an app draft's list. */
export function withDashboard<T extends { dashboards?: Dashboard[] }>(app: T, dashboard: Dashboard): T {
  const list = app.dashboards ?? [];
  const at = list.findIndex((d) => d.id === dashboard.id);
  return {
    ...app,
    dashboards: at < 0 ? [...list, dashboard] : list.map((d, k) => (k === at ? dashboard : d)),
  };
}
