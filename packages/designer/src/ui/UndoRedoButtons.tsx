import { useDesigner } from './designer-context.js';

/** Undo and redo over the designer core's own operations (Ctrl+Z / Ctrl+Shift+Z do the same). */
export function UndoRedoButtons() {
  const { core, state, t } = useDesigner();
  return (
    <>
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
    </>
  );
}
