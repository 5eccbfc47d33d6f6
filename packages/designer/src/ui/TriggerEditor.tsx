import type { Automation, Entity, Trigger } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { defaultTrigger, triggerTypesFor } from '../ops/automation-ops.js';
import { CommitInput } from './CommitInput.js';
import { useDesigner } from './designer-context.js';
import { IdChips } from './IdChips.js';
import { RuleBuilder } from './RuleBuilder.js';

const SYSTEM_DATES = ['createdAt', 'updatedAt', 'stageEnteredAt'] as const;

/** Picks what starts an automation and its details: fields, stages, a date field and offset, a cron. */
export function TriggerEditor({
  automation,
  entity,
  onChange,
}: {
  automation: Automation;
  entity: Entity;
  onChange(trigger: Trigger): void;
}) {
  const { state, t, locale } = useDesigner();
  const app = state.doc;
  const trigger = automation.trigger;
  const machine = app.stageMachines.find((m) => m.entity === entity.id);
  const stages = (machine?.stages ?? []).map((s) => ({
    id: s.id,
    label: localize(s.label, locale),
    sla: s.sla,
  }));
  const fields = entity.fields.map((f) => ({ id: f.id, label: localize(f.label, locale) }));
  const dates = [
    ...entity.fields
      .filter((f) => f.type === 'date' || f.type === 'datetime')
      .map((f) => ({ id: f.id, label: localize(f.label, locale) })),
    ...SYSTEM_DATES.map((id) => ({ id, label: t(`field_${id}`) })),
  ];
  const hours = (v: number | undefined, set: (n: number) => void) => (
    <label>
      {t('offsetHours')}{' '}
      <CommitInput
        type="number"
        value={String(v ?? 0)}
        onCommit={(s) => Number.isFinite(Number(s)) && set(Number(s))}
      />
    </label>
  );
  return (
    <fieldset className="sc-trigger" data-trigger={trigger.type}>
      <legend>{t('trigger')}</legend>
      <select
        aria-label={t('trigger')}
        value={trigger.type}
        onChange={(e) => onChange(defaultTrigger(app, entity.id, e.target.value as Trigger['type']))}
      >
        {triggerTypesFor(app, entity.id).map((k) => (
          <option key={k} value={k}>
            {t(`trigger_${k}`)}
          </option>
        ))}
      </select>
      {trigger.type === 'record_updated' && (
        <IdChips
          legend={t('watchedFields')}
          options={fields}
          value={trigger.fields}
          onChange={(ids) => onChange(ids.length ? { ...trigger, fields: ids } : { type: trigger.type })}
        />
      )}
      {trigger.type === 'stage_changed' && (
        <IdChips
          legend={t('toStages')}
          options={stages}
          value={trigger.to}
          onChange={(ids) => onChange(ids.length ? { type: trigger.type, to: ids } : { type: trigger.type })}
        />
      )}
      {trigger.type === 'stage_sla' && (
        <>
          <IdChips
            legend={t('slaStages')}
            options={stages.filter((s) => s.sla)}
            value={trigger.stages}
            onChange={(ids) => {
              const { stages: _, ...rest } = trigger;
              onChange(ids.length ? { ...rest, stages: ids } : rest);
            }}
          />
          {hours(trigger.offsetHours, (offsetHours) => onChange({ ...trigger, offsetHours }))}
        </>
      )}
      {trigger.type === 'relative_time' && (
        <>
          <label>
            {t('dateField')}{' '}
            <select value={trigger.field} onChange={(e) => onChange({ ...trigger, field: e.target.value })}>
              {dates.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.label}
                </option>
              ))}
            </select>
          </label>
          {hours(trigger.offsetHours, (offsetHours) => onChange({ ...trigger, offsetHours }))}
        </>
      )}
      {(trigger.type === 'relative_time' || trigger.type === 'stage_sla') && (
        <RuleBuilder
          name={`${automation.id}-unless`}
          label={t('unlessRule')}
          value={trigger.unless}
          fields={entity.fields}
          onChange={(v) => {
            const { unless: _, ...rest } = trigger;
            onChange(v === undefined ? rest : ({ ...rest, unless: v } as Trigger));
          }}
        />
      )}
      {trigger.type === 'schedule' && (
        <label>
          {t('cron')}{' '}
          <CommitInput
            value={trigger.cron}
            onCommit={(cron) => cron.trim().length >= 9 && onChange({ ...trigger, cron: cron.trim() })}
          />
        </label>
      )}
    </fieldset>
  );
}
