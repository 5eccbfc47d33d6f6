/**
 * Automations as the designer edits them: add one on an entity, set its name, switch it on or off,
 * pick its trigger and condition, and add, change and remove its actions. Each is one undoable
 * command. `defaultTrigger` and `defaultAction` give a valid starting point for each kind, so a
 * picker only ever swaps one valid document for another.
 */
import type { Action, App, Automation, LocalizedText, Trigger } from '@stagecraft/schema';
import { type Command, command } from '../core/command.js';
import { uniqueId } from '../core/ids.js';
import { indexOf } from './find.js';

/** Every trigger kind the schema knows, in the order the picker offers them. */
export const TRIGGER_TYPES = [
  'record_created',
  'record_updated',
  'record_deleted',
  'stage_changed',
  'relative_time',
  'stage_sla',
  'schedule',
] as const satisfies readonly Trigger['type'][];

/** The trigger kinds that fit an entity: stage triggers only when it has a stage machine. */
export function triggerTypesFor(app: App, entityId: string): Trigger['type'][] {
  const staged = app.stageMachines.some((m) => m.entity === entityId);
  return TRIGGER_TYPES.filter((t) => staged || (t !== 'stage_changed' && t !== 'stage_sla'));
}

/** Every action kind the engine runs, in the order the picker offers them. */
export const ACTION_TYPES = [
  'notify',
  'create_task',
  'update_fields',
  'assign',
  'webhook',
  'start_approval',
] as const satisfies readonly Action['type'][];

/** An action before the designer gives it an id. */
export type ActionDraft = Action extends infer A ? (A extends Action ? Omit<A, 'id'> : never) : never;

const DATE_TYPES = new Set(['date', 'datetime']);

/** A valid trigger of a kind for an entity: the first date field for time triggers, daily 9:00 for schedules. */
export function defaultTrigger(app: App, entityId: string, type: Trigger['type']): Trigger {
  const entity = app.entities.find((e) => e.id === entityId);
  switch (type) {
    case 'relative_time': {
      const date = entity?.fields.find((f) => DATE_TYPES.has(f.type));
      return { type, field: date?.id ?? 'createdAt', offsetHours: 72 };
    }
    case 'schedule':
      return { type, cron: '0 9 * * *' };
    case 'stage_changed':
    case 'stage_sla':
    case 'record_created':
    case 'record_updated':
    case 'record_deleted':
      return { type };
  }
}

/**
 * A valid action of a kind, or undefined when the app has nothing it could point at (a task needs
 * an entity, an approval needs an approval on this entity).
 */
export function defaultAction(
  app: App,
  entityId: string,
  type: Action['type'],
  label: LocalizedText,
): ActionDraft | undefined {
  switch (type) {
    case 'notify':
      return { type, recipients: [{ type: 'owner' }], title: label };
    case 'create_task': {
      // Where the app's other automations already create tasks (its task entity), else another entity.
      const used = app.automations
        .flatMap((a) => a.actions)
        .find((x) => x.type === 'create_task' && app.entities.some((e) => e.id === x.entity));
      const target =
        app.entities.find((e) => used?.type === 'create_task' && e.id === used.entity) ??
        app.entities.find((e) => e.id !== entityId) ??
        app.entities[0];
      return target && { type, entity: target.id, assignee: { type: 'owner' }, dueInHours: 24 };
    }
    case 'update_fields':
      return { type, values: {} };
    case 'assign':
      return { type, strategy: 'round_robin', pool: {} };
    case 'webhook':
      return { type, url: 'https://example.com/hook' };
    case 'start_approval': {
      const approval = app.approvals.find((a) => a.entity === entityId);
      return approval && { type, approval: approval.id };
    }
  }
}

const mapAutomation = (id: string, what: string, edit: (a: Automation) => Automation): Command =>
  command(`${what} ${id}`, (app) => {
    const i = indexOf(app.automations, id, 'automation');
    const automations = [...app.automations];
    automations[i] = edit(automations[i] as Automation);
    return { ...app, automations };
  });

/** Adds an automation on an entity: when a record is created, notify its owner. */
export function addAutomation(entityId: string, label: LocalizedText): Command {
  return command('add automation', (app) => {
    const id = uniqueId(
      'automation',
      app.automations.map((a) => a.id),
    );
    const automation: Automation = {
      id,
      label,
      entity: entityId,
      enabled: true,
      trigger: { type: 'record_created' },
      actions: [{ id: 'notify1', type: 'notify', recipients: [{ type: 'owner' }], title: label }],
    };
    return { ...app, automations: [...app.automations, automation] };
  });
}

/** Sets the name, on/off, trigger or condition (`condition` undefined: always). */
export function updateAutomation(
  id: string,
  patch: Partial<Pick<Automation, 'label' | 'enabled' | 'trigger' | 'condition'>>,
): Command {
  return mapAutomation(id, 'edit automation', (a) => {
    const next: Automation = { ...a, ...patch };
    if ('condition' in patch && patch.condition === undefined) delete next.condition;
    return next;
  });
}

/** Removes an automation (its past runs stay in the run log). */
export function removeAutomation(id: string): Command {
  return command(`remove automation ${id}`, (app) => ({
    ...app,
    automations: app.automations.filter((a) => a.id !== id),
  }));
}

/** Appends an action; its id comes from its kind (`create_task1`). */
export function addAutomationAction(id: string, action: ActionDraft): Command {
  return mapAutomation(id, 'add action to', (a) => {
    const actionId = uniqueId(
      action.type,
      a.actions.map((x) => x.id),
    );
    return { ...a, actions: [...a.actions, { ...action, id: actionId } as Action] };
  });
}

/** Replaces an action (keeping its id), e.g. after a picker changed its recipients or kind. */
export function updateAutomationAction(id: string, actionId: string, action: ActionDraft): Command {
  return mapAutomation(id, 'edit action of', (a) => {
    const i = indexOf(a.actions, actionId, 'automation action');
    const actions = [...a.actions];
    actions[i] = { ...action, id: actionId } as Action;
    return { ...a, actions };
  });
}

/** Removes an action; the last one stays (an automation needs one). */
export function removeAutomationAction(id: string, actionId: string): Command {
  return mapAutomation(id, 'remove action from', (a) =>
    a.actions.length <= 1 ? a : { ...a, actions: a.actions.filter((x) => x.id !== actionId) },
  );
}
