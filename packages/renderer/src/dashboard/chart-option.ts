/**
 * Widget data → an echarts option, purely (no echarts import, so it is tested without a canvas and
 * the library stays in its lazy chunk). Each builder also returns the point behind every data item
 * (`points[series][index]`: dimension id → value, `stage` for funnel and dwell steps), which a
 * click turns into a drill step or a records-list filter.
 */
import { type Locale, localize, type Widget } from '@stagecraft/schema';
import { dashText } from './dashboard-messages.js';
import type { WidgetData } from './dashboard-services.js';

/** An echarts option and the point of each data item. */
export interface ChartSpec {
  option: Record<string, unknown>;
  points: Record<string, unknown>[][];
}

/** Charts drawn as HTML rather than a canvas. */
export const HTML_CHARTS: ReadonlySet<string> = new Set(['kpi', 'table', 'pivot', 'leaderboard']);

/** The display label of a dimension value. */
export function valueLabel(data: WidgetData, key: string, value: unknown, locale: Locale): string {
  if (value === null || value === undefined) return '—';
  const label = data.labels[key]?.[String(value)];
  if (label === undefined) return String(value);
  return typeof label === 'string' ? label : localize(label, locale);
}

/** The label of a measure (its own label, else its id). */
export function measureLabel(widget: Widget, id: string, locale: Locale): string {
  const m = widget.measures.find((x) => x.id === id);
  return m?.label ? localize(m.label, locale) : id;
}

/** How a chart names a measure in legends and axes; the view passes one that knows field labels. */
export type MeasureName = (id: string) => string;

const num = (v: unknown) => (typeof v === 'number' ? v : v === null || v === undefined ? 0 : Number(v));
const unique = <T>(xs: T[]) => [...new Set(xs)];

/**
 * The plot area of axis charts: the whole card but a legend row on top (when there is one), axis
 * labels inside (`containLabel`), so a phone-sized card still draws readable bars and ticks.
 */
const axisGrid = (legend: boolean) => ({
  top: legend ? 32 : 12,
  left: 8,
  right: 16,
  bottom: 8,
  containLabel: true,
});

function categories(widget: Widget, data: WidgetData, locale: Locale, name: MeasureName): ChartSpec {
  const [d0, d1] = data.dimensions;
  const measures = widget.measures.map((m) => m.id);
  const horizontal = widget.chart === 'leaderboard';
  if (!d0) {
    const option = {
      grid: axisGrid(false),
      xAxis: { type: 'category', data: measures.map((m) => name(m)) },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: measures.map((m) => num(data.rows[0]?.[m])) }],
    };
    return { option, points: [measures.map(() => ({}))] };
  }
  const xs = unique(data.rows.map((r) => r[d0.id]));
  const axis = { type: 'category', data: xs.map((x) => valueLabel(data, d0.id, x, locale)) };
  const type = widget.chart === 'line' ? 'line' : 'bar';
  if (d1) {
    const groups = unique(data.rows.map((r) => r[d1.id]));
    const m = measures[0] ?? '';
    return {
      option: {
        legend: { type: 'scroll', top: 0 },
        grid: axisGrid(true),
        tooltip: { trigger: 'axis' },
        xAxis: axis,
        yAxis: { type: 'value' },
        series: groups.map((g) => ({
          name: valueLabel(data, d1.id, g, locale),
          type,
          ...(widget.chart === 'stacked_bar' ? { stack: 'total' } : {}),
          data: xs.map((x) => num(data.rows.find((r) => r[d0.id] === x && r[d1.id] === g)?.[m])),
        })),
      },
      points: groups.map((g) => xs.map((x) => ({ [d0.id]: x, [d1.id]: g }))),
    };
  }
  return {
    option: {
      // One measure names itself in the tooltip; a legend is drawn only to tell several apart.
      ...(measures.length > 1 ? { legend: { type: 'scroll', top: 0 } } : {}),
      grid: axisGrid(measures.length > 1),
      tooltip: { trigger: 'axis' },
      xAxis: horizontal ? { type: 'value' } : axis,
      yAxis: horizontal ? { ...axis, inverse: true } : { type: 'value' },
      series: measures.map((m) => ({
        name: name(m),
        type,
        data: xs.map((x) => num(data.rows.find((r) => r[d0.id] === x)?.[m])),
      })),
    },
    points: measures.map(() => xs.map((x) => ({ [d0.id]: x }))),
  };
}

function funnel(widget: Widget, data: WidgetData, locale: Locale): ChartSpec {
  const m = widget.measures[0]?.id ?? '';
  const rows = data.rows.filter((r) => data.dimensions.every((d) => r[d.id] === data.rows[0]?.[d.id]));
  const conv = dashText(locale, 'conversion');
  return {
    option: {
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          top: 8,
          bottom: 8,
          left: '4%',
          width: '92%',
          // wide enough at the narrow end for "step: count (conversion %)" inside, even on a phone
          minSize: '45%',
          label: { show: true, position: 'inside', overflow: 'truncate' },
          data: rows.map((r) => ({
            name: valueLabel(data, 'stage', r.stage, locale),
            value: num(r[m]),
            label: {
              formatter: `{b}: {c}${typeof r.conversion === 'number' ? ` (${conv} ${Math.round(r.conversion * 100)}%)` : ''}`,
            },
          })),
        },
      ],
    },
    // A step of the group shown: its records are those of the group that reached the step.
    points: [
      rows.map((r) => ({
        ...Object.fromEntries(data.dimensions.map((d) => [d.id, r[d.id]])),
        stage: r.stage,
      })),
    ],
  };
}

function dwell(data: WidgetData, locale: Locale): ChartSpec {
  const steps = unique(data.rows.map((r) => r.stage));
  return {
    option: {
      grid: { ...axisGrid(false), right: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', name: dashText(locale, 'hours') },
      yAxis: {
        type: 'category',
        inverse: true,
        data: steps.map((s) => valueLabel(data, 'stage', s, locale)),
      },
      series: [
        {
          type: 'bar',
          data: steps.map((s) => Math.round(num(data.rows.find((r) => r.stage === s)?.hours) * 10) / 10),
        },
      ],
    },
    points: [steps.map((s) => ({ stage: s }))],
  };
}

function pie(widget: Widget, data: WidgetData, locale: Locale): ChartSpec {
  const d0 = data.dimensions[0];
  const m = widget.measures[0]?.id ?? '';
  return {
    option: {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['35%', '65%'],
          data: data.rows.map((r) => ({
            name: d0 ? valueLabel(data, d0.id, r[d0.id], locale) : m,
            value: num(r[m]),
          })),
        },
      ],
    },
    points: [data.rows.map((r) => (d0 ? { [d0.id]: r[d0.id] } : {}))],
  };
}

function heatmap(widget: Widget, data: WidgetData, locale: Locale, name: MeasureName): ChartSpec {
  const [d0, d1] = data.dimensions;
  const m = widget.measures[0]?.id ?? '';
  if (!d0 || !d1) return categories(widget, data, locale, name);
  const xs = unique(data.rows.map((r) => r[d1.id]));
  const ys = unique(data.rows.map((r) => r[d0.id]));
  const values = data.rows.map((r) => num(r[m]));
  // Values inside the cells only while the cells are large enough to hold them; the tooltip
  // always has them. The colour scale sits below the grid, clear of the axis labels.
  const cellLabels = xs.length <= 8 && ys.length <= 6;
  return {
    option: {
      tooltip: { position: 'top' },
      grid: { top: 8, left: 8, right: 16, bottom: 44, containLabel: true },
      xAxis: {
        type: 'category',
        data: xs.map((x) => valueLabel(data, d1.id, x, locale)),
        axisLabel: { hideOverlap: true },
      },
      yAxis: {
        type: 'category',
        data: ys.map((y) => valueLabel(data, d0.id, y, locale)),
        axisLabel: { hideOverlap: true },
      },
      visualMap: {
        min: Math.min(0, ...values),
        max: Math.max(1, ...values),
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
        itemWidth: 10,
        text: [
          String(Math.round(Math.max(1, ...values) * 100) / 100),
          String(Math.round(Math.min(0, ...values) * 100) / 100),
        ],
      },
      series: [
        {
          type: 'heatmap',
          name: name(m),
          label: { show: cellLabels, fontSize: 10 },
          data: data.rows.map((r) => [
            xs.indexOf(r[d1.id]),
            ys.indexOf(r[d0.id]),
            Math.round(num(r[m]) * 100) / 100,
          ]),
        },
      ],
    },
    points: [data.rows.map((r) => ({ [d0.id]: r[d0.id], [d1.id]: r[d1.id] }))],
  };
}

function radar(widget: Widget, data: WidgetData, locale: Locale, name: MeasureName): ChartSpec {
  const [d0, d1] = data.dimensions;
  const m = widget.measures[0]?.id ?? '';
  if (!d0 || !d1) return categories(widget, data, locale, name);
  const axes = unique(data.rows.map((r) => r[d1.id]));
  const series = unique(data.rows.map((r) => r[d0.id]));
  const max = Math.max(1, ...data.rows.map((r) => num(r[m])));
  return {
    option: {
      legend: { type: 'scroll', bottom: 0 },
      tooltip: {},
      radar: {
        center: ['50%', '45%'],
        radius: '58%',
        indicator: axes.map((a) => ({ name: valueLabel(data, d1.id, a, locale), max })),
      },
      series: [
        {
          type: 'radar',
          data: series.map((s) => ({
            name: valueLabel(data, d0.id, s, locale),
            value: axes.map((a) => num(data.rows.find((r) => r[d0.id] === s && r[d1.id] === a)?.[m])),
          })),
        },
      ],
    },
    points: [series.map((s) => ({ [d0.id]: s }))],
  };
}

function gauge(widget: Widget, data: WidgetData, locale: Locale): ChartSpec {
  const ratio = widget.measures.find((x) => x.op === 'ratio') ?? widget.measures[widget.measures.length - 1];
  const value = num(data.rows[0]?.[ratio?.id ?? '']);
  const target = typeof widget.options?.target === 'number' ? widget.options.target : undefined;
  const percent = ratio?.op === 'ratio';
  return {
    option: {
      series: [
        {
          type: 'gauge',
          min: 0,
          max: percent ? 100 : Math.max(value * 1.5, 1),
          // The value and the target sit below the hub, where the open arc leaves room.
          detail: { formatter: percent ? '{value}%' : '{value}', offsetCenter: [0, '45%'], fontSize: 22 },
          title: { show: target !== undefined, offsetCenter: [0, '78%'], fontSize: 12 },
          data: [
            {
              value: percent ? Math.round(value * 1000) / 10 : value,
              name:
                target !== undefined
                  ? dashText(locale, 'target', { value: percent ? `${target * 100}%` : target })
                  : '',
            },
          ],
        },
      ],
    },
    points: [[{}]],
  };
}

/**
 * The echarts option of a canvas chart (every chart but kpi, table, pivot and leaderboard).
 * `name` labels measures in legends and axes (default: the measure's label, else its id).
 */
export function chartSpec(
  widget: Widget,
  data: WidgetData,
  locale: Locale,
  name: MeasureName = (id) => measureLabel(widget, id, locale),
): ChartSpec {
  switch (widget.chart) {
    case 'funnel':
      return funnel(widget, data, locale);
    case 'stage_dwell':
      return dwell(data, locale);
    case 'pie':
      return pie(widget, data, locale);
    case 'heatmap':
      return heatmap(widget, data, locale, name);
    case 'radar':
      return radar(widget, data, locale, name);
    case 'gauge':
      return gauge(widget, data, locale);
    default:
      return categories(widget, data, locale, name);
  }
}
