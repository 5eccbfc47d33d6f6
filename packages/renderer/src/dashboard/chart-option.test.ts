import type { Widget } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { chartSpec, valueLabel } from './chart-option.js';
import type { WidgetData } from './dashboard-services.js';

const widget = (chart: Widget['chart'], extra: Partial<Widget> = {}): Widget =>
  ({
    id: 'w',
    label: { en: 'W' },
    entity: 'deal',
    chart,
    measures: [{ id: 'n', op: 'count' }],
    ...extra,
  }) as Widget;
const data = (
  rows: Record<string, unknown>[],
  dimensions: WidgetData['dimensions'] = [],
  labels: WidgetData['labels'] = {},
): WidgetData => ({
  widget: 'w',
  kind: 'aggregate',
  dimensions,
  rows,
  labels,
});

describe('chartSpec', () => {
  it('funnel: one item per step with its label and conversion, clicks give the stage', () => {
    const spec = chartSpec(
      widget('funnel'),
      data(
        [
          { stage: 'contact', n: 5, conversion: null },
          { stage: 'needs', n: 4, conversion: 0.8 },
        ],
        [],
        {
          stage: {
            contact: { en: 'Contact', 'zh-CN': '初步接触' },
            needs: { en: 'Needs', 'zh-CN': '需求确认' },
          },
        },
      ),
      'zh-CN',
    );
    const series = (
      spec.option.series as {
        type: string;
        data: { name: string; value: number; label: { formatter: string } }[];
      }[]
    )[0];
    expect(series?.type).toBe('funnel');
    expect(series?.data.map((d) => [d.name, d.value, d.label.formatter])).toEqual([
      ['初步接触', 5, '{b}: {c}'],
      ['需求确认', 4, '{b}: {c} (转化率 80%)'],
    ]);
    expect(spec.points).toEqual([[{ stage: 'contact' }, { stage: 'needs' }]]);
  });

  it('funnel by region: shows the first group, and a step click names the group and the stage', () => {
    const spec = chartSpec(
      widget('funnel'),
      data(
        [
          { region: 'east', stage: 'contact', n: 4, conversion: null },
          { region: 'east', stage: 'needs', n: 3, conversion: 0.75 },
          { region: 'west', stage: 'contact', n: 1, conversion: null },
          { region: 'west', stage: 'needs', n: 1, conversion: 1 },
        ],
        [{ id: 'region', kind: 'org', field: 'orgUnit' }],
      ),
      'en',
    );
    const series = (spec.option.series as { data: { value: number }[] }[])[0];
    expect(series?.data.map((d) => d.value)).toEqual([4, 3]);
    expect(spec.points).toEqual([
      [
        { region: 'east', stage: 'contact' },
        { region: 'east', stage: 'needs' },
      ],
    ]);
  });

  it('bar by region: labelled categories, a point per bar for the drill', () => {
    const spec = chartSpec(
      widget('bar'),
      data(
        [
          { region: 'east', n: 3 },
          { region: 'west', n: 1 },
        ],
        [{ id: 'region', kind: 'org', field: 'orgUnit' }],
        { region: { east: 'East region' } },
      ),
      'en',
    );
    expect((spec.option.xAxis as { data: string[] }).data).toEqual(['East region', 'west']);
    expect((spec.option.series as { data: number[] }[])[0]?.data).toEqual([3, 1]);
    expect(spec.points[0]).toEqual([{ region: 'east' }, { region: 'west' }]);
  });

  it('heat map and stacked bars index cells by both dimensions', () => {
    const dims: WidgetData['dimensions'] = [
      { id: 'team', kind: 'field', field: 'team' },
      { id: 'week', kind: 'time', field: 'createdAt' },
    ];
    const rows = [
      { team: 'a', week: '2026-01-05', n: 2 },
      { team: 'b', week: '2026-01-12', n: 7 },
    ];
    const heat = chartSpec(widget('heatmap'), data(rows, dims), 'en');
    expect((heat.option.series as { data: number[][] }[])[0]?.data).toEqual([
      [0, 0, 2],
      [1, 1, 7],
    ]);
    expect(heat.points[0]?.[1]).toEqual({ team: 'b', week: '2026-01-12' });
    const stacked = chartSpec(widget('stacked_bar'), data(rows, dims), 'en');
    expect(
      (stacked.option.series as { stack: string; data: number[] }[]).map((s) => [s.stack, s.data]),
    ).toEqual([
      ['total', [2, 0]],
      ['total', [0, 7]],
    ]);
  });

  it('gauge shows a ratio as a percentage against its target; labels fall back to the value', () => {
    const g = chartSpec(
      widget('gauge', {
        measures: [
          { id: 'a', op: 'count' },
          { id: 'b', op: 'count' },
          { id: 'r', op: 'ratio', numerator: 'b', denominator: 'a' },
        ],
        options: { target: 0.9 },
      }),
      data([{ a: 8, b: 7, r: 0.875 }]),
      'en',
    );
    expect((g.option.series as { data: { value: number; name: string }[] }[])[0]?.data[0]).toEqual({
      value: 87.5,
      name: 'target 90%',
    });
    expect(valueLabel(data([]), 'x', null, 'en')).toBe('—');
  });

  it('names measures in legends through the view (not by id), and keeps heat-map cells readable', () => {
    const dims: WidgetData['dimensions'] = [{ id: 'week', kind: 'time', field: 'createdAt' }];
    const line = chartSpec(
      widget('line', { measures: [{ id: 'weeklyNew', op: 'count' }] }),
      data([{ week: '2026-01-05', weeklyNew: 3 }], dims),
      'zh-CN',
      (id) => (id === 'weeklyNew' ? '数量' : id),
    );
    expect((line.option.series as { name: string }[]).map((x) => x.name)).toEqual(['数量']);
    const teams = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const grid = teams.flatMap((team) => ['2026-01-05', '2026-01-12'].map((week) => ({ team, week, n: 1 })));
    const heatDims: WidgetData['dimensions'] = [
      { id: 'team', kind: 'field', field: 'team' },
      { id: 'week', kind: 'time', field: 'createdAt' },
    ];
    const heat = chartSpec(widget('heatmap'), data(grid, heatDims), 'en');
    const series = (heat.option.series as { label: { show: boolean } }[])[0];
    expect(series?.label.show).toBe(false);
    expect((heat.option.grid as { containLabel: boolean }).containLabel).toBe(true);
    const small = chartSpec(widget('heatmap'), data(grid.slice(0, 4), heatDims), 'en');
    expect((small.option.series as { label: { show: boolean } }[])[0]?.label.show).toBe(true);
  });
});
