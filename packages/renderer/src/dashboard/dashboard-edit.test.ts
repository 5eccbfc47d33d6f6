import type { Dashboard } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import {
  addWidget,
  moveWidget,
  nextRow,
  removeWidget,
  widgetFromPicks,
  withDashboard,
} from './dashboard-edit.js';

const board: Dashboard = {
  id: 'board',
  label: { en: 'Board' },
  columns: 12,
  widgets: [
    {
      id: 'widget1',
      label: { en: 'A' },
      entity: 'deal',
      chart: 'kpi',
      measures: [{ id: 'n', op: 'count' }],
      layout: { x: 0, y: 0, w: 3, h: 2 },
    },
    {
      id: 'other',
      label: { en: 'B' },
      entity: 'deal',
      chart: 'bar',
      measures: [{ id: 'n', op: 'count' }],
      layout: { x: 3, y: 0, w: 6, h: 5 },
    },
  ],
};

describe('dashboard edits', () => {
  it('builds a widget from the picks with a free id, placed below the others', () => {
    const w = widgetFromPicks(board, {
      entity: 'deal',
      chart: 'line',
      label: 'Per week',
      measure: { op: 'sum', field: 'amount' },
      dimension: { field: 'createdAt', bucket: 'week' },
    });
    expect(w).toEqual({
      id: 'widget3',
      label: { 'zh-CN': 'Per week', en: 'Per week' },
      entity: 'deal',
      chart: 'line',
      measures: [{ id: 'widget3m', op: 'sum', field: 'amount' }],
      dimensions: [{ id: 'widget3d', field: 'createdAt', bucket: 'week' }],
      layout: { x: 0, y: 5, w: 6, h: 4 },
    });
    const funnel = widgetFromPicks(board, {
      entity: 'deal',
      chart: 'funnel',
      label: 'F',
      measure: { op: 'count' },
      dimension: { field: 'stage' },
      stageMachine: 'pipe',
    });
    expect(funnel).toMatchObject({ stageMachine: 'pipe', measures: [{ op: 'count' }] });
    expect(funnel.dimensions).toBeUndefined();
    expect(nextRow(addWidget(board, w))).toBe(9);
    expect(removeWidget(addWidget(board, w), 'widget3').widgets.map((x) => x.id)).toEqual([
      'widget1',
      'other',
    ]);
  });

  it('moves a widget by cells, clamped to the grid', () => {
    expect(moveWidget(board, 'other', 2, 3).widgets[1]?.layout).toEqual({ x: 5, y: 3, w: 6, h: 5 });
    expect(moveWidget(board, 'other', 20, -9).widgets[1]?.layout).toEqual({ x: 6, y: 0, w: 6, h: 5 });
    expect(moveWidget(board, 'widget1', -4, 1).widgets[0]?.layout).toEqual({ x: 0, y: 1, w: 3, h: 2 });
  });

  it('replaces or adds the dashboard in an app draft', () => {
    const app = { id: 'x', dashboards: [board] };
    const moved = moveWidget(board, 'other', 1, 0);
    expect(withDashboard(app, moved).dashboards).toEqual([moved]);
    const bare: { id: string; dashboards?: Dashboard[] } = { id: 'y' };
    expect(withDashboard(bare, board).dashboards).toEqual([board]);
  });
});
