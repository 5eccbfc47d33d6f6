import type { App } from '@stagecraft/schema';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { DesignerCore } from '../core/designer-core.js';
import { normalizeDraft } from '../core/normalize.js';
import type { T } from '../i18n/messages.js';
import type { DesignerServices } from './services.js';

/** Where the draft's autosave stands. */
export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'error'; message: string }
  | { kind: 'conflict' };

/** The save side of a designer session: autosave, flush, and the way out of a draft conflict. */
export interface DraftSession {
  save: SaveState;
  /** The other admin's draft after a DRAFT_CONFLICT (null while it loads or when there is none). */
  theirs: { revision: number; definition: App } | null;
  /** Saves now (waits for a save in flight); false when it did not reach the server. */
  flush(): Promise<boolean>;
  /** Takes their draft and replays this admin's unsaved edits on it. */
  rebase(): void;
  /** Takes their draft and drops this admin's unsaved edits. */
  discard(): void;
}

/**
 * Saves a DesignerCore's document to the draft with its base revision: a quiet moment after the last
 * edit (never while a conflict is unresolved), or on `flush()`. A stale revision is a conflict, not
 * an overwrite: the session loads their draft for the ConflictBanner. Every designer (the app
 * designer, the dashboard designer) saves through this one hook.
 */
export function useDraftSession(
  core: DesignerCore,
  services: DesignerServices,
  autosaveDelay: number,
): DraftSession {
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [theirs, setTheirs] = useState<{ revision: number; definition: App } | null>(null);
  const saving = useRef<Promise<boolean> | null>(null);

  const flush = useCallback(async (): Promise<boolean> => {
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

  const subscribe = useCallback((cb: () => void) => core.subscribe(cb), [core]);
  const state = useSyncExternalStore(subscribe, () => core.state);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the document re-arms the timer on every edit
  useEffect(() => {
    if (!state.dirty || save.kind === 'conflict') return;
    const timer = setTimeout(() => void flush(), autosaveDelay);
    return () => clearTimeout(timer);
  }, [state.doc, state.dirty, save.kind, autosaveDelay, flush]);

  const settle = (apply: (draft: { revision: number; definition: App }) => void) => {
    if (theirs) apply(theirs);
    setTheirs(null);
    setSave({ kind: 'idle' });
  };
  return {
    save,
    theirs,
    flush,
    rebase: () => settle((d) => core.rebase(d.definition, d.revision)),
    discard: () => settle((d) => core.load(d.definition, d.revision)),
  };
}

/** The status line of a session: saving, not saved (why), unsaved, or the saved revision. */
export function saveStatus(save: SaveState, dirty: boolean, revision: number, t: T): string {
  if (save.kind === 'saving') return t('saving');
  if (save.kind === 'error') return t('saveFailed', { m: save.message });
  return dirty ? t('unsaved') : t('saved', { r: revision });
}
