import { useDraggable } from '@dnd-kit/core';
import type { FieldType } from '@stagecraft/schema';
import { FIELD_TYPES, localize } from '@stagecraft/schema';
import { fieldTypeLabel } from '../ops/entity-ops.js';
import { useDesigner } from './designer-context.js';

/** Every field type of the language, each draggable onto the form canvas (pointer or keyboard). */
export function Palette({ onAdd }: { onAdd(type: FieldType): void }) {
  const { t } = useDesigner();
  return (
    <aside className="sc-palette" aria-label={t('palette')}>
      <h3>{t('palette')}</h3>
      <p className="sc-muted sc-small">{t('paletteHint')}</p>
      <ul>
        {FIELD_TYPES.map((type) => (
          <PaletteItem key={type} type={type} onAdd={onAdd} />
        ))}
      </ul>
    </aside>
  );
}

function PaletteItem({ type, onAdd }: { type: FieldType; onAdd(type: FieldType): void }) {
  const { locale } = useDesigner();
  const { setNodeRef, listeners, attributes, isDragging } = useDraggable({
    id: `palette:${type}`,
    data: { type },
  });
  return (
    <li>
      <button
        type="button"
        ref={setNodeRef}
        className={isDragging ? 'sc-palette-item dragging' : 'sc-palette-item'}
        data-type={type}
        {...attributes}
        {...listeners}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onAdd(type);
            return;
          }
          listeners?.onKeyDown?.(e);
        }}
      >
        {localize(fieldTypeLabel(type), locale)}
      </button>
    </li>
  );
}
