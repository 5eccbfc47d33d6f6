import { type App, validateApp } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { DesignerCore } from '../core/designer-core.js';
import { normalizeDraft } from '../core/normalize.js';
import {
  ACTION_TYPES,
  addAutomation,
  addAutomationAction,
  defaultAction,
  defaultTrigger,
  removeAutomation,
  removeAutomationAction,
  TRIGGER_TYPES,
  triggerTypesFor,
  updateAutomation,
  updateAutomationAction,
} from './automation-ops.js';

const app = (): App =>
  normalizeDraft({
    schemaVersion: 2,
    id: 'demo',
    label: { en: 'Demo' },
    entities: [
      {
        id: 'account',
        label: { en: 'Account' },
        fields: [
          { id: 'name', label: { en: 'Name' }, type: 'text' },
          { id: 'lastContactAt', label: { en: 'Last contact' }, type: 'datetime' },
        ],
      },
      { id: 'task', label: { en: 'Task' }, fields: [{ id: 'title', label: { en: 'Title' }, type: 'text' }] },
    ],
  });
const label = { en: 'No contact for 3 days', 'zh-CN': '3 天未联系' };

describe('automation ops', () => {
  it('creates a new task where the automations of the app already create theirs, not in the first entity', () => {
    const base = app();
    const withContact: App = {
      ...base,
      entities: [
        {
          id: 'contact',
          label: { en: 'Contact' },
          fields: [{ id: 'name', label: { en: 'Name' }, type: 'text' }],
        },
        ...base.entities,
      ],
    } as App;
    const core = new DesignerCore(withContact, 1);
    // no automation yet: the first entity other than the trigger's
    expect(defaultAction(core.state.doc, 'account', 'create_task', label)).toMatchObject({
      entity: 'contact',
    });
    core.execute(addAutomation('account', label));
    core.execute(
      addAutomationAction('automation1', {
        type: 'create_task',
        entity: 'task',
        assignee: { type: 'owner' },
      }),
    );
    expect(defaultAction(core.state.doc, 'contact', 'create_task', label)).toMatchObject({ entity: 'task' });
  });

  it('build "no contact for 3 days → task + notify the manager" as a valid app; undo reverts', () => {
    const core = new DesignerCore(app(), 1);
    core.execute(addAutomation('account', label));
    const trigger = defaultTrigger(core.state.doc, 'account', 'relative_time');
    expect(trigger).toEqual({ type: 'relative_time', field: 'lastContactAt', offsetHours: 72 });
    core.execute(updateAutomation('automation1', { trigger, condition: { '!!': [{ var: 'name' }] } }));
    const task = defaultAction(core.state.doc, 'account', 'create_task', label);
    expect(task).toMatchObject({ type: 'create_task', entity: 'task' });
    core.execute(addAutomationAction('automation1', task!));
    core.execute(
      updateAutomationAction('automation1', 'notify1', {
        type: 'notify',
        recipients: [{ type: 'owner_manager', levels: 1 }],
        title: label,
      }),
    );
    const a = core.state.doc.automations[0]!;
    expect(a.actions.map((x) => `${x.id}:${x.type}`)).toEqual(['notify1:notify', 'create_task1:create_task']);
    expect(validateApp(core.state.doc).ok).toBe(true);

    core.execute(updateAutomation('automation1', { condition: undefined, enabled: false }));
    expect(core.state.doc.automations[0]).not.toHaveProperty('condition');
    core.execute(removeAutomationAction('automation1', 'notify1'));
    core.execute(removeAutomationAction('automation1', 'create_task1'));
    expect(core.state.doc.automations[0]!.actions.map((x) => x.id)).toEqual(['create_task1']);
    core.execute(removeAutomation('automation1'));
    expect(core.state.doc.automations).toEqual([]);
    while (core.undo());
    expect(core.state.doc.automations).toEqual([]);
  });

  it('every trigger and every action kind the pickers offer starts valid', () => {
    const core = new DesignerCore(app(), 1);
    core.execute(addAutomation('account', label));
    // stage triggers need a stage machine on the entity
    expect(triggerTypesFor(core.state.doc, 'account')).not.toContain('stage_sla');
    expect(TRIGGER_TYPES).toContain('stage_sla');
    for (const type of triggerTypesFor(core.state.doc, 'account')) {
      core.execute(
        updateAutomation('automation1', { trigger: defaultTrigger(core.state.doc, 'account', type) }),
      );
      expect(validateApp(core.state.doc).ok, type).toBe(true);
    }
    for (const type of ACTION_TYPES) {
      const action = defaultAction(core.state.doc, 'account', type, label);
      // no approval on the entity yet: nothing to start, so the picker hides it
      if (type === 'start_approval') expect(action).toBeUndefined();
      else core.execute(addAutomationAction('automation1', action!));
    }
    expect(validateApp(core.state.doc).ok).toBe(true);
  });
});
