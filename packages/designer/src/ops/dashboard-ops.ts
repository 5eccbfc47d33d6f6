import {
  addWidget,
  moveWidget,
  removeWidget,
  type WidgetPicks,
  widgetFromPicks,
  withDashboard,
} from '@stagecraft/renderer';
import type { App, Dashboard } from '@stagecraft/schema';
import { type Command, command } from '../core/command.js';

/** Dashboard `id` of the draft, or a new empty one: the designer may open a dashboard the draft lacks. */
export function dashboardOf(app: App, id: string): Dashboard {
  return (
    app.dashboards.find((d) => d.id === id) ?? {
      kind: 'dashboard',
      id,
      label: { 'zh-CN': id, en: id },
      columns: 12,
      widgets: [],
    }
  );
}

/**
 * A command that edits one dashboard of the draft. It reads the dashboard from the document it runs
 * on, so a rebase after a draft conflict replays it on the other admin's dashboard.
 */
function onDashboard(label: string, dashboardId: string, edit: (d: Dashboard) => Dashboard): Command {
  return command(label, (app) => {
    const before = dashboardOf(app, dashboardId);
    const after = edit(before);
    return after === before ? app : withDashboard(app, after);
  });
}

/**
 * Adds the widget the admin picked. Its id is chosen when the command runs, so a replay on a newer
 * draft whose dashboard already has that id takes the next free one.
 */
export function addDashboardWidget(dashboardId: string, picks: WidgetPicks): Command {
  return onDashboard(`add widget ${picks.label}`, dashboardId, (d) =>
    addWidget(d, widgetFromPicks(d, picks)),
  );
}

/** Moves a widget by whole grid cells; nothing when the widget is gone (another admin removed it). */
export function moveDashboardWidget(dashboardId: string, widgetId: string, dx: number, dy: number): Command {
  return onDashboard(`move widget ${widgetId}`, dashboardId, (d) =>
    d.widgets.some((w) => w.id === widgetId) && (dx !== 0 || dy !== 0) ? moveWidget(d, widgetId, dx, dy) : d,
  );
}

/** Removes a widget; nothing when it is already gone. */
export function removeDashboardWidget(dashboardId: string, widgetId: string): Command {
  return onDashboard(`remove widget ${widgetId}`, dashboardId, (d) =>
    d.widgets.some((w) => w.id === widgetId) ? removeWidget(d, widgetId) : d,
  );
}
