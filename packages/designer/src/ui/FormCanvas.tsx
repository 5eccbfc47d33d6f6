import { useDroppable } from '@dnd-kit/core';
import { rectSortingStrategy, SortableContext, useSortable } from '@dnd-kit/sortable';
import type { Entity, Form, FormItem, FormSection } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { addSection, removeSection, updateSection } from '../ops/form-ops.js';
import { CommitInput } from './CommitInput.js';
import { useDesigner } from './designer-context.js';

/** The form as sections of sortable items; palette types and items drop here. */
export function FormCanvas({ form, entity }: { form: Form; entity: Entity }) {
  const { t, run } = useDesigner();
  return (
    <section className="sc-canvas" aria-label={t('canvas')}>
      {form.sections.map((s) => (
        <SectionDrop key={s.id} form={form} section={s} entity={entity} />
      ))}
      <div className="sc-canvas-actions">
        <button
          type="button"
          className="sc-button"
          onClick={() => run(addSection(form.id, { 'zh-CN': '新分组', en: 'New section' }))}
        >
          + {t('addSection')}
        </button>
      </div>
    </section>
  );
}

function SectionDrop({ form, section, entity }: { form: Form; section: FormSection; entity: Entity }) {
  const { t, locale, run } = useDesigner();
  const { setNodeRef, isOver } = useDroppable({ id: `section:${section.id}`, data: { section: section.id } });
  const cols = section.columns ?? 1;
  return (
    <div
      ref={setNodeRef}
      className={isOver ? 'sc-canvas-section over' : 'sc-canvas-section'}
      data-section={section.id}
    >
      <header>
        <CommitInput
          aria-label={`${t('section')} ${section.id}`}
          value={localize(section.label, locale)}
          placeholder={t('section')}
          onCommit={(v) =>
            run(
              updateSection(form.id, section.id, {
                label: v ? { ...section.label, [locale]: v } : undefined,
              }),
            )
          }
        />
        <label>
          {t('columns')}{' '}
          <select
            value={cols}
            onChange={(e) => run(updateSection(form.id, section.id, { columns: Number(e.target.value) }))}
            aria-label={`${t('columns')} ${section.id}`}
          >
            {[1, 2, 3, 4].map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        {form.sections.length > 1 && (
          <button type="button" className="sc-link" onClick={() => run(removeSection(form.id, section.id))}>
            {t('remove')}
          </button>
        )}
      </header>
      <SortableContext items={section.items.map((i) => `item:${i.id}`)} strategy={rectSortingStrategy}>
        <ul className="sc-canvas-items" style={{ gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))` }}>
          {section.items.map((item) => (
            <CanvasItem key={item.id} item={item} entity={entity} />
          ))}
        </ul>
      </SortableContext>
      {section.items.length === 0 && <p className="sc-canvas-empty">{t('dropHere')}</p>}
    </div>
  );
}

function CanvasItem({ item, entity }: { item: FormItem; entity: Entity }) {
  const { locale, select, selection, t } = useDesigner();
  const { setNodeRef, attributes, listeners, transform, transition, isDragging } = useSortable({
    id: `item:${item.id}`,
    data: { item: item.id },
  });
  const field = entity.fields.find((f) => f.id === item.field);
  const selected = selection.item === item.id;
  return (
    <li
      ref={setNodeRef}
      style={{
        transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
        transition,
        gridColumn: item.span ? `span ${item.span}` : undefined,
      }}
      className={`sc-canvas-item${selected ? ' selected' : ''}${isDragging ? ' dragging' : ''}`}
      data-item={item.id}
    >
      <button
        type="button"
        className="sc-drag-handle"
        {...attributes}
        {...listeners}
        aria-label={`drag ${item.id}`}
      >
        ⠿
      </button>
      <button
        type="button"
        className="sc-canvas-field"
        onClick={() => select({ tab: 'form', entity: entity.id, item: item.id, field: item.field })}
      >
        <strong>{field ? localize(field.label, locale) : item.field}</strong>
        {field?.required && <span className="sc-required"> *</span>}
        <span className="sc-muted sc-small"> {field?.type ?? '?'}</span>
        {item.visibleWhen !== undefined && <span className="sc-badge">{t('visibleWhen')}</span>}
      </button>
    </li>
  );
}
