import { DashboardLayoutEditor, type DashboardServices, WidgetForm } from '@stagecraft/renderer';
import { type App, type Locale, localize } from '@stagecraft/schema';
import { useMemo, useState } from 'react';
import { DesignerCore } from '../core/designer-core.js';
import {
  addDashboardWidget,
  dashboardOf,
  moveDashboardWidget,
  removeDashboardWidget,
} from '../ops/dashboard-ops.js';
import type { Target } from '../publish/problems.js';
import { ConflictBanner } from './ConflictBanner.js';
import { DesignerProvider, useDesigner } from './designer-context.js';
import type { DesignerServices } from './services.js';
import { UndoRedoButtons } from './UndoRedoButtons.js';
import { saveStatus, useDraftSession } from './useDraftSession.js';
import { useUndoKeys } from './useUndoKeys.js';
import { WidgetPreview } from './WidgetPreview.js';

/** Props of the dashboard designer: the app draft, which dashboard, and the ports it works through. */
export interface DashboardDesignerProps {
  draft: { revision: number; definition: unknown };
  dashboardId: string;
  /** The published app: the widget form picks its entities and fields, previews run against it. */
  published: App;
  /** Draft and publish (the same port as the app designer's). */
  services: DesignerServices;
  /** Widget previews. */
  dashboards: DashboardServices;
  locale: Locale;
  /** Where "Open dashboard" leads. */
  openHref?: string;
  /** Milliseconds between the last edit and the autosave (default 800). */
  autosaveDelay?: number;
}

/**
 * Edits one dashboard of the app draft on a DesignerCore: adding, moving and removing widgets are
 * commands, so they get the app designer's undo/redo (buttons and Ctrl+Z), autosave with the draft's
 * revision, and its conflict handling (another admin's save is never overwritten; the banner offers
 * to reapply these edits on their draft).
 */
export function DashboardDesigner(props: DashboardDesignerProps) {
  const core = useMemo(() => new DesignerCore(props.draft.definition, props.draft.revision), [props.draft]);
  const [selection, select] = useState<Target>({ tab: 'dashboard' });
  return (
    <DesignerProvider value={{ core, locale: props.locale, published: props.published, selection, select }}>
      <DashboardDesignerFrame {...props} />
    </DesignerProvider>
  );
}

function DashboardDesignerFrame({
  dashboardId,
  published,
  services,
  dashboards,
  openHref,
  autosaveDelay = 800,
}: DashboardDesignerProps) {
  const { core, state, t, locale, run } = useDesigner();
  const session = useDraftSession(core, services, autosaveDelay);
  const [selected, setSelected] = useState<string | null>(null);
  const [note, setNote] = useState('');
  useUndoKeys(core);
  const board = dashboardOf(state.doc, dashboardId);
  const current = selected && board.widgets.some((w) => w.id === selected) ? selected : null;

  const publish = async () => {
    setNote('');
    if (!(await session.flush())) return;
    const r = await services.publish();
    setNote(
      r.ok
        ? t('publishedVersion', { v: r.value.version })
        : t('dashboardPublishFailed', { m: r.error.message }),
    );
  };

  return (
    <section className="sc-dashboard-designer" data-revision={state.revision}>
      <h1>
        {t('dashboardDesigner')}: {localize(board.label, locale)}
      </h1>
      <div
        className="sc-designer-bar"
        style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}
      >
        <UndoRedoButtons />
        <button type="button" className="sc-button sc-button-primary" onClick={() => void publish()}>
          {t('dashboardPublish')}
        </button>
        {current && (
          <button
            type="button"
            className="sc-button"
            onClick={() => {
              run(removeDashboardWidget(dashboardId, current));
              setSelected(null);
            }}
          >
            {t('removeWidget')}
          </button>
        )}
        {openHref && <a href={openHref}>{t('openDashboard')}</a>}
        <span
          className="sc-save-status"
          role="status"
          data-state={session.save.kind === 'idle' && !state.dirty ? 'saved' : session.save.kind}
        >
          {saveStatus(session.save, state.dirty, state.revision, t)}
        </span>
        {note && <span className="sc-muted sc-publish-note">{note}</span>}
      </div>
      {session.save.kind === 'conflict' && (
        <ConflictBanner theirs={session.theirs} onRebase={session.rebase} onDiscard={session.discard} />
      )}
      <div
        className="sc-designer-columns"
        style={{ display: 'grid', gridTemplateColumns: 'minmax(220px, 280px) 1fr', gap: 16, marginTop: 12 }}
      >
        <aside className="sc-card">
          <WidgetForm
            app={published}
            locale={locale}
            onAdd={(picks) => {
              const before = new Set(board.widgets.map((w) => w.id));
              run(addDashboardWidget(dashboardId, picks));
              const added = dashboardOf(core.state.doc, dashboardId).widgets.find((w) => !before.has(w.id));
              if (added) setSelected(added.id);
            }}
          />
        </aside>
        <DashboardLayoutEditor
          dashboard={board}
          locale={locale}
          selected={current}
          onSelect={setSelected}
          onMove={(id, dx, dy) => run(moveDashboardWidget(dashboardId, id, dx, dy))}
          render={(w) => <WidgetPreview widget={w} services={dashboards} locale={locale} />}
        />
      </div>
    </section>
  );
}
