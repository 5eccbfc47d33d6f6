import type { App, Locale } from '@stagecraft/schema';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DesignerCore } from '../core/designer-core.js';
import { normalizeDraft } from '../core/normalize.js';
import { problemsOf, type Target } from '../publish/problems.js';
import { ConflictBanner } from './ConflictBanner.js';
import { DesignerProvider, useDesigner } from './designer-context.js';
import { FormDesigner } from './FormDesigner.js';
import { JsonTab } from './JsonTab.js';
import { PublishPanel } from './PublishPanel.js';
import { StageDesigner } from './StageDesigner.js';
import type { DesignerServices } from './services.js';
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
  /** Milliseconds between the last edit and the autosave (default 800). */
  autosaveDelay?: number;
}

const TABS = ['form', 'stages', 'rules', 'views', 'json', 'publish'] as const;
type Tab = (typeof TABS)[number];
const TAB_KEYS = {
  form: 'tabForm',
  stages: 'tabStages',
  rules: 'tabRules',
  views: 'tabViews',
  json: 'tabJson',
  publish: 'tabPublish',
} as const;

/** The whole designer over one app draft: tabs, undo/redo, autosave with revisions, conflicts, publish. */
export function Designer(props: DesignerProps) {
  const core = useMemo(() => new DesignerCore(props.draft.definition, props.draft.revision), [props.draft]);
  const [selection, select] = useState<Target>({ tab: 'form' });
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

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'error'; message: string }
  | { kind: 'conflict' };

function DesignerFrame({ services, autosaveDelay = 800, onPublished }: DesignerProps) {
  const { core, state, t, locale, published, selection, select } = useDesigner();
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [theirs, setTheirs] = useState<{ revision: number; definition: App } | null>(null);
  const saving = useRef<Promise<boolean> | null>(null);
  const activeTab = selection.tab as Tab;

  const doSave = useCallback(async (): Promise<boolean> => {
    if (saving.current) await saving.current;
    const s = core.state;
    if (!s.dirty) return true;
    const doc = s.doc;
    setSave({ kind: 'saving' });
    const p = services.saveDraft(doc, s.revision).then(async (r) => {
      if (r.ok) {
        core.markSaved(doc, r.value.revision);
        setSave({ kind: 'idle' });
        return true;
      }
      if (r.error.code === 'DRAFT_CONFLICT') {
        setSave({ kind: 'conflict' });
        const latest = await services.loadDraft();
        if (latest.ok)
          setTheirs({ revision: latest.value.revision, definition: normalizeDraft(latest.value.definition) });
        return false;
      }
      setSave({ kind: 'error', message: r.error.message });
      return false;
    });
    saving.current = p;
    const ok = await p;
    saving.current = null;
    return ok;
  }, [core, services]);

  // Autosave: a quiet moment after the last edit, never while a conflict is unresolved.
  // biome-ignore lint/correctness/useExhaustiveDependencies: state.doc re-arms the timer on every edit
  useEffect(() => {
    if (!state.dirty || save.kind === 'conflict') return;
    const timer = setTimeout(() => void doSave(), autosaveDelay);
    return () => clearTimeout(timer);
  }, [state.doc, state.dirty, save.kind, autosaveDelay, doSave]);

  // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) over every designer edit; Monaco keeps its own text undo.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || (e.key.toLowerCase() !== 'z' && e.key.toLowerCase() !== 'y')) return;
      const el = e.target instanceof Element ? e.target : null;
      if (el?.closest('.monaco-editor')) return;
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.blur();
      e.preventDefault();
      if (e.key.toLowerCase() === 'y' || e.shiftKey) core.redo();
      else core.undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [core]);

  const problems = useMemo(() => problemsOf(state.doc, published, locale), [state.doc, published, locale]);
  const status =
    save.kind === 'saving'
      ? t('saving')
      : save.kind === 'error'
        ? t('saveFailed', { m: save.message })
        : state.dirty
          ? t('unsaved')
          : t('saved', { r: state.revision });

  return (
    <div className="sc-designer" data-revision={state.revision}>
      <header className="sc-designer-bar">
        <h2>{t('designer')}</h2>
        <button
          type="button"
          className="sc-button"
          disabled={!state.canUndo}
          onClick={() => core.undo()}
          title="Ctrl+Z"
        >
          ↶ {t('undo')}
        </button>
        <button
          type="button"
          className="sc-button"
          disabled={!state.canRedo}
          onClick={() => core.redo()}
          title="Ctrl+Shift+Z"
        >
          ↷ {t('redo')}
        </button>
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
        <ConflictBanner
          theirs={theirs}
          onRebase={() => {
            if (theirs) core.rebase(theirs.definition, theirs.revision);
            setTheirs(null);
            setSave({ kind: 'idle' });
          }}
          onDiscard={() => {
            if (theirs) core.load(theirs.definition, theirs.revision);
            setTheirs(null);
            setSave({ kind: 'idle' });
          }}
        />
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
        {activeTab === 'views' && <ViewDesigner />}
        {activeTab === 'json' && <JsonTab />}
        {activeTab === 'publish' && (
          <PublishPanel
            services={services}
            problems={problems}
            flush={doSave}
            onPublished={() => onPublished?.()}
          />
        )}
      </div>
    </div>
  );
}
