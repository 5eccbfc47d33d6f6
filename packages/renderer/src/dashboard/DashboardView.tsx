import { type Dashboard, type Locale, localize, type Widget } from '@stagecraft/schema';
import { useCallback, useEffect, useState } from 'react';
import type { RecordQuery } from '../services/runtime-services.js';
import { valueLabel } from './chart-option.js';
import { DrillRecords } from './DrillRecords.js';
import { dashText } from './dashboard-messages.js';
import {
  type DashboardServices,
  isFailure,
  type WidgetData,
  type WidgetFailure,
} from './dashboard-services.js';
import { WidgetBody } from './WidgetBody.js';

const GRID_CSS = `.sc-dashboard-grid{display:grid;gap:12px;grid-auto-rows:64px}
.sc-widget{display:flex;flex-direction:column;min-width:0;overflow:hidden}
.sc-widget h3{margin:0 0 4px;font-size:0.95rem}
.sc-widget-body{flex:1;min-height:0;overflow:auto}
.sc-kpi-value{font-size:1.8rem}
@media (max-width: 720px){.sc-dashboard-grid{display:flex;flex-direction:column}.sc-widget{min-height:280px}.sc-widget.sc-widget-kpi{min-height:110px}}`;

/** Where a widget sits: its layout, else the next free rows of a full-width column. */
function place(widget: Widget, k: number, columns: number): React.CSSProperties {
  const l = widget.layout ?? { x: 0, y: 1000 + k * 4, w: columns, h: 4 };
  return { gridColumn: `${l.x + 1} / span ${Math.min(l.w, columns)}`, gridRow: `${l.y + 1} / span ${l.h}` };
}

/** One widget with its drill path: clicks drill (region → team → rep) or open the records. */
function WidgetCard({
  dashboardId,
  widget,
  initial,
  services,
  locale,
  style,
  onRecords,
}: {
  dashboardId: string;
  widget: Widget;
  initial: WidgetData | WidgetFailure | undefined;
  services: DashboardServices;
  locale: Locale;
  style: React.CSSProperties;
  onRecords: (entity: string, query: RecordQuery) => void;
}) {
  // Each drill step keeps the value (sent to the server) and its label (the breadcrumb shows names,
  // e.g. org units by name, never their ids), taken from the data the step was clicked in.
  const [steps, setSteps] = useState<{ value: unknown; label: string }[]>([]);
  const drill = steps.map((s) => s.value);
  const [data, setData] = useState(initial);
  useEffect(() => setData(initial), [initial]);
  const drills = widget.options?.drill === true && (widget.dimensions?.length ?? 0) > 1;
  const go = useCallback(
    async (path: { value: unknown; label: string }[]) => {
      const r = await services.widgetData(
        dashboardId,
        widget.id,
        path.map((s) => s.value),
      );
      setSteps(path);
      setData(
        r.ok ? r.value : { widget: widget.id, error: { code: r.error.code, message: r.error.message } },
      );
    },
    [services, dashboardId, widget.id],
  );
  const onPoint = async (point: Record<string, unknown>) => {
    if (!data || isFailure(data)) return;
    const dim = data.dimensions[0];
    if (
      drills &&
      dim &&
      drill.length + 1 < (widget.dimensions?.length ?? 0) &&
      Object.hasOwn(point, dim.id)
    ) {
      await go([...steps, { value: point[dim.id], label: valueLabel(data, dim.id, point[dim.id], locale) }]);
      return;
    }
    const r = await services.recordsFilter(dashboardId, widget.id, point, drill);
    if (r.ok)
      onRecords(r.value.entity, {
        filter: r.value.filter,
        ...(r.value.reachedStage ? { reachedStage: r.value.reachedStage } : {}),
      });
  };
  return (
    <article className={`sc-card sc-widget sc-widget-${widget.chart}`} style={style} data-widget={widget.id}>
      <h3>
        {localize(widget.label, locale)}
        {drills && drill.length > 0 && (
          <>
            {' '}
            <span className="sc-muted">· {steps.map((s) => s.label).join(' › ')}</span>{' '}
            <button
              type="button"
              className="sc-button sc-button-small"
              onClick={() => void go(steps.slice(0, -1))}
            >
              {dashText(locale, 'back')}
            </button>
          </>
        )}
      </h3>
      <div className="sc-widget-body">
        {!data ? (
          <p className="sc-state">{dashText(locale, 'loading')}</p>
        ) : isFailure(data) ? (
          <p className="sc-state sc-state-error">
            {dashText(locale, 'failed', { message: data.error.message })}
          </p>
        ) : (
          <WidgetBody widget={widget} data={data} locale={locale} onPoint={(p) => void onPoint(p)} />
        )}
      </div>
    </article>
  );
}

/**
 * A dashboard in the runtime: the document's grid (12 columns unless it says otherwise, one
 * column on phones), every widget's data from one request, drill-down inside a widget, and the
 * records behind a clicked point listed below the grid.
 */
export function DashboardView({
  dashboardId,
  services,
  locale,
  recordHref,
}: {
  dashboardId: string;
  services: DashboardServices;
  locale: Locale;
  recordHref: (entity: string, id: string) => string;
}) {
  const [payload, setPayload] = useState<
    { dashboard: Dashboard; data: Map<string, WidgetData | WidgetFailure> } | string | null
  >(null);
  const [records, setRecords] = useState<{ entity: string; query: RecordQuery } | null>(null);
  useEffect(() => {
    setPayload(null);
    void services
      .dashboard(dashboardId)
      .then((r) =>
        setPayload(
          r.ok
            ? { dashboard: r.value.dashboard, data: new Map(r.value.data.map((d) => [d.widget, d])) }
            : r.error.message,
        ),
      );
  }, [services, dashboardId]);
  if (payload === null) return <p className="sc-state">{dashText(locale, 'loading')}</p>;
  if (typeof payload === 'string')
    return <p className="sc-state sc-state-error">{dashText(locale, 'failed', { message: payload })}</p>;
  const columns = payload.dashboard.columns ?? 12;
  return (
    <section className="sc-dashboard" aria-label={localize(payload.dashboard.label, locale)}>
      <style>{GRID_CSS}</style>
      <h1>{localize(payload.dashboard.label, locale)}</h1>
      <div
        className="sc-dashboard-grid"
        style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
      >
        {payload.dashboard.widgets.map((w, k) => (
          <WidgetCard
            key={w.id}
            dashboardId={dashboardId}
            widget={w}
            initial={payload.data.get(w.id)}
            services={services}
            locale={locale}
            style={place(w, k, columns)}
            onRecords={(entity, query) => setRecords({ entity, query })}
          />
        ))}
      </div>
      {records && (
        <DrillRecords
          services={services}
          entity={records.entity}
          query={records.query}
          locale={locale}
          recordHref={recordHref}
          onClose={() => setRecords(null)}
        />
      )}
    </section>
  );
}
