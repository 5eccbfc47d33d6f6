import { useDroppable } from '@dnd-kit/core';
import type { ColumnAggregate, Entity, Locale, Stage } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TFunction } from 'i18next';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatValue } from '../format/format-value.js';
import type { RecordData } from '../services/runtime-services.js';
import { BoardCard } from './BoardCard.js';

interface Props {
  stage: Stage;
  entity: Entity;
  records: RecordData[];
  total: number;
  cardFields: string[];
  aggregates: ColumnAggregate[];
  /** Server-computed values by aggregate id (null when the server could not compute them). */
  aggregateValues: Record<string, number | null>;
  locale: Locale;
  onOpen(record: RecordData): void;
  /** Asks for the next cards when the user scrolls near the end of the loaded ones. */
  onNearEnd(): void;
}

/** A card's height: title plus one line per card field (cards are virtualized, so heights are known). */
const cardHeight = (fields: number) => 46 + 20 * fields;

/** One stage column: header with aggregates, then the cards, virtualized for 1,000+ cards. */
export function BoardColumn({
  stage,
  entity,
  records,
  total,
  cardFields,
  aggregates,
  aggregateValues,
  locale,
  onOpen,
  onNearEnd,
}: Props) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: stage.id });
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: records.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => cardHeight(cardFields.length) + 8,
    overscan: 5,
    initialRect: { width: 280, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (records.length < total && lastShown >= records.length - 10) onNearEnd();
  }, [lastShown, records.length, total, onNearEnd]);
  return (
    <section
      ref={setNodeRef}
      className={isOver ? 'sc-column sc-column-over' : 'sc-column'}
      data-stage={stage.id}
      aria-label={localize(stage.label, locale)}
    >
      <header className={`sc-column-head sc-path-cat-${stage.category}`}>
        <h2>{localize(stage.label, locale)}</h2>
        <p className="sc-aggregates">
          {(aggregates.length ? aggregates : [{ id: 'count', op: 'count' as const }]).map((a) => (
            <span key={a.id} data-aggregate={a.id}>
              {aggregateText(a, aggregateValues[a.id] ?? null, records, total, entity, locale, t)}
            </span>
          ))}
        </p>
      </header>
      <div ref={scrollRef} className="sc-column-body">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((vi) => {
            const r = records[vi.index] as RecordData;
            return (
              <BoardCard
                key={r.id}
                record={r}
                entity={entity}
                cardFields={cardFields}
                stage={stage.id}
                locale={locale}
                onOpen={onOpen}
                style={{
                  position: 'absolute',
                  top: vi.start,
                  left: 0,
                  right: 0,
                  height: cardHeight(cardFields.length),
                }}
              />
            );
          })}
        </div>
      </div>
    </section>
  );
}

function aggregateText(
  a: ColumnAggregate,
  fromServer: number | null,
  records: RecordData[],
  total: number,
  entity: Entity,
  locale: Locale,
  t: TFunction,
): string {
  if (a.op === 'count') return t('board.count', { n: formatNumber(total, locale) });
  const field = entity.fields.find((f) => f.id === a.field);
  const v =
    fromServer ??
    localAggregate(
      a.op,
      records.map((r) => r[a.field ?? '']).filter((x): x is number => typeof x === 'number'),
    );
  const label = a.label ? localize(a.label, locale) : t('board.sum');
  return `${label} ${field ? formatValue(field, v, locale) : formatNumber(v, locale)}`;
}

/** The aggregate over the loaded cards, used only when the server's aggregate is unavailable. */
function localAggregate(op: ColumnAggregate['op'], values: number[]): number {
  if (values.length === 0) return 0;
  if (op === 'min') return Math.min(...values);
  if (op === 'max') return Math.max(...values);
  const sum = values.reduce((s, x) => s + x, 0);
  return op === 'avg' ? sum / values.length : sum;
}
