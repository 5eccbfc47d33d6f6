import { API } from '@stagecraft/contract';
import {
  addWidget,
  DashboardLayoutEditor,
  type DashboardServices,
  moveWidget,
  removeWidget,
  useRuntime,
  WidgetBody,
  type WidgetData,
  WidgetForm,
  widgetFromPicks,
  withDashboard,
} from '@stagecraft/renderer';
import type { Locale, Widget } from '@stagecraft/schema';
import { Dashboard, localize } from '@stagecraft/schema';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.js';
import { href } from '../../shell/route.js';
import { httpDashboardServices } from '../DashboardServicesHttp.js';

/** The draft as the designer edits it: the document, with its dashboards read by the model. */
interface DesignerDraft {
  revision: number;
  definition: Record<string, unknown> & { dashboards: Dashboard[] };
}

const T = {
  en: {
    title: 'Dashboard designer',
    save: 'Save draft',
    publish: 'Publish',
    saved: 'Saved (revision {r})',
    published: 'Published version {v}',
    remove: 'Remove',
    open: 'Open dashboard',
    loading: 'Loading…',
    error: 'Error: {m}',
    undo: 'Undo',
  },
  'zh-CN': {
    title: '仪表盘设计器',
    save: '保存草稿',
    publish: '发布',
    saved: '已保存（修订 {r}）',
    published: '已发布版本 {v}',
    remove: '删除',
    open: '打开仪表盘',
    loading: '加载中…',
    error: '错误：{m}',
    undo: '撤销',
  },
};
const fill = (s: string, v: Record<string, string | number>) =>
  s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));

/** The live preview of one widget (runs the unsaved widget against the published app). */
function Preview({
  widget,
  services,
  locale,
}: {
  widget: Widget;
  services: DashboardServices;
  locale: Locale;
}) {
  const key = JSON.stringify({ ...widget, layout: undefined, label: undefined });
  const [data, setData] = useState<WidgetData | string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run only when the query changes, not the layout
  useEffect(() => {
    setData(null);
    void services.preview(widget).then((r) => setData(r.ok ? r.value : r.error.message));
  }, [key, services]);
  if (data === null) return <p className="sc-state">…</p>;
  if (typeof data === 'string') return <p className="sc-state sc-state-error">{data}</p>;
  return <WidgetBody widget={widget} data={data} locale={locale} />;
}

/**
 * Admin: edit a dashboard of the app draft: add a widget (entity, measure, dimension, chart), drag
 * tiles on the grid, see each widget live, save the draft and publish.
 */
export function DashboardDesigner({ app, dashboard: dashboardId }: { app: string; dashboard: string }) {
  const { i18n } = useTranslation();
  const locale = (i18n.language === 'en' ? 'en' : 'zh-CN') as Locale;
  const t = T[locale];
  const { app: published } = useRuntime();
  const services = useMemo(() => httpDashboardServices(app), [app]);
  const [draft, setDraft] = useState<DesignerDraft | string | null>(null);
  const [history, setHistory] = useState<Dashboard[]>([]);
  const [board, setBoard] = useState<Dashboard | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    void call(API.apps.getDraft, { params: { app } }).then((r) => {
      if (!r.ok) return setDraft(r.error.message);
      // A draft is work in progress: its dashboards are read with the model, not assumed.
      const dashboards = Dashboard.array().safeParse(r.value.definition.dashboards ?? []);
      if (!dashboards.success) return setDraft(dashboards.error.issues[0]?.message ?? 'dashboards');
      setDraft({
        revision: r.value.revision,
        definition: { ...r.value.definition, dashboards: dashboards.data },
      });
      setBoard(
        dashboards.data.find((d) => d.id === dashboardId) ?? {
          kind: 'dashboard',
          id: dashboardId,
          label: { 'zh-CN': dashboardId, en: dashboardId },
          columns: 12,
          widgets: [],
        },
      );
    });
  }, [app, dashboardId]);

  if (draft === null || (typeof draft !== 'string' && !board)) return <p className="sc-state">{t.loading}</p>;
  if (typeof draft === 'string' || !board)
    return <p className="sc-state sc-state-error">{fill(t.error, { m: String(draft) })}</p>;
  const edit = (next: Dashboard) => {
    setHistory((h) => [...h, board]);
    setBoard(next);
  };
  const save = async () => {
    const definition = withDashboard(draft.definition, board);
    const r = await call(API.apps.saveDraft, {
      params: { app },
      body: { definition, baseRevision: draft.revision },
    });
    if (!r.ok) return setStatus(fill(t.error, { m: r.error.message }));
    setDraft({ revision: r.value.revision, definition });
    setStatus(fill(t.saved, { r: r.value.revision }));
    return true;
  };
  return (
    <section className="sc-dashboard-designer">
      <h1>
        {t.title}: {localize(board.label, locale)}
      </h1>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
        <button type="button" className="sc-button" onClick={() => void save()}>
          {t.save}
        </button>
        <button
          type="button"
          className="sc-button sc-button-primary"
          onClick={async () => {
            if (!(await save())) return;
            const r = await call(API.apps.publish, { params: { app } });
            if (!r.ok) return setStatus(fill(t.error, { m: r.error.message }));
            // Without `dryRun` the answer is the new version (201), never a dry run's report.
            if ('version' in r.value) setStatus(fill(t.published, { v: r.value.version }));
          }}
        >
          {t.publish}
        </button>
        <button
          type="button"
          className="sc-button"
          disabled={!history.length}
          onClick={() => {
            setBoard(history[history.length - 1] ?? board);
            setHistory((h) => h.slice(0, -1));
          }}
        >
          {t.undo}
        </button>
        {selected && (
          <button
            type="button"
            className="sc-button"
            onClick={() => {
              edit(removeWidget(board, selected));
              setSelected(null);
            }}
          >
            {t.remove}
          </button>
        )}
        <a href={href({ page: 'dashboard', app, dashboard: board.id })}>{t.open}</a>
        <span role="status" className="sc-muted">
          {status}
        </span>
      </div>
      <div
        className="sc-designer-columns"
        style={{ display: 'grid', gridTemplateColumns: 'minmax(220px, 280px) 1fr', gap: 16, marginTop: 12 }}
      >
        <aside className="sc-card">
          <WidgetForm
            app={published}
            locale={locale}
            onAdd={(picks) => {
              const w = widgetFromPicks(board, picks);
              edit(addWidget(board, w));
              setSelected(w.id);
            }}
          />
        </aside>
        <DashboardLayoutEditor
          dashboard={board}
          locale={locale}
          selected={selected}
          onSelect={setSelected}
          onMove={(id, dx, dy) => edit(moveWidget(board, id, dx, dy))}
          render={(w) => <Preview widget={w} services={services} locale={locale} />}
        />
      </div>
    </section>
  );
}
