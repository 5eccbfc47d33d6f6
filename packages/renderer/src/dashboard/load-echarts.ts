/**
 * echarts, loaded on first use only: the core plus the charts and components dashboards draw, so
 * list pages never download it and the dashboard chunk stays smaller than the full build.
 */
type ECharts = typeof import('echarts/core');

let loading: Promise<ECharts> | undefined;

/** The echarts core with our charts registered (one import, shared by every chart). */
export function loadEcharts(): Promise<ECharts> {
  loading ??= (async () => {
    const [core, charts, components, renderers] = await Promise.all([
      import('echarts/core'),
      import('echarts/charts'),
      import('echarts/components'),
      import('echarts/renderers'),
    ]);
    core.use([
      charts.BarChart,
      charts.LineChart,
      charts.PieChart,
      charts.FunnelChart,
      charts.HeatmapChart,
      charts.RadarChart,
      charts.GaugeChart,
      components.GridComponent,
      components.TooltipComponent,
      components.LegendComponent,
      components.VisualMapComponent,
      components.TitleComponent,
      renderers.CanvasRenderer,
    ]);
    return core;
  })();
  return loading;
}
