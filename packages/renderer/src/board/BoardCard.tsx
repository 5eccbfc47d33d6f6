import { useDraggable } from '@dnd-kit/core';
import type { Entity, Locale } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import type { CSSProperties } from 'react';
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

/** A draggable card: the record's title and the view's card fields. */
export function BoardCard({ record, entity, cardFields, stage, locale, onOpen, style }: Props) {
  const { registry } = useRuntime();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
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
      {...attributes}
    >
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
