import type { Entity, Stage, StageMachine } from '@stagecraft/schema';
import { FORECAST_CATEGORIES, localize, STAGE_CATEGORIES } from '@stagecraft/schema';
import { updateStage } from '../ops/stage-ops.js';
import { CommitInput } from './CommitInput.js';
import { useDesigner } from './designer-context.js';

/** Properties of one stage: labels, category, probability, forecast category, SLA, guidance, key fields. */
export function StageProperties({
  machine,
  stage,
  entity,
}: {
  machine: StageMachine;
  stage: Stage;
  entity: Entity;
}) {
  const { t, locale, run } = useDesigner();
  const set = (patch: Partial<Stage>) => run(updateStage(machine.id, stage.id, patch));
  const keys = new Set((stage.keyFields ?? []).map((k) => k.field));
  return (
    <aside className="sc-properties" aria-label={t('properties')}>
      <h3>
        {t('properties')}: {localize(stage.label, locale)}
      </h3>
      <label>
        {t('labelZh')}
        <CommitInput
          value={stage.label['zh-CN'] ?? ''}
          onCommit={(v) => v && set({ label: { ...stage.label, 'zh-CN': v } })}
        />
      </label>
      <label>
        {t('labelEn')}
        <CommitInput
          value={stage.label.en ?? ''}
          onCommit={(v) => v && set({ label: { ...stage.label, en: v } })}
        />
      </label>
      <label>
        {t('category')}
        <select
          value={stage.category}
          onChange={(e) => set({ category: e.target.value as Stage['category'] })}
        >
          {STAGE_CATEGORIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label>
        {t('probability')}
        <CommitInput
          type="number"
          min={0}
          max={100}
          value={String(stage.probability)}
          onCommit={(v) => set({ probability: Number(v) })}
        />
      </label>
      <label>
        {t('forecast')}
        <select
          value={stage.forecastCategory}
          onChange={(e) => set({ forecastCategory: e.target.value as Stage['forecastCategory'] })}
        >
          {FORECAST_CATEGORIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label>
        {t('slaHours')}
        <CommitInput
          type="number"
          min={1}
          value={stage.sla ? String(stage.sla.maxHours) : ''}
          onCommit={(v) => set({ sla: Number(v) > 0 ? { ...stage.sla, maxHours: Number(v) } : undefined })}
        />
      </label>
      <label>
        {t('guidance')}
        <CommitInput
          value={stage.guidance?.en ?? ''}
          onCommit={(v) => set({ guidance: v ? { ...stage.guidance, en: v } : undefined })}
        />
      </label>
      <fieldset>
        <legend>{t('keyFields')}</legend>
        {entity.fields.map((f) => (
          <label key={f.id} className="sc-check">
            <input
              type="checkbox"
              checked={keys.has(f.id)}
              onChange={(e) => {
                const next = e.target.checked
                  ? [...(stage.keyFields ?? []), { field: f.id }]
                  : (stage.keyFields ?? []).filter((k) => k.field !== f.id);
                set({ keyFields: next.length > 0 ? next : undefined });
              }}
            />{' '}
            {localize(f.label, locale)}
          </label>
        ))}
      </fieldset>
      <label className="sc-check">
        <input
          type="radio"
          name="initial"
          checked={machine.initialStage === stage.id}
          onChange={() =>
            run({
              label: 'initial stage',
              run: (app) => ({
                ...app,
                stageMachines: app.stageMachines.map((m) =>
                  m.id === machine.id ? { ...m, initialStage: stage.id } : m,
                ),
              }),
            })
          }
        />{' '}
        {t('initial')}
      </label>
    </aside>
  );
}
