import type { App, Locale } from '@stagecraft/schema';
import { useEffect, useMemo, useState } from 'react';
import { DesignerCore } from '../core/designer-core.js';
import { problemsOf, type Target } from '../publish/problems.js';
import { ApprovalsDesigner } from './ApprovalsDesigner.js';
import { AutomationsDesigner } from './AutomationsDesigner.js';
import { ConflictBanner } from './ConflictBanner.js';
import { DesignerProvider, useDesigner } from './designer-context.js';
import { FormDesigner } from './FormDesigner.js';
import { JsonTab } from './JsonTab.js';
import { PublishPanel } from './PublishPanel.js';
import { RolesDesigner } from './RolesDesigner.js';
import { StageDesigner } from './StageDesigner.js';
import type { DesignerServices } from './services.js';
import { UndoRedoButtons } from './UndoRedoButtons.js';
import { saveStatus, useDraftSession } from './useDraftSession.js';
import { useUndoKeys } from './useUndoKeys.js';
import { ValidationRulesDesigner } from './ValidationRulesDesigner.js';
import { ViewDesigner } from './ViewDesigner.js';

/** Props of the designer: the draft as loaded, the published version, the server port and the language. */
export interface DesignerProps {
  draft: { revision: number; definition: unknown };
  published: App | undefined;
  services: DesignerServices;
  locale: Locale;
  /** Called after a publish or rollback, so the host can reload the runtime. */
  onPublished?(): void;
  /** The tab the designer opens on (default: entities and forms); the shell's "Roles" entry opens `roles`. */
  initialTab?: Target['tab'];
  /** Milliseconds between the last edit and the autosave (default 800). */
  autosaveDelay?: number;
}

const TABS = [
  'form',
  'stages',
  'rules',
  'approvals',
  'automations',
  'views',
  'roles',
  'json',
  'publish',
] as const;
type Tab = (typeof TABS)[number];
const TAB_KEYS = {
  form: 'tabForm',
  stages: 'tabStages',
  rules: 'tabRules',
  approvals: 'tabApprovals',
  automations: 'tabAutomations',
  views: 'tabViews',
  roles: 'tabRoles',
  json: 'tabJson',
  publish: 'tabPublish',
} as const;

/** The whole designer over one app draft: tabs, undo/redo, autosave with revisions, conflicts, publish. */
export function Designer(props: DesignerProps) {
  const core = useMemo(() => new DesignerCore(props.draft.definition, props.draft.revision), [props.draft]);
  const [selection, select] = useState<Target>({ tab: props.initialTab ?? 'form' });
  const [published, setPublished] = useState(props.published);
  useEffect(() => setPublished(props.published), [props.published]);
  return (
    <DesignerProvider value={{ core, locale: props.locale, published, selection, select }}>
      <DesignerFrame
        {...props}
        onPublished={() => {
          void props.services.published().then((r) => r.ok && r.value && setPublished(r.value.definition));
          props.onPublished?.();
        }}
      />
    </DesignerProvider>
  );
}

function DesignerFrame({ services, autosaveDelay = 800, onPublished }: DesignerProps) {
  const { core, state, t, locale, published, selection, select } = useDesigner();
  const session = useDraftSession(core, services, autosaveDelay);
  const { save } = session;
  const activeTab = selection.tab as Tab;
  useUndoKeys(core);

  const problems = useMemo(() => problemsOf(state.doc, published, locale), [state.doc, published, locale]);
  const status = saveStatus(save, state.dirty, state.revision, t);

  return (
    <div className="sc-designer" data-revision={state.revision}>
      <header className="sc-designer-bar">
        <h2>{t('designer')}</h2>
        <UndoRedoButtons />
        <span
          className="sc-save-status"
          role="status"
          data-state={save.kind === 'idle' && !state.dirty ? 'saved' : save.kind}
        >
          {status}
        </span>
        <button type="button" className="sc-link sc-problem-count" onClick={() => select({ tab: 'publish' })}>
          {t('problems', { n: problems.length })}
        </button>
      </header>
      {save.kind === 'conflict' && (
        <ConflictBanner theirs={session.theirs} onRebase={session.rebase} onDiscard={session.discard} />
      )}
      <div role="tablist" className="sc-designer-tabs">
        {TABS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={activeTab === k}
            data-tab={k}
            onClick={() => select({ ...selection, tab: k })}
          >
            {t(TAB_KEYS[k])}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="sc-designer-panel">
        {activeTab === 'form' && <FormDesigner />}
        {activeTab === 'stages' && <StageDesigner />}
        {activeTab === 'rules' && <ValidationRulesDesigner />}
        {activeTab === 'approvals' && <ApprovalsDesigner services={services} />}
        {activeTab === 'automations' && <AutomationsDesigner services={services} />}
        {activeTab === 'views' && <ViewDesigner />}
        {activeTab === 'roles' && <RolesDesigner />}
        {activeTab === 'json' && <JsonTab />}
        {activeTab === 'publish' && (
          <PublishPanel
            services={services}
            problems={problems}
            flush={session.flush}
            onPublished={() => onPublished?.()}
          />
        )}
      </div>
    </div>
  );
}
