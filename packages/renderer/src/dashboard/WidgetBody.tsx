import { type Locale, localize, type Widget } from '@stagecraft/schema';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format/format-value.js';
import { useRuntime } from '../runtime/runtime-context.js';
import { chartSpec, HTML_CHARTS, measureLabel, valueLabel } from './chart-option.js';
import { dashText } from './dashboard-messages.js';
import type { WidgetData } from './dashboard-services.js';
import { EChart } from './EChart.js';
import { PivotTable } from './PivotTable.js';

const show = (v: unknown, locale: Locale) =>
  typeof v === 'number'
    ? formatNumber(Math.round(v * 100) / 100, locale)
    : v === null || v === undefined
      ? '—'
      : String(v);

/**
 * The body of one widget: KPI, table, pivot and leaderboard as HTML, every other chart through
 * echarts. `onPoint` receives the point behind a clicked item (dimension ids → values, `stage`).
 */
export function WidgetBody({
  widget,
  data,
  locale,
  onPoint,
}: {
  widget: Widget;
  data: WidgetData;
  locale: Locale;
  onPoint?: (point: Record<string, unknown>) => void;
}) {
  const { app } = useRuntime();
  const { t } = useTranslation();
  const entity = app.entities.find((e) => e.id === widget.entity);
  /** A field's label: the entity's field, else the system key's. */
  const fieldLabel = useCallback(
    (field: string) => {
      const f = entity?.fields.find((x) => x.id === field);
      return f ? localize(f.label, locale) : t(`system.${field}`, { defaultValue: field });
    },
    [entity, locale, t],
  );
  /** A measure's name: its label, else its field's label, else "Count". */
  const headOfMeasure = useCallback(
    (id: string) => {
      const m = widget.measures.find((x) => x.id === id);
      if (!m || m.label) return measureLabel(widget, id, locale);
      return m.field ? fieldLabel(m.field) : dashText(locale, 'count');
    },
    [widget, locale, fieldLabel],
  );
  const spec = useMemo(
    // Legends and axes name measures like the table headers do.
    () => (HTML_CHARTS.has(widget.chart) ? null : chartSpec(widget, data, locale, headOfMeasure)),
    [widget, data, locale, headOfMeasure],
  );
  if (spec)
    return (
      <EChart
        option={spec.option}
        label={localize(widget.label, locale)}
        onClick={(c) => {
          const point = spec.points[c.seriesIndex]?.[c.dataIndex];
          if (point) onPoint?.(point);
        }}
      />
    );
  const measures = widget.measures.map((m) => m.id);
  if (widget.chart === 'kpi') {
    const m = measures[measures.length - 1] ?? '';
    const value = data.rows[0]?.[m];
    return (
      <div className="sc-kpi">
        <strong className="sc-kpi-value" data-testid={`kpi-${widget.id}`}>
          {show(value, locale)}
        </strong>
        {data.previous && (
          <span className="sc-muted">
            {' '}
            {dashText(locale, 'previous', { value: show(data.previous[m], locale) })}
            {typeof value === 'number' &&
            typeof data.previous[m] === 'number' &&
            (data.previous[m] as number) !== 0
              ? ` (${value >= (data.previous[m] as number) ? '▲' : '▼'} ${Math.round((Math.abs(value - (data.previous[m] as number)) / (data.previous[m] as number)) * 100)}%)`
              : ''}
          </span>
        )}
      </div>
    );
  }
  if (!data.rows.length) return <p className="sc-state">{dashText(locale, 'empty')}</p>;
  const dims = data.dimensions;
  /** A dimension's header: its own label, else its field's. */
  const dimensionName = (d: { id: string; field: string }) => {
    const own = widget.dimensions?.find((x) => x.id === d.id)?.label;
    return own ? localize(own, locale) : fieldLabel(d.field);
  };
  if (widget.chart === 'pivot' && dims.length > 0)
    return (
      <PivotTable
        data={data}
        measures={measures}
        locale={locale}
        format={(v) => show(v, locale)}
        measureName={headOfMeasure}
        dimensionName={dimensionName}
        {...(onPoint ? { onPoint } : {})}
      />
    );
  return (
    <table className="sc-table">
      <thead>
        <tr>
          {widget.chart === 'leaderboard' && <th>{dashText(locale, 'rank')}</th>}
          {dims.map((d) => (
            <th key={d.id}>{dimensionName(d)}</th>
          ))}
          {measures.map((m) => (
            <th key={m}>{headOfMeasure(m)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {data.rows.map((r, k) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional results of one query
          <tr key={k} onClick={() => onPoint?.(Object.fromEntries(dims.map((d) => [d.id, r[d.id]])))}>
            {widget.chart === 'leaderboard' && <td>{k + 1}</td>}
            {dims.map((d) => (
              <td key={d.id}>{valueLabel(data, d.id, r[d.id], locale)}</td>
            ))}
            {measures.map((m) => (
              <td key={m}>{show(r[m], locale)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
