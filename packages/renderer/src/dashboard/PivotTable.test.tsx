// @vitest-environment jsdom
import type { Widget } from '@stagecraft/schema';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithRuntime } from '../testing/render-runtime.js';
import { sampleApp } from '../testing/sample-app.js';
import type { WidgetData } from './dashboard-services.js';
import { WidgetBody } from './WidgetBody.js';

const pivot = (measures: Widget['measures']): Widget => ({
  id: 'p',
  label: { en: 'Pivot', 'zh-CN': '透视' },
  entity: 'deal',
  chart: 'pivot',
  measures,
  dimensions: [
    { id: 'tier', field: 'tier' },
    { id: 'team', field: 'team', label: { en: 'Team', 'zh-CN': '团队' } },
  ],
});

/**
 * Three deals of tier a (east 100; west 200 and 400) and one of tier b (east 500). The totals are
 * the server's: an average of a row is over its records, not the mean of its cells.
 */
const data: WidgetData = {
  widget: 'p',
  kind: 'aggregate',
  dimensions: [
    { id: 'tier', kind: 'field', field: 'tier' },
    { id: 'team', kind: 'field', field: 'team' },
  ],
  rows: [
    { tier: 'a', team: 'east', n: 1, mean: 100 },
    { tier: 'a', team: 'west', n: 2, mean: 300 },
    { tier: 'b', team: 'east', n: 1, mean: 500 },
  ],
  totals: {
    byRow: [
      { tier: 'a', n: 3, mean: 233.333333 },
      { tier: 'b', n: 1, mean: 500 },
    ],
    byColumn: [
      { team: 'east', n: 2, mean: 300 },
      { team: 'west', n: 2, mean: 300 },
    ],
    all: { n: 4, mean: 300 },
  },
  labels: {
    tier: { a: { en: 'Tier A', 'zh-CN': 'A 级' }, b: { en: 'Tier B', 'zh-CN': 'B 级' } },
    team: { east: '华东', west: '华西' },
  },
};

/** The table as text, one array per row, header rows first, the totals row last. */
const grid = () =>
  [...document.querySelectorAll('.sc-pivot tr')].map((tr) =>
    [...tr.querySelectorAll('th, td')].map((c) => c.textContent?.trim()),
  );

describe('pivot widget', () => {
  it('puts the first dimension in rows, the second in columns, the measure in cells, with totals', () => {
    const onPoint = vi.fn();
    renderWithRuntime(
      <WidgetBody widget={pivot([{ id: 'n', op: 'count' }])} data={data} locale="zh-CN" onPoint={onPoint} />,
      sampleApp,
      { locale: 'zh-CN' },
    );
    expect(document.querySelector('.sc-pivot caption')?.textContent).toBe('数量');
    expect(grid()).toEqual([
      ['Tier \\ 团队', '华东', '华西', '合计'],
      ['A 级', '1', '2', '3'],
      ['B 级', '1', '—', '1'],
      ['合计', '2', '2', '4'],
    ]);
    fireEvent.click(screen.getAllByText('2')[0] as HTMLElement);
    expect(onPoint).toHaveBeenLastCalledWith({ tier: 'a', team: 'west' });
    fireEvent.click(screen.getByText('3'));
    expect(onPoint).toHaveBeenLastCalledWith({ tier: 'a' });
    fireEvent.click(screen.getByText('4'));
    expect(onPoint).toHaveBeenLastCalledWith({});
    const westTotal = [...document.querySelectorAll('tfoot button')][1] as HTMLElement;
    fireEvent.click(westTotal);
    expect(onPoint).toHaveBeenLastCalledWith({ team: 'west' });
  });

  it('gives each measure a sub-column and shows the server’s totals, not sums of cells', () => {
    renderWithRuntime(
      <WidgetBody
        widget={pivot([
          { id: 'n', op: 'count' },
          { id: 'mean', op: 'avg', field: 'amount', label: { en: 'Average', 'zh-CN': '平均' } },
        ])}
        data={data}
        locale="en"
      />,
      sampleApp,
    );
    expect(document.querySelector('.sc-pivot caption')).toBeNull();
    expect(grid()).toEqual([
      ['Tier \\ Team', '华东', '华西', 'Total'],
      ['Count', 'Average', 'Count', 'Average', 'Count', 'Average'],
      ['Tier A', '1', '100', '2', '300', '3', '233.33'],
      ['Tier B', '1', '500', '—', '—', '1', '500'],
      ['Total', '2', '300', '2', '300', '4', '300'],
    ]);
  });

  it('with one dimension: its values as rows, the measures as columns, a total row', () => {
    const oneDim: WidgetData = {
      ...data,
      dimensions: [{ id: 'tier', kind: 'field', field: 'tier' }],
      rows: [
        { tier: 'a', n: 3 },
        { tier: 'b', n: 1 },
      ],
      totals: { byRow: [], byColumn: [], all: { n: 4 } },
    };
    renderWithRuntime(
      <WidgetBody
        widget={{ ...pivot([{ id: 'n', op: 'count' }]), dimensions: [{ id: 'tier', field: 'tier' }] }}
        data={oneDim}
        locale="en"
      />,
      sampleApp,
    );
    expect(grid()).toEqual([
      ['Tier', 'Count'],
      ['Tier A', '3'],
      ['Tier B', '1'],
      ['Total', '4'],
    ]);
  });
});
