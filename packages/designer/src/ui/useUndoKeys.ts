import { useEffect } from 'react';
import type { DesignerCore } from '../core/designer-core.js';

/** Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) over every designer edit; Monaco keeps its own text undo. */
export function useUndoKeys(core: DesignerCore): void {
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
}
