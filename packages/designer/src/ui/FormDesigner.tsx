import {
  type CollisionDetection,
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import type { FieldType, Form } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { batch } from '../core/command.js';
import { idFromLabel, uniqueId } from '../core/ids.js';
import { addEntity } from '../ops/entity-ops.js';
import { addForm, dropNewField, moveFormItem } from '../ops/form-ops.js';
import { CommitInput } from './CommitInput.js';
import { useDesigner } from './designer-context.js';
import { FieldProperties } from './FieldProperties.js';
import { FormCanvas } from './FormCanvas.js';
import { FormPreview } from './FormPreview.js';
import { Palette } from './Palette.js';

/** Items under the pointer win over their section; the keyboard (no pointer) falls back to centres. */
const collision: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  const items = within.filter((c) => String(c.id).startsWith('item:'));
  if (items.length > 0) return items;
  return within.length > 0 ? within : closestCenter(args);
};

function locate(form: Form, itemId: string): { section: string; index: number } | null {
  for (const s of form.sections) {
    const index = s.items.findIndex((i) => i.id === itemId);
    if (index >= 0) return { section: s.id, index };
  }
  return null;
}

/** Entity and form designer: entity picker, palette, canvas, property panel, live preview. */
export function FormDesigner() {
  const { state, t, locale, run, selection, select } = useDesigner();
  const app = state.doc;
  const entity = app.entities.find((e) => e.id === selection.entity) ?? app.entities[0];
  const form = entity && app.forms.find((f) => f.entity === entity.id);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const onDragEnd = (e: DragEndEvent) => {
    if (!form || !e.over) return;
    const overId = String(e.over.id);
    const target = overId.startsWith('section:')
      ? {
          section: overId.slice(8),
          index: form.sections.find((s) => `section:${s.id}` === overId)?.items.length ?? 0,
        }
      : locate(form, overId.slice(5));
    if (!target) return;
    const activeId = String(e.active.id);
    if (activeId.startsWith('palette:'))
      run(dropNewField({ form: form.id, ...target }, activeId.slice(8) as FieldType));
    else if (activeId.startsWith('item:') && activeId !== overId)
      run(moveFormItem(form.id, activeId.slice(5), target));
  };
  const addAtEnd = (type: FieldType) => {
    const last = form?.sections.at(-1);
    if (form && last) run(dropNewField({ form: form.id, section: last.id, index: last.items.length }, type));
  };
  const newEntity = (label: string) => {
    const taken = app.entities.map((e) => e.id);
    const id = idFromLabel(label) || 'entity';
    const free = taken.includes(id) ? uniqueId(id, taken) : id;
    const labels = { 'zh-CN': label, en: label };
    const cmd = addEntity(free, labels);
    const withForm = batch(`add entity ${free}`, cmd, {
      label: '',
      run: (doc) => {
        const ent = doc.entities.find((x) => x.id === free);
        return ent ? addForm(ent, `${free}Form`.slice(0, 40)).run(doc) : doc;
      },
    });
    run(withForm);
    select({ tab: 'form', entity: free });
  };

  const item = form?.sections.flatMap((s) => s.items).find((i) => i.id === selection.item);
  return (
    <div className="sc-form-designer">
      <div className="sc-toolbar-row">
        <label>
          {t('entity')}{' '}
          <select
            aria-label={t('entity')}
            value={entity?.id ?? ''}
            onChange={(e) => select({ tab: 'form', entity: e.target.value })}
          >
            {app.entities.map((e) => (
              <option key={e.id} value={e.id}>
                {localize(e.label, locale)} ({e.id})
              </option>
            ))}
          </select>
        </label>
        <CommitInput
          key={`add-${app.entities.length}`}
          clearOnCommit
          aria-label={t('addEntity')}
          placeholder={`+ ${t('addEntity')}`}
          value=""
          onCommit={(v) => v.trim() && newEntity(v.trim())}
        />
      </div>
      {entity && !form && (
        <p>
          {t('noForm')}{' '}
          <button
            type="button"
            className="sc-button"
            onClick={() => run(addForm(entity, `${entity.id}Form`.slice(0, 40)))}
          >
            {t('addForm')}
          </button>
        </p>
      )}
      {entity && form && (
        <DndContext sensors={sensors} collisionDetection={collision} onDragEnd={onDragEnd}>
          <div className="sc-form-grid">
            <Palette onAdd={addAtEnd} />
            <FormCanvas form={form} entity={entity} />
            {item ? (
              <FieldProperties entity={entity} form={form} item={item} />
            ) : (
              <aside className="sc-properties">
                <h3>{t('properties')}</h3>
                <p className="sc-muted">{t('selectSomething')}</p>
              </aside>
            )}
          </div>
        </DndContext>
      )}
      {entity && form && <FormPreview app={app} form={form} entity={entity} />}
    </div>
  );
}
