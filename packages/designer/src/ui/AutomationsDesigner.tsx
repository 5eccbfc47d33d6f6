import type { Automation } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useEffect, useState } from 'react';
import {
  ACTION_TYPES,
  addAutomation,
  addAutomationAction,
  defaultAction,
  removeAutomation,
  removeAutomationAction,
  updateAutomation,
  updateAutomationAction,
} from '../ops/automation-ops.js';
import { ActionEditor } from './ActionEditor.js';
import { useDesigner } from './designer-context.js';
import { LabelInput } from './LabelInput.js';
import { RuleBuilder } from './RuleBuilder.js';
import type { DesignerServices } from './services.js';
import { TriggerEditor } from './TriggerEditor.js';

/**
 * The automations of an entity: trigger → condition (the visual rule builder) → actions, each
 * picked from lists of what the app holds, never typed as ids. Published with the app.
 */
export function AutomationsDesigner({ services }: { services: DesignerServices }) {
  const { state, t, locale, run, selection, select } = useDesigner();
  const [people, setPeople] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    void services.people?.().then((r) => r.ok && setPeople(r.value));
  }, [services]);
  const app = state.doc;
  const entity = app.entities.find((e) => e.id === selection.entity) ?? app.entities[0];
  if (!entity) return null;
  const automations = app.automations.filter((a) => a.entity === entity.id);
  const set = (a: Automation, patch: Parameters<typeof updateAutomation>[1]) =>
    run(updateAutomation(a.id, patch));

  return (
    <div className="sc-rules-designer sc-automations-designer">
      <p className="sc-muted">{t('automationsIntro')}</p>
      <div className="sc-toolbar-row">
        <label>
          {t('entity')}{' '}
          <select
            aria-label={t('entity')}
            value={entity.id}
            onChange={(e) => select({ tab: 'automations', entity: e.target.value })}
          >
            {app.entities.map((e) => (
              <option key={e.id} value={e.id}>
                {localize(e.label, locale)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="sc-button"
          onClick={() => run(addAutomation(entity.id, { 'zh-CN': '新自动化', en: 'New automation' }))}
        >
          + {t('addAutomation')}
        </button>
      </div>
      {automations.length === 0 && <p className="sc-muted">{t('noAutomations')}</p>}
      {automations.map((a) => (
        <article key={a.id} className="sc-card sc-vrule" data-automation={a.id}>
          <div className="sc-toolbar-row">
            <LabelInput label={t('automationName')} value={a.label} onCommit={(label) => set(a, { label })} />
            <label className="sc-chip">
              <input
                type="checkbox"
                checked={a.enabled !== false}
                onChange={(e) => set(a, { enabled: e.target.checked })}
              />{' '}
              {t('automationEnabled')}
            </label>
          </div>
          <TriggerEditor automation={a} entity={entity} onChange={(trigger) => set(a, { trigger })} />
          <RuleBuilder
            name={`${a.id}-condition`}
            label={t('condition')}
            value={a.condition}
            fields={entity.fields}
            onChange={(v) => set(a, { condition: v as Automation['condition'] })}
          />
          <fieldset>
            <legend>{t('actions')}</legend>
            {a.actions.map((action) => (
              <div key={action.id} className="sc-card sc-action" data-action={action.id}>
                <div className="sc-toolbar-row">
                  <select
                    aria-label={t('actions')}
                    value={action.type}
                    onChange={(e) => {
                      const next = defaultAction(
                        app,
                        entity.id,
                        e.target.value as Automation['actions'][number]['type'],
                        a.label,
                      );
                      if (next) run(updateAutomationAction(a.id, action.id, next));
                    }}
                  >
                    {ACTION_TYPES.filter(
                      (k) => k === action.type || defaultAction(app, entity.id, k, a.label),
                    ).map((k) => (
                      <option key={k} value={k}>
                        {t(`action_${k}`)}
                      </option>
                    ))}
                  </select>
                  {a.actions.length > 1 && (
                    <button
                      type="button"
                      className="sc-button sc-danger"
                      onClick={() => run(removeAutomationAction(a.id, action.id))}
                    >
                      {t('remove')}
                    </button>
                  )}
                </div>
                <ActionEditor
                  action={action}
                  entity={entity}
                  people={people}
                  onChange={(next) => run(updateAutomationAction(a.id, action.id, next))}
                />
              </div>
            ))}
            <select
              aria-label={t('addAction')}
              value=""
              onChange={(e) => {
                const next = defaultAction(
                  app,
                  entity.id,
                  e.target.value as Automation['actions'][number]['type'],
                  a.label,
                );
                if (next) run(addAutomationAction(a.id, next));
              }}
            >
              <option value="">+ {t('addAction')}</option>
              {ACTION_TYPES.filter((k) => defaultAction(app, entity.id, k, a.label)).map((k) => (
                <option key={k} value={k}>
                  {t(`action_${k}`)}
                </option>
              ))}
            </select>
          </fieldset>
          <button type="button" className="sc-button sc-danger" onClick={() => run(removeAutomation(a.id))}>
            {t('remove')}
          </button>
        </article>
      ))}
    </div>
  );
}
