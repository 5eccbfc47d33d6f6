import {
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type { BoardView as BoardViewDoc, Entity, Locale, StageMachine } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useRuntime } from '../runtime/runtime-context.js';
import type { RecordData } from '../services/runtime-services.js';
import { titleRefsOf } from '../titles/title-refs.js';
import { useWantTitles } from '../titles/useTitle.js';
import { TransitionDialog } from '../transition/TransitionDialog.js';
import { BoardColumn } from './BoardColumn.js';
import { MoveRefused } from './MoveRefused.js';
import { useBoardColumns } from './useBoardColumns.js';
import { useBoardMove } from './useBoardMove.js';

interface Props {
  view: BoardViewDoc;
  onOpen(record: RecordData): void;
  /** Cards loaded per column at a time; more load as the column scrolls (headers count all). */
  perColumn?: number;
}

/**
 * A board view document: one column per stage, cards with the view's fields, column aggregates.
 * Dropping a card on another column attempts the stage transition; a refused card stays where it
 * was and the explanation shows.
 */
export function BoardView(props: Props) {
  const { app } = useRuntime();
  const entity = app.entities.find((e) => e.id === props.view.entity);
  const machine = app.stageMachines.find((m) => m.id === props.view.stageMachine);
  if (!entity || !machine) return null;
  return <Board {...props} entity={entity} machine={machine} />;
}

function Board({
  view,
  onOpen,
  perColumn = 100,
  entity,
  machine,
}: Props & { entity: Entity; machine: StageMachine }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { app } = useRuntime();
  const { columns, error, reload, loadMore } = useBoardColumns(view, entity, machine, perColumn);
  // Every name the loaded cards show (card fields, lookup titles) in one request, not one per card.
  const refs = useMemo(
    () =>
      titleRefsOf(
        app,
        entity.id,
        Object.values(columns).flatMap((c) => c.records),
        view.cardFields,
      ),
    [app, entity.id, columns, view.cardFields],
  );
  useWantTitles(refs, locale);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    useSensor(KeyboardSensor),
  );
  const move = useBoardMove(entity, machine, reload);

  function onDragEnd(e: DragEndEvent) {
    const data = e.active.data.current as { record: RecordData; from: string } | undefined;
    const to = e.over?.id ? String(e.over.id) : null;
    if (!data || !to || to === data.from) return;
    void move.attempt(data.record, data.from, to);
  }

  return (
    <section className="sc-board-wrap" aria-label={localize(view.label, locale)}>
      {error && (
        <p className="sc-state sc-state-error" role="alert">
          {t('list.error', { message: error })}
        </p>
      )}
      {move.refusal && (
        <MoveRefused
          entity={entity}
          record={move.refusal.record}
          reasons={move.refusal.reasons}
          locale={locale}
          onDismiss={move.dismiss}
        />
      )}
      <DndContext sensors={sensors} onDragEnd={onDragEnd}>
        <div className="sc-board" aria-busy={Object.keys(columns).length === 0 && !error}>
          {machine.stages.map((s) => (
            <BoardColumn
              key={s.id}
              stage={s}
              entity={entity}
              records={columns[s.id]?.records ?? []}
              total={columns[s.id]?.total ?? 0}
              aggregateValues={columns[s.id]?.aggregates ?? {}}
              onNearEnd={() => loadMore(s.id)}
              cardFields={view.cardFields}
              aggregates={view.aggregates ?? []}
              locale={locale}
              onOpen={onOpen}
            />
          ))}
        </div>
      </DndContext>
      {move.dialog && (
        <TransitionDialog
          machine={machine}
          transition={move.dialog.transition}
          entity={entity}
          record={move.dialog.record}
          onCancel={move.closeDialog}
          onDone={() => {
            move.closeDialog();
            reload();
          }}
        />
      )}
    </section>
  );
}
