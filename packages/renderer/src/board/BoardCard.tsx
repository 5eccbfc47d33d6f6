import { useDraggable } from '@dnd-kit/core';
import type { Entity, Locale } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useRuntime } from '../runtime/runtime-context.js';
import type { RecordData } from '../services/runtime-services.js';
import { RecordTitle } from '../titles/RecordTitle.js';

interface Props {
  record: RecordData;
  entity: Entity;
  cardFields: string[];
  stage: string;
  locale: Locale;
  onOpen(record: RecordData): void;
  style?: CSSProperties;
}

/**
 * A draggable card: the record's title and the view's card fields. The pointer drags the whole
 * card; for the keyboard and assistive technology the drag handle is a button of its own beside
 * (not around) the title button that opens the record, so no control is nested in another.
 */
export function BoardCard({ record, entity, cardFields, stage, locale, onOpen, style }: Props) {
  const { registry } = useRuntime();
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, isDragging } = useDraggable({
    id: record.id,
    data: { record, from: stage },
  });
  const moved: CSSProperties = transform
    ? { transform: `translate(${transform.x}px, ${transform.y}px)`, zIndex: 10 }
    : {};
  return (
    <div
      ref={setNodeRef}
      className={isDragging ? 'sc-card-item sc-dragging' : 'sc-card-item'}
      style={{ ...style, ...moved }}
      data-record-id={record.id}
      {...listeners}
    >
      <button
        type="button"
        ref={setActivatorNodeRef}
        className="sc-card-handle"
        {...attributes}
        aria-label={t('board.moveCard')}
      >
        <span aria-hidden="true">⠿</span>
      </button>
      <button
        type="button"
        className="sc-card-title"
        onClick={() => onOpen(record)}
        onPointerDown={(e) => e.stopPropagation()}
      >
        <RecordTitle entity={entity} record={record} locale={locale} />
      </button>
      <dl>
        {cardFields.map((id) => {
          const f = entity.fields.find((x) => x.id === id);
          if (!f || f.id === entity.titleField) return null;
          const Display = registry.field(f.type)?.display;
          return (
            <div key={id}>
              <dt>{localize(f.label, locale)}</dt>
              <dd>
                {Display ? (
                  <Display field={f} value={record[id]} locale={locale} />
                ) : (
                  String(record[id] ?? '')
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}
