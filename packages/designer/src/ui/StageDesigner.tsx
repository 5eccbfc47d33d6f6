import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import type { Stage, StageMachine } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { addStage, addStageMachine, moveStage, removeStage, updateStage } from '../ops/stage-ops.js';
import { CommitInput } from './CommitInput.js';
import { useDesigner } from './designer-context.js';
import { StageDiagram } from './StageDiagram.js';
import { StageProperties } from './StageProperties.js';
import { TransitionsEditor } from './TransitionsEditor.js';

/** Stage machine designer: sortable stages, stage properties, transitions, diagram. */
export function StageDesigner() {
  const { state, t, locale, run, selection, select } = useDesigner();
  const app = state.doc;
  const entity = app.entities.find((e) => e.id === selection.entity) ?? app.entities[0];
  const machine = entity && app.stageMachines.find((m) => m.entity === entity.id);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  if (!entity) return null;
  const onDragEnd = (e: DragEndEvent) => {
    if (!machine || !e.over || e.active.id === e.over.id) return;
    const to = machine.stages.findIndex((s) => `stage:${s.id}` === e.over?.id);
    if (to >= 0) run(moveStage(machine.id, String(e.active.id).slice(6), to));
  };
  const stage = machine?.stages.find((s) => s.id === selection.stage);
  return (
    <div className="sc-stage-designer">
      <div className="sc-toolbar-row">
        <label>
          {t('entity')}{' '}
          <select
            aria-label={t('entity')}
            value={entity.id}
            onChange={(e) => select({ tab: 'stages', entity: e.target.value })}
          >
            {app.entities.map((e) => (
              <option key={e.id} value={e.id}>
                {localize(e.label, locale)} ({e.id})
              </option>
            ))}
          </select>
        </label>
        {!machine && (
          <button
            type="button"
            className="sc-button"
            onClick={() =>
              run(
                addStageMachine(entity.id, `${entity.id}Stages`.slice(0, 40), {
                  'zh-CN': '阶段流程',
                  en: 'Stages',
                }),
              )
            }
          >
            + {t('addMachine')}
          </button>
        )}
      </div>
      {machine && (
        <>
          <StageDiagram machine={machine} />
          <div className="sc-stage-grid">
            <section aria-label={t('stages')}>
              <h3>{t('stages')}</h3>
              <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
                <SortableContext
                  items={machine.stages.map((s) => `stage:${s.id}`)}
                  strategy={verticalListSortingStrategy}
                >
                  <ol className="sc-stage-list">
                    {machine.stages.map((s, i) => (
                      <StageRow
                        key={s.id}
                        machine={machine}
                        stage={s}
                        index={i}
                        selected={stage?.id === s.id}
                      />
                    ))}
                  </ol>
                </SortableContext>
              </DndContext>
              <button type="button" className="sc-button" onClick={() => run(addStage(machine.id))}>
                + {t('addStage')}
              </button>
            </section>
            {stage && <StageProperties machine={machine} stage={stage} entity={entity} />}
          </div>
          <TransitionsEditor machine={machine} entity={entity} />
        </>
      )}
    </div>
  );
}

function StageRow({
  machine,
  stage,
  index,
  selected,
}: {
  machine: StageMachine;
  stage: Stage;
  index: number;
  selected: boolean;
}) {
  const { t, locale, run, select } = useDesigner();
  const { setNodeRef, attributes, listeners, transform, transition } = useSortable({
    id: `stage:${stage.id}`,
  });
  return (
    <li
      ref={setNodeRef}
      className={selected ? 'sc-stage-row selected' : 'sc-stage-row'}
      data-stage={stage.id}
      style={{
        transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
        transition,
      }}
    >
      <button
        type="button"
        className="sc-drag-handle"
        {...attributes}
        {...listeners}
        aria-label={`drag ${stage.id}`}
      >
        ⠿
      </button>
      <CommitInput
        aria-label={`${t('stages')} ${index + 1}`}
        value={localize(stage.label, locale)}
        onFocus={() => select({ tab: 'stages', entity: machine.entity, stage: stage.id })}
        onCommit={(v) =>
          v && run(updateStage(machine.id, stage.id, { label: { ...stage.label, [locale]: v } }))
        }
      />
      <span className="sc-muted sc-small">
        {stage.category} · {stage.probability}%
      </span>
      <button
        type="button"
        className="sc-link"
        onClick={() => select({ tab: 'stages', entity: machine.entity, stage: stage.id })}
      >
        ✎
      </button>
      <button
        type="button"
        className="sc-link"
        aria-label={`${t('remove')} ${stage.id}`}
        onClick={() => run(removeStage(machine.id, stage.id))}
      >
        ×
      </button>
    </li>
  );
}
