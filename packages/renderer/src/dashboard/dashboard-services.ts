/**
 * The port a shell implements so dashboards can load their data without the renderer knowing HTTP
 * (the web app's adapter calls the dashboard routes; tests pass an in-memory one).
 */
import type { Dashboard, LocalizedText, Widget } from '@stagecraft/schema';
import type { ApiResult, RecordData, RecordQuery } from '../services/runtime-services.js';

/** A grouping of a widget's rows, as the server planned it. */
export interface DataDimension {
  id: string;
  kind: 'field' | 'time' | 'org';
  field: string;
}

/** The rows of one widget (measure and dimension ids as keys) and labels of dimension values. */
export interface WidgetData {
  widget: string;
  kind: string;
  dimensions: DataDimension[];
  rows: Record<string, unknown>[];
  previous?: Record<string, unknown>;
  /** A pivot's totals, computed by the server: per row value, per column value and overall. */
  totals?: {
    byRow: Record<string, unknown>[];
    byColumn: Record<string, unknown>[];
    all: Record<string, unknown>;
  };
  labels: Record<string, Record<string, LocalizedText | string>>;
}

/** A widget whose query failed; the rest of the dashboard still shows. */
export interface WidgetFailure {
  widget: string;
  error: { code: string; message: string };
}

/** A dashboard document with the data of each widget. */
export interface DashboardPayload {
  dashboard: Dashboard;
  timeZone: string;
  data: (WidgetData | WidgetFailure)[];
}

/** What dashboards need from the server. */
export interface DashboardServices {
  dashboard(dashboardId: string): Promise<ApiResult<DashboardPayload>>;
  /** One widget with a drill path (values of its leading dimensions). */
  widgetData(dashboardId: string, widgetId: string, drill: unknown[]): Promise<ApiResult<WidgetData>>;
  /**
   * The records-list query behind a clicked point: a filter and, for a funnel or dwell step, the
   * stage the records reached (see `RecordQuery.reachedStage`).
   */
  recordsFilter(
    dashboardId: string,
    widgetId: string,
    point: Record<string, unknown>,
    drill: unknown[],
  ): Promise<ApiResult<{ entity: string; filter: unknown; reachedStage?: string }>>;
  /** Runs an unsaved widget (designer preview). */
  preview(widget: Widget): Promise<ApiResult<WidgetData>>;
  listRecords(
    entity: string,
    query: RecordQuery,
  ): Promise<ApiResult<{ records: RecordData[]; total: number }>>;
}

/** Whether a data entry is a failure. */
export function isFailure(entry: WidgetData | WidgetFailure): entry is WidgetFailure {
  return 'error' in entry;
}
