import {
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { type Dashboard, type Locale, localize, type Widget } from '@stagecraft/schema';
import { useRef } from 'react';

const ROW_PX = 64;
const GAP_PX = 12;

function Tile({
  widget,
  columns,
  locale,
  selected,
  onSelect,
  children,
}: {
  widget: Widget;
  columns: number;
  locale: Locale;
  selected: boolean;
  onSelect: () => void;
  children: React.ReactNode;
}) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: widget.id });
  const l = widget.layout ?? { x: 0, y: 0, w: Math.min(6, columns), h: 4 };
  return (
    <article
      ref={setNodeRef}
      className={`sc-card sc-widget sc-design-tile${selected ? ' sc-selected' : ''}`}
      data-widget={widget.id}
      style={{
        gridColumn: `${l.x + 1} / span ${Math.min(l.w, columns)}`,
        gridRow: `${l.y + 1} / span ${l.h}`,
        transform: transform ? `translate(${transform.x}px, ${transform.y}px)` : undefined,
        zIndex: isDragging ? 10 : undefined,
        outline: selected ? '2px solid #2f6fed' : undefined,
      }}
      onClick={onSelect}
      onKeyDown={(e) => e.key === 'Enter' && onSelect()}
    >
      <h3 className="sc-drag-handle" style={{ cursor: 'move' }} {...listeners} {...attributes}>
        ⠿ {localize(widget.label, locale)}
      </h3>
      <div className="sc-widget-body">{children}</div>
    </article>
  );
}

/**
 * The designer's grid: each widget is a draggable tile (pointer or keyboard, via @dnd-kit); a drop
 * moves it by whole cells (`onMove(id, dx, dy)`), so layouts stay on the document's grid.
 */
export function DashboardLayoutEditor({
  dashboard,
  locale,
  selected,
  onSelect,
  onMove,
  render,
}: {
  dashboard: Dashboard;
  locale: Locale;
  selected: string | null;
  onSelect: (id: string) => void;
  onMove: (id: string, dx: number, dy: number) => void;
  render: (widget: Widget) => React.ReactNode;
}) {
  const grid = useRef<HTMLElement>(null);
  const columns = dashboard.columns ?? 12;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor),
  );
  const onDragEnd = (event: DragEndEvent) => {
    const width = grid.current?.clientWidth ?? 1200;
    const cell = (width + GAP_PX) / columns;
    const dx = Math.round(event.delta.x / cell);
    const dy = Math.round(event.delta.y / (ROW_PX + GAP_PX));
    if (dx || dy) onMove(String(event.active.id), dx, dy);
  };
  return (
    <DndContext sensors={sensors} onDragEnd={onDragEnd}>
      <section
        ref={grid}
        className="sc-dashboard-grid sc-design-grid"
        aria-label={localize(dashboard.label, locale)}
        style={{
          display: 'grid',
          gap: GAP_PX,
          gridAutoRows: ROW_PX,
          gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
        }}
      >
        {dashboard.widgets.map((w) => (
          <Tile
            key={w.id}
            widget={w}
            columns={columns}
            locale={locale}
            selected={selected === w.id}
            onSelect={() => onSelect(w.id)}
          >
            {render(w)}
          </Tile>
        ))}
      </section>
    </DndContext>
  );
}
